"""Values cite the fact: a KPI value's quote runs from the KPI's name to the value, a claimed status
quotes the status cell."""

import re


def test_a_kpi_values_quotes_name_the_kpi_and_hold_both_values(assistant, assert_cited):
    """The issue's own check: the quotes together contain the KPI's name and both values."""
    response = assistant.ask("108年失業率的目標值和實際值")
    item = response.items[0]
    target, actual, name = item.fields["target_raw"], item.fields["actual_raw"], item.fields["kpi_name"]
    quotes = [c.quote for c in response.citations]
    assert any(target in q and name in q for q in quotes) and any(actual in q and name in q for q in quotes)
    for citation in response.citations[:2]:
        assert citation.line == item.fields["line"] < citation.end_line, "a range from the name to the value"
    assert_cited(response)


def test_a_claimed_status_quotes_the_status_cell(toy_assistant, assert_cited):
    response = toy_assistant.ask("推動公園遊戲場更新的辦理等級是什麼？")
    assert re.match(r"2、推動公園遊戲場更新 \[1\]（辦理等級：B執行中 \[2\]）", response.answer)
    assert [c.quote for c in response.citations] == ["2、推動公園遊戲場更新", "B執行中"]
    assert response.items[0].citations == [1, 2]
    assert_cited(response)


def test_a_catalogue_kpis_agencies_are_shown_as_printed_then_by_full_name_where_that_differs():
    from assistant.answering.render.values import printed_agencies
    from assistant.corpus.period import Period
    from assistant.parsing.models import StrategyKpi

    def kpi(raw: str, agencies: list[str]) -> StrategyKpi:
        return StrategyKpi(file="map.txt", line=1, end_line=1, period=Period(year_roc=100), series=None, year_roc=100,
                           theme_code="A", theme_name="甲", perspective="顧客", goal_code="AC1", goal_name="乙",
                           kpi_code="AC1.1", kpi_name="丙", agencies=agencies, agencies_raw=raw, wccd="(WCCD)" in raw)

    assert printed_agencies(kpi("水處(WCCD)", ["自來水事業處"]), "zh") == "水處(WCCD)（自來水事業處）"
    assert printed_agencies(kpi("工務局(WCCD)", ["工務局"]), "zh") == "工務局(WCCD)"  # the aside names no agency
    assert printed_agencies(kpi("", ["工務局"]), "zh") == "工務局"
