"""Chart builders on records made up here: what they plot, when they decline, and specs without data."""

from collections import Counter

from assistant.answering.render.charts import budget_trend, group_counts, kpi_trend
from assistant.corpus.period import Period
from assistant.parsing.models import BudgetFigure, KpiResult


def _kpi(year, name="甲率", target=None, actual=None):
    return KpiResult(file="t.txt", line=year, end_line=year, period=Period(year_roc=year), series=None, group="Z",
                     year_roc=year, kpi_code="Z1.1", kpi_name=name, target=target,
                     target_raw=None if target is None else f"{target}%", actual=actual,
                     actual_raw=None if actual is None else f"{actual}%")


def _figure(year, item, value, unit):
    return BudgetFigure(file="t.txt", line=1, end_line=1, period=Period(year_roc=year), series=None, table="預算",
                        item=item, year_roc=year, value=value, value_raw=str(value), unit=unit, agency="測試局")


def test_group_counts_stack_by_status_and_keep_the_groups_order():
    chart = group_counts([("乙局", Counter({"B執行中": 2, "A已完成": 1})), ("甲局", Counter({"B執行中": 1}))], "項數", "zh")
    assert [(r["group"], r["status"], r["count"]) for r in chart.data] == [
        ("乙局", "A已完成", 1), ("乙局", "B執行中", 2), ("甲局", "B執行中", 1)]
    assert chart.spec["encoding"]["color"]["field"] == "status" and "data" not in chart.spec
    assert "共 2 組、4 項" in chart.description


def test_group_counts_without_statuses_are_plain_bars():
    chart = group_counts([("甲", Counter({"": 3}))], "項數", "zh")
    assert "color" not in chart.spec["encoding"]


def test_a_kpi_trend_needs_two_years_and_plots_target_and_actual():
    assert kpi_trend([_kpi(108, target=3.8, actual=3.6)], "zh") is None
    chart = kpi_trend([_kpi(108, target=3.8, actual=3.6), _kpi(109, target=3.7)], "zh")
    assert [(r["year"], r["measure"], r["value"], r["unit"]) for r in chart.data] == [
        (108, "目標值", 3.8, "%"), (108, "實際值", 3.6, "%"), (109, "目標值", 3.7, "%")]
    assert chart.kind == "kpi_trend" and "facet" not in chart.spec and "甲率" in chart.title


def test_several_kpis_get_one_panel_each():
    chart = kpi_trend([_kpi(108, "甲率", 1, 1), _kpi(109, "甲率", 2), _kpi(108, "乙率", 5, 6)], "zh")
    assert chart.spec["facet"]["field"] == "kpi" and chart.spec["resolve"]["scale"]["y"] == "independent"


def test_a_budget_trend_puts_each_unit_in_its_own_panel():
    assert budget_trend([_figure(109, "預算", 1, "百萬元")], "zh") is None
    chart = budget_trend([_figure(109, "預算", 267, "百萬元"), _figure(110, "預算", 275, "百萬元"),
                          _figure(109, "職員", 134, "人"), _figure(110, "職員", 125, "人")], "zh")
    assert chart.spec["facet"]["field"] == "unit" and len(chart.data) == 4
    single = budget_trend([_figure(109, "預算", 267, "百萬元"), _figure(110, "預算", 275, "百萬元")], "zh")
    assert single.spec["encoding"]["y"]["title"] == "百萬元"
