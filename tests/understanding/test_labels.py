import pytest

from assistant.understanding.labels import find_labels
from assistant.understanding.question import QuestionText


@pytest.mark.parametrize("text, field, value", [
    ("綱要「性別友善」底下有哪些政策項目？", "outline", "性別友善"),
    ("類別「十七、提升社會住宅服務」包含哪些項目？", "category", "十七、提升社會住宅服務"),
    ("「促進原住民族就業」這個類別有哪些政策項目？", "category", "五十八、促進原住民族就業"),
    ("十八、推動青銀換居的項目", "category", "十八、推動青銀換居"),
    ("類別提升社會住宅服務有哪些項目", "category", "十七、提升社會住宅服務"),
    ("107年「優化產業勞動」主題中", "theme", "D"),
    ("營造永續環境的KPI有幾項", "theme", "A"),
    ("107年策略目標DP3「發展重點產業」下有哪些KPI？", "goal_name", "發展重點產業"),
    ("秘書處如何速處輿情反映?", "goal_name", "速處輿情反映"),
])
def test_labels(text, field, value, facts):
    assert getattr(find_labels(QuestionText(text), facts), field) == value


def test_an_unquoted_category_name_needs_the_word_類別(facts):
    assert find_labels(QuestionText("台北市如何促進原住民族就業？"), facts).category is None


def test_a_quoted_word_that_names_no_label_stays_unclaimed(facts):
    question = QuestionText("自評燈號為「優」的KPI")
    find_labels(question, facts)
    assert "「優」" in question.masked
