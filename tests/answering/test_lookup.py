"""Lookups of KPI values and budgets from the records, read by hand (not by `understand`)."""

from assistant.answering.lookup import answer_lookup


def _quotes(request):
    return {c.quote: c for c in request.citations.entries}


def test_a_budget_figure_comes_with_its_unit_year_and_row(make_request):
    request = make_request("lookup", agency="秘書處", years=[112], budget_items=["執行率"], record_type="budget_figure")
    composed = answer_lookup(request)
    assert not composed.refused and "112年度預算執行率為97.5%" in composed.headline
    (citation,) = request.citations.entries
    assert citation.line == 17 and "97.5" in citation.quote  # 004 L17: 執行率 91.3/92.3/96.2/97.5


def test_budgets_exist_only_for_the_secretariat(make_request):
    composed = answer_lookup(make_request("lookup", agency="客家事務委員會", years=[112], budget_items=["預算"],
                                          record_type="budget_figure"))
    assert composed.refused and "秘書處" in composed.headline


def test_a_kpi_value_cites_the_lines_that_print_target_and_actual(make_request):
    request = make_request("lookup", years=[108], group="D", kpi_name="協助本市企業創新家數",
                           measures=["target", "actual"])
    composed = answer_lookup(request)
    assert "目標值 540" in composed.headline and "實際值 547" in composed.headline
    lines = {c.line for c in request.citations.entries}
    assert {502, 505} <= lines  # 002: `540` on L502, `547 95 93 95 93.9 自評燈號` on L505


def test_a_kpi_name_means_that_kpi_not_every_kpi_containing_it(make_request):
    composed = answer_lookup(make_request("lookup", years=[108], kpi_name="失業率", measures=["target"]))
    assert "DC1.1" in composed.headline and "青年失業率" not in composed.render()


def test_values_are_given_as_printed_even_full_width(make_request):
    composed = answer_lookup(make_request("lookup", years=[111], group="D", kpi_code="DP3.1", measures=["target"]))
    assert "目標值 ３" in composed.headline


def test_without_a_year_every_year_is_given_and_labelled(make_request):
    composed = answer_lookup(make_request("lookup", kpi_name="失業率", measures=["target"]))
    assert [line.split("D組")[0] for line in composed.lines] == ["- 108年", "- 109年", "- 110年", "- 111年"]
    assert any("107年施政綱要" in note for note in composed.notes)


def test_an_unreported_actual_is_refused_citing_the_sources_own_note(make_request):
    request = make_request("lookup", years=[108], kpi_code="DP4.1", measures=["actual"])
    composed = answer_lookup(request)
    assert composed.refused and composed.kind == "refusal"
    assert any("暫無數據" in c.quote for c in request.citations.entries)


def test_a_planning_year_has_targets_only(make_request):
    composed = answer_lookup(make_request("lookup", years=[111], kpi_name="失業率", measures=["actual"]))
    assert composed.refused and any("只有目標值" in note for note in composed.notes)


def test_the_107_strategy_map_has_no_values(make_request):
    request = make_request("lookup", years=[107], kpi_code="AC1.1", measures=["target"])
    composed = answer_lookup(request)
    assert composed.refused and "沒有任何目標值或實際值" in composed.headline
    assert request.citations.entries[0].quote.startswith("AC1.1")


def test_a_year_the_kpi_does_not_have_is_refused_saying_which_years_it_has(make_request):
    composed = answer_lookup(make_request("lookup", years=[112], kpi_name="失業率"))
    assert composed.refused and "107–111年" in composed.headline


def test_a_lookup_naming_no_record_is_left_to_free_text(make_request):
    assert answer_lookup(make_request("lookup", years=[112], topic=["國際賽事"])) is None
