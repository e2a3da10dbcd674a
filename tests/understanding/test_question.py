import re

from assistant.understanding.question import MASK, QuestionText, ascii_lower, detect_language, normalize_question


def test_simplified_is_converted_and_tai_folded():
    assert normalize_question("台北市社会局主办的项目") == "臺北市社會局主辦的項目"


def test_traditional_text_is_left_as_typed():
    assert normalize_question("臺北市里長占比") == "臺北市里長占比"


def test_full_width_letters_and_digits_are_folded():
    assert normalize_question("ＤＣ２．１的目標值？") == "DC2.1的目標值?"


def test_language_follows_the_script_that_dominates():
    assert detect_language("What was the 2020 actual for the homeless exit rate (街友脫遊率)?") == "en"
    assert detect_language("YouBike 12月單月周轉率降到多少？") == "zh"
    assert detect_language("107年施政綱要有哪些KPI屬於WCCD指標？") == "zh"


def test_ascii_lower_keeps_every_index():
    text = "Group D 優化產業勞動"
    assert ascii_lower(text) == "group d 優化產業勞動"
    assert len(ascii_lower(text)) == len(text)


def test_claim_masks_what_it_yields_and_keeps_the_length():
    question = QuestionText("社會局主辦、仍為B執行中")
    matches = [m.group() for m in question.claim(re.compile("主辦"))]
    assert matches == ["主辦"]
    assert question.masked == f"社會局{MASK * 2}、仍為b執行中"
    assert question.text == "社會局主辦、仍為B執行中"
    assert not question.claim_any(re.compile("主辦")), "a claimed word is not found twice"
    assert question.is_free(0, 3) and not question.is_free(2, 4)
