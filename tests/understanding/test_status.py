import pytest

from assistant.understanding.question import QuestionText
from assistant.understanding.status import find_status


@pytest.mark.parametrize("text, expected", [
    ("其中哪些已完成？", "A"),
    ("都發局主辦的項目中，哪些是A已完成或例行性業務？", "A"),
    ("教育局主辦的項目裡有哪些已經完成？", "A"),
    ("哪些屬於例行性業務", "A"),
    ("Which items are marked as completed or routine (status A)?", "A"),
    ("and the completed ones?", "A"),
    ("狀態為A的項目", "A"),
    ("社會局主辦、仍為B執行中的項目有哪些?", "B"),
    ("哪些還在執行中？", "B"),
    ("教育局主辦的項目有幾項仍在執行中?", "B"),
    ("哪些項目還沒完成", "B"),
    ("尚未完成的項目", "B"),
    ("進行中的項目有幾項", "B"),
    ("Which items are still in progress?", "B"),
    ("items that are ongoing", "B"),
    ("items not yet completed", "B"),
    ("status B items", "B"),
    ("社會局主辦的項目有哪些?", None),
    ("社宅分級租金的辦理情形", None),
    ("已完成或執行中的項目", None),
    ("A主題的KPI", None),
])
def test_status(text, expected):
    assert find_status(QuestionText(text)) == expected


def test_negated_completion_is_claimed_before_completion():
    question = QuestionText("還沒完成的項目")
    assert find_status(question) == "B"
    assert "完成" not in question.masked
