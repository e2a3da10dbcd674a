import pytest

from assistant.understanding.question import QuestionText
from assistant.understanding.years import find_years


@pytest.mark.parametrize("text, expected", [
    ("社會局112年主辦的項目", [112]),
    ("民國107年的KPI", [107]),
    ("108年度的目標", [108]),
    ("2023年的辦理情形", [112]),
    ("臺北市2030年的碳排放目標", [119]),
    ("109-111年的目標值", [109, 110, 111]),
    ("109年E組有幾項KPI達成109年目標值", [109]),
    ("What is the ROC 111 (2022) target for DP3.1?", [111]),
    ("What progress was made in 2023?", [112]),
    ("Which 2018 (107) KPIs", [107]),
    ("2025世界人才首都計畫做了什麼", []),
    ("DP3.4.1 行動方案", []),
    ("YouBike 12月單月周轉率", []),
])
def test_years(text, expected):
    assert find_years(QuestionText(text)) == expected


def test_years_are_claimed():
    question = QuestionText("109年E組有幾項KPI達成109年目標值")
    find_years(question)
    assert "109" not in question.masked
