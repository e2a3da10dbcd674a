import pytest

from assistant.understanding.question import QuestionText
from assistant.understanding.status import find_status


@pytest.mark.parametrize("text, expected", [
    ("其中哪些已完成？", "A"),
    ("哪些已經做完了", "A"),
    ("哪些屬於例行性業務", "A"),
    ("Which items are completed?", "A"),
    ("狀態為A的項目", "A"),
    ("哪幾項還在執行中？", "B"),
    ("哪些項目還沒完成", "B"),
    ("那還沒做完的是哪幾項", "B"),  # negated completion, any completion verb
    ("尚未結案的項目", "B"),
    ("進行中的項目有幾項", "B"),
    ("幾項還在做", "B"),  # work still going on, in everyday words
    ("仍在辦的有哪些", "B"),
    ("狀態仍為B的項目", "B"),  # an adverb between the label and the letter
    ("items not yet finished", "B"),
    ("status B items", "B"),
    ("有多少是A級的", "A"),  # a letter with 級: the 辦理等級
    ("有沒有完成的項目", "A"),
    ("辦理等級已經是A的項目", "A"),  # 有沒有 asks whether; it negates nothing
    ("B級的項目", "B"),
    ("工務局主辦的項目有哪些?", None),
    ("已完成或執行中的項目", None),  # both: no filter
    ("B主題的指標", None),  # a bare letter is a theme, not a status
])
def test_status(text, expected):
    assert find_status(QuestionText(text)) == expected


def test_negated_completion_is_claimed_before_completion():
    question = QuestionText("還沒完成的項目")
    assert find_status(question) == "B"
    assert "完成" not in question.masked
