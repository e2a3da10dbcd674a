import pytest

from assistant.text.normalize import normalize
from assistant.understanding.kpi import find_codes, find_name, find_name_in_terms
from assistant.understanding.question import QuestionText


@pytest.mark.parametrize("text, kpi_code, goal_code", [
    ("108年DC2.1的目標值", "DC2.1", None),
    ("ＤＣ２．１的目標值是多少", "DC2.1", None),
    ("ep5.1的實際值", "EP5.1", None),
    ("107年策略目標DP3「發展重點產業」下有哪些KPI？", None, "DP3"),
    ("行動方案DP3.4.1的進度", None, None),
    ("ZZ9.9", None, None),
])
def test_codes(text, kpi_code, goal_code, facts):
    codes = find_codes(QuestionText(text), facts)
    assert (codes.kpi_code, codes.goal_code) == (kpi_code, goal_code)


@pytest.mark.parametrize("text, name", [
    ("108年失業率的目標值", "失業率"),
    ("109年青年失業率的目標值", "青年失業率"),
    ("108年D組「協助本市企業創新家數」的目標值", "協助本市企業創新家數"),
    ("109年E組資本支出預算達成率(EF1.1)的實際值", "各機關(基金)資本支出預算達成率"),
    ("生技企業營收成長率是多少", "生技企業營收成長率(兩年一次)"),
    ("SOP定期檢視完成度的主責機關", "SOP 定期檢視完成度"),
    ("秘書處112年度預算執行率是多少？", None),   # 預算執行率 ends many KPI names: it names none
    ("社宅分級租金做了什麼?", None),
])
def test_names(text, name, facts):
    found = find_name(QuestionText(text), facts)
    assert (normalize(found) if found else None) == (normalize(name) if name else None)


def test_a_name_is_claimed_so_its_words_are_not_read_again(facts):
    question = QuestionText("SOP定期檢視完成度")
    find_name(question, facts)
    assert "完成" not in question.masked


def test_glossary_terms_name_a_kpi_exactly(facts):
    assert find_name_in_terms(["失業率"], facts) == "失業率"
    assert find_name_in_terms(["社會住宅"], facts) is None
