"""Which KPI of another year stands for one that year does not report: pairs under a goal, most alike first."""

from assistant.answering.gather.counterparts import counterparts
from assistant.corpus.period import Period
from assistant.parsing.models import KpiResult

MIN = 0.3


def kpi(year: int, code: str, name: str, goal: str, file: str = "deck.txt") -> KpiResult:
    return KpiResult(file=file, line=year, end_line=year, period=Period(year_roc=year), series=None, group="X",
                     year_roc=year, kpi_code=code, kpi_name=name, goal_code=code[:3], goal_name=goal)


def test_a_kpi_replaced_under_its_goal_is_paired_with_the_new_one_most_like_it():
    dropped = kpi(1, "XP2.2", "長者搭乘公車人次成長率", "樂齡環境")
    records = [kpi(1, "XP2.1", "社區據點開辦數", "樂齡環境"), dropped,
               kpi(2, "XP2.1", "敬老卡使用成長率", "樂齡環境"), kpi(2, "XC1.1", "失業率", "就業")]
    assert [r.kpi_code for r in counterparts(dropped, 2, records, MIN)] == ["XP2.1"]
    assert counterparts(records[0], 2, records, MIN) == []  # the new KPI is taken; nothing like 據點 is left


def test_a_kpi_whose_name_goes_on_has_no_other_counterpart():
    records = [kpi(1, "XC1.1", "失業率", "就業"), kpi(2, "XC1.2", "失業率", "就業"), kpi(2, "XC1.1", "青年失業率", "就業")]
    assert counterparts(records[0], 2, records, MIN) == []


def test_a_new_kpi_under_the_goal_that_is_nothing_like_it_is_no_counterpart():
    records = [kpi(1, "XP3.3", "生技營收成長率", "產業"), kpi(2, "XP3.4", "會展活動場次", "產業")]
    assert counterparts(records[0], 2, records, MIN) == []


def test_a_new_kpi_under_another_goal_is_no_counterpart_however_alike():
    records = [kpi(1, "XP4.2", "弱勢族群運輸使用量", "無障礙"), kpi(2, "XC4.2", "弱勢族群運輸使用率", "關懷")]
    assert counterparts(records[0], 2, records, MIN) == []


def test_a_catalogue_kpi_finds_its_counterpart_in_another_document_under_a_goal_of_the_same_name():
    listed = kpi(1, "XC2.3", "街友脫遊數", "弱勢關懷", file="catalogue.txt")
    records = [listed, kpi(2, "XC1.3", "街友脫遊率", "弱勢關懷", file="deck.txt"),
               kpi(2, "XC1.4", "就業媒合率", "弱勢關懷", file="deck.txt")]
    assert [r.kpi_name for r in counterparts(listed, 2, records, MIN)] == ["街友脫遊率"]
