import pytest

from assistant.understanding.intent import classify
from assistant.understanding.question import ascii_lower, normalize_question

NOTHING = dict(has_subject=False, has_row_filter=False, has_kpi=False)
ROWS = dict(has_subject=True, has_row_filter=True, has_kpi=False)
KPI = dict(has_subject=False, has_row_filter=False, has_kpi=True)


def intent(question: str, flags: dict) -> str | None:
    return classify(ascii_lower(normalize_question(question)), **flags)


@pytest.mark.parametrize("question, flags, expected", [
    ("產業發展局主辦幾項?", NOTHING, "count"),
    ("都发局主办几项？", NOTHING, "count"),
    ("社會侷協辦幾個項目？", ROWS, "count"),
    ("臺北市政府107年施政綱要一共發表多少項策略目標？", NOTHING, "count"),
    ("社會局主辦的項目數", ROWS, "count"),
    ("How many KPIs did Group D track in 2019?", NOTHING, "count"),
    ("How many items are completed?", NOTHING, "count"),
    ("社會局主辦的項目有哪些?", ROWS, "list"),
    ("108年D組哪一項KPI沒有達成年度目標？", ROWS, "list"),
    ("Which items led by the Department of Social Welfare are still in progress?", ROWS, "list"),
    ("社會局主辦的項目", ROWS, "list"),
    ("外送員權益保障做了哪些事？", NOTHING, "free"),
    ("秘書處在拓展城市交流方面有哪些成果?", NOTHING, "free"),
    ("社宅分級租金做了什麼?", NOTHING, "free"),
    ("為什麼108年DP5.1被標示達標，實際上卻沒有達成？", KPI, "free"),
    ("元宇宙防災教育設施的預算怎麼編？", NOTHING, "free"),
    ("What did the city do in 2023 to help civil servants use generative AI?", NOTHING, "free"),
    ("What progress was made on the MRT Eastern Section in 2023?", NOTHING, "free"),
    ("狗公園蓋好了嗎？", NOTHING, "free"),
    ("秘書處112年度預算執行率是多少？", NOTHING, "lookup"),
    ("台北市都市更新自治條例什麼時候公布修正？", NOTHING, "lookup"),
    ("秘书处112年约聘雇人员有几人？", NOTHING, "lookup"),
    ("台北市112年下半年主辦了幾場國際賽事？", NOTHING, "lookup"),
    ("What were the Secretariat's personnel costs in 2023 (ROC 112)?", NOTHING, "lookup"),
    ("What was Taipei's unemployment rate in 2023?", NOTHING, "lookup"),
    ("108年DC2.1", KPI, "lookup"),
    ("那協辦的呢？", NOTHING, None),
    ("those still in progress?", NOTHING, None),
])
def test_intent(question, flags, expected):
    assert intent(question, flags) == expected


def test_which_without_anything_to_enumerate_is_not_a_list():
    """哪些 asking for a description says nothing about the intent; the reader falls back to free."""
    assert intent("哪些是重點", NOTHING) is None
    assert intent("臺北市政府聯合服務中心有哪些機關進駐？", NOTHING) is None
