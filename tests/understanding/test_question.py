import re

from assistant.understanding.question import MASK, QuestionText, ascii_lower, detect_language, normalize_question


def test_simplified_is_converted_and_tai_folded():
    assert normalize_question("台北市工务局主办的项目") == "臺北市工務局主辦的項目"


def test_traditional_text_is_left_as_typed():
    assert normalize_question("臺北市里長占比") == "臺北市里長占比"


def test_full_width_letters_and_digits_are_folded():
    assert normalize_question("ＡＢ１．２的目標值？") == "AB1.2的目標值?"


def test_language_follows_the_script_that_dominates():
    assert detect_language("What was the target for the park renewal (公園更新)?") == "en"
    assert detect_language("YouBike 站點在本市有幾個？") == "zh"


def test_ascii_lower_keeps_every_index():
    text = "Group X 測試主題"
    assert ascii_lower(text) == "group x 測試主題"
    assert len(ascii_lower(text)) == len(text)


def test_claim_masks_what_it_yields_and_keeps_the_length():
    question = QuestionText("工務局主辦、仍在執行中")
    matches = [m.group() for m in question.claim(re.compile("主辦"))]
    assert matches == ["主辦"]
    assert question.masked == f"工務局{MASK * 2}、仍在執行中"
    assert question.text == "工務局主辦、仍在執行中"
    assert not question.claim_any(re.compile("主辦")), "a claimed word is not found twice"
    assert question.is_free(0, 3) and not question.is_free(2, 4)


def test_claims_can_be_limited_to_a_span():
    question = QuestionText("主辦幾項、主辦又有幾項")
    assert [m.start() for m in question.claim(re.compile("主辦"), 5)] == [5]
    assert question.is_free(0, 2)
