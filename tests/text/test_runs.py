from assistant.text.runs import kept_in_order, shared_run


def test_shared_run_is_the_longest_piece_in_common():
    assert shared_run("推動青銀換居", "青銀換居的成效") == "青銀換居"


def test_a_contraction_keeps_the_leading_characters_of_its_words_in_order():
    assert kept_in_order("職災", "職業災害補償", 3)
    assert kept_in_order("長照", "長期照顧服務", 3)
    assert kept_in_order("北士科", "北投士林科技園區", 3)


def test_a_contraction_may_leave_a_qualifier_out():
    assert kept_in_order("死亡率", "交通事故死亡百萬人率", 3)


def test_a_run_held_whole_is_kept_in_order():
    assert kept_in_order("捷運", "捷運路網", 3)


def test_characters_out_of_order_or_missing_are_no_contraction():
    assert not kept_in_order("災職", "職業災害", 3)
    assert not kept_in_order("職傷", "職業災害", 3)


def test_characters_too_far_apart_are_no_contraction():
    assert not kept_in_order("市圖", "市民活動中心暨區域圖書館", 3)
    assert kept_in_order("市圖", "市民活動中心暨區域圖書館", 12)


def test_one_character_contracts_nothing():
    assert not kept_in_order("局", "社會局", 3)
