import pytest

from assistant.understanding.question import QuestionText
from assistant.understanding.values import Values, find_filters, find_measures

BUDGET_ITEMS = ("預算", "決算", "執行率", "人事費占決算比例", "人事費", "合計", "職員", "約聘僱人員", "警員", "技工工友")


def read(text: str) -> Values:
    values = Values()
    question = QuestionText(text)
    find_filters(question, values)
    find_measures(question, values, BUDGET_ITEMS)
    return values


@pytest.mark.parametrize("text, met", [
    ("109年E組哪些KPI沒有達到目標值？", False),
    ("108年D組哪一項KPI沒有達成年度目標？", False),
    ("未達標的KPI", False),
    ("KPIs that did not meet their targets", False),
    ("109年E組有幾項KPI達成109年目標值？", True),
    ("達標的KPI有哪些", True),
    ("KPIs that met the target", True),
    ("109年E組的KPI有哪些", None),
])
def test_target_met(text, met):
    assert read(text).target_met is met


def test_a_missed_target_is_not_a_request_for_the_target_value():
    assert read("109年E組哪些KPI沒有達到目標值？").measures == []


@pytest.mark.parametrize("text, rating", [
    ("109年E組自評燈號為「優」的KPI有哪些？", "優"),
    ("燈號為良好的KPI", "良"),
    ("KPIs rated excellent", "優"),
])
def test_rating(text, rating):
    values = read(text)
    assert values.rating == rating
    assert "rating" in values.measures


@pytest.mark.parametrize("text, measures", [
    ("目標值和達成值是多少", ["actual", "target"]),
    ("目標與實際值", ["actual", "target"]),
    ("目標達成度", ["achievement"]),
    ("What was the 2020 actual", ["actual"]),
    ("What is the 2022 target", ["target"]),
    ("總得分多少", ["score"]),
])
def test_measures(text, measures):
    assert sorted(read(text).measures) == sorted(measures)


@pytest.mark.parametrize("text, items", [
    ("秘書處112年度預算執行率是多少？", ["執行率"]),
    ("秘書處109年的預算和決算各是多少？", ["決算", "預算"]),
    ("秘書處112年約聘僱人員有幾人？", ["約聘僱人員"]),
    ("秘書處112年機關實際員額合計多少人？", ["合計"]),
    ("人事費占決算比例", ["人事費占決算比例"]),
    ("What were the Secretariat's personnel costs in 2023?", ["人事費"]),
])
def test_budget_items(text, items):
    assert sorted(read(text).budget_items) == sorted(items)


def test_budget_items_are_only_those_the_corpus_prints():
    values = Values()
    find_measures(QuestionText("預算和決算"), values, ("預算",))
    assert values.budget_items == ["預算"]


@pytest.mark.parametrize("text, has_co", [
    ("白皮書一覽表中沒有協辦機關的項目有幾項？", False),
    ("無協辦單位的項目", False),
    ("items with no co-organizer", False),
    ("有協辦機關的項目有幾項", True),
    ("資訊局有協辦哪些項目？", None),
])
def test_co_agency_presence(text, has_co):
    assert read(text).has_co_agency is has_co


@pytest.mark.parametrize("text, number", [("第31項的辦理情形", 31), ("#49 進度如何", 49), ("項次 12", 12),
                                          ("item 7 progress", 7), ("政策項目有哪些", None)])
def test_item_number(text, number):
    assert read(text).item_no == number


def test_wccd():
    assert read("107年施政綱要有哪些KPI屬於WCCD指標？").wccd is True
    assert read("107年施政綱要有哪些KPI").wccd is None
