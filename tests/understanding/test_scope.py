import pytest

from assistant.understanding.scope import resolve
from assistant.understanding.signals import read_signals
from tests.understanding.files import FILE_000, FILE_001, FILE_002, FILE_003, FILE_004


@pytest.mark.parametrize("question, intent, files, record_type", [
    ("社會局主辦的項目有哪些?", "list", [FILE_000], "progress_item"),
    ("哪些項目還沒完成", "list", [FILE_000], "progress_item"),
    ("107年施政綱要中，消防局主責的關鍵績效指標有哪些？", "list", [FILE_001], "strategy_kpi"),
    ("107年「優化產業勞動」策略主題有幾項關鍵績效指標？", "count", [FILE_001], "strategy_kpi"),
    ("How many KPIs did Group D (優化產業勞動) track in 2019?", "count", [FILE_002], "kpi_result"),
    ("109年E組哪些KPI沒有達到目標值？", "list", [FILE_003], "kpi_result"),
    ("110年E組策略地圖的KPI修正後剩幾項？", "count", [FILE_003], "kpi_result"),
    ("營造永續環境的KPI有幾項", "count", [FILE_001], "strategy_kpi"),
    ("社會局主責的KPI有哪些", "list", [FILE_001, FILE_002, FILE_003], None),
    ("109年的失業率目標值是多少？", "lookup", [FILE_002], "kpi_result"),
    ("秘書處112年度預算執行率是多少？", "lookup", [FILE_004], "budget_figure"),
    ("秘書處112年度的重要年度施政目標有幾項？", "count", [FILE_004], "performance_goal"),
    ("秘書處如何優化辦公環境？", "free", [FILE_004], "performance_goal"),
    ("秘書處主辦的項目有哪些", "list", [FILE_000], "progress_item"),
    ("台北市112年下半年主辦了幾場國際賽事？", "lookup", [FILE_000, FILE_004], None),
    ("元宇宙防災教育設施的預算怎麼編？", "free", [], None),
    ("社宅分級租金做了什麼?", "free", [], None),
])
def test_scope(question, intent, files, record_type, facts):
    scope = resolve(read_signals(question, facts), facts, intent)
    assert (scope.files, scope.record_type, scope.conflict) == (files, record_type, None)


@pytest.mark.parametrize("question, expected", [
    ("113年社會住宅的辦理進度如何？", "語料沒有113年的資料"),
    ("113年的辦理情形", "「市政白皮書112年下半年辦理情形與成果一覽表」(000)只涵蓋112年"),
    ("秘書處108年的預算是多少？", "只涵蓋109–112年"),
    ("108年施政綱要的KPI", "只涵蓋107年"),
    ("明年的計畫", None),
])
def test_a_stated_scope_without_the_year_is_a_conflict(question, expected, facts):
    conflict = resolve(read_signals(question, facts), facts, "lookup").conflict
    assert (conflict is None) if expected is None else (expected in conflict)
