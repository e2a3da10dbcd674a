import pytest

from assistant.understanding.question import QuestionText
from assistant.understanding.roles import find_role


@pytest.mark.parametrize("text, expected", [
    ("社會局主辦的項目有哪些?", "lead"),
    ("消防局主責的關鍵績效指標", "lead"),
    ("客委會負責哪些KPI", "lead"),
    ("Which items led by the Department of Social Welfare", "lead"),
    ("Which Fire Department-led items", "lead"),
    ("Department of Education led items", "lead"),
    ("KPIs the Police Department is responsible for", "lead"),
    ("產業局協辦的項目有哪些？", "co"),
    ("資訊局有協辦哪些項目？", "co"),
    ("items that list it as a co-organizer", "co"),
    ("items it co-organises", "co"),
    ("捷運公司主辦或協辦了哪些項目？", "lead_or_co"),
    ("社會局參與的項目", "lead_or_co"),
    ("主協辦的項目", "lead_or_co"),
    ("Which items is Social Welfare involved in?", "lead_or_co"),
    ("社會局的項目有哪些", None),
    ("青年局的籌備進度如何？", None),
])
def test_role(text, expected):
    assert find_role(QuestionText(text)) == expected
