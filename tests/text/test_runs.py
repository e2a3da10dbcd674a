from assistant.text.runs import elided, kept_in_order, shared_run


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


def test_a_quote_may_leave_out_the_middle_of_a_title():
    assert elided("春季成果暨秋季任務", "春季成果與全年重點暨秋季任務報告", 4)


def test_an_elision_keeps_its_runs_in_order_and_long_enough():
    assert not elided("秋季任務暨春季成果", "春季成果與全年重點暨秋季任務報告", 4)  # out of order
    assert not elided("春季全年", "春季成果與全年重點", 4)  # two runs of two characters
    assert elided("春季全年", "春季成果與全年重點", 2)


def test_a_run_held_whole_is_no_elision():
    assert not elided("春季成果", "春季成果與全年重點", 4)  # printed as it is: nothing left out
