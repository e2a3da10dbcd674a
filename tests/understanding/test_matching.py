from assistant.understanding.matching import (
    compact,
    compact_with_positions,
    grams,
    longest_common_substring,
    name_keys,
    strip_numbering,
)


def test_compact_keeps_ideographs_letters_digits():
    assert compact("各機關(基金)資本支出預算達成率、DC 2.1") == "各機關基金資本支出預算達成率dc21"


def test_positions_point_back_into_the_text():
    text, positions = compact_with_positions("社會局|主辦、項目", keep="|")
    assert text == "社會局|主辦項目"
    assert [positions[i] for i in (0, 3, 6)] == [0, 3, 7]


def test_name_keys_drop_parenthesised_asides():
    assert name_keys("生技企業營收成長率（兩年一次）") == ("生技企業營收成長率兩年一次", "生技企業營收成長率")
    assert name_keys("失業率") == ("失業率",)


def test_strip_numbering():
    assert strip_numbering("十七、提升社會住宅服務") == "提升社會住宅服務"
    assert strip_numbering("20、推動青銀換居") == "推動青銀換居"
    assert strip_numbering("性別友善") == "性別友善"


def test_longest_common_substring():
    assert longest_common_substring("109年資本支出預算達成率的實際值", "各機關資本支出預算達成率") == (9, 4)
    assert longest_common_substring("abc", "xyz") == (0, 0)


def test_grams():
    assert grams("abcd", 3) == {"abc", "bcd"}
    assert grams("ab", 3) == set()
