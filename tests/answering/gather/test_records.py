from assistant.answering.gather.records import agency_describes_document, candidate_types, select
from assistant.understanding.models import QuestionFilters


def test_each_filter_names_the_record_types_that_have_its_field(toy_assistant):
    sources = toy_assistant.sources
    assert candidate_types(QuestionFilters(status="B"), sources) == ["progress_item"]
    assert candidate_types(QuestionFilters(target_met=True), sources) == ["kpi_result"]
    assert candidate_types(QuestionFilters(rows=["預算"]), sources) == ["budget_figure"]
    assert candidate_types(QuestionFilters(subject="kpi"), sources) == ["strategy_kpi", "kpi_result"]


def test_documents_narrow_the_types_to_what_they_hold(toy_assistant):
    types = candidate_types(QuestionFilters(files=["toy_table.txt"]), toy_assistant.sources)
    assert types == ["progress_item"]


def test_select_is_exact_and_complete(toy_request):
    request = toy_request("工務局主辦的項目有哪些？")
    assert [r.item_no for r in select(request, "progress_item")] == [2, 4]
    co = request.filters.model_copy(update={"agency_role": "co", "agency": "社會局"})
    assert [r.item_no for r in select(request, "progress_item", co)] == [2]
    either = co.model_copy(update={"agency_role": "lead_or_co"})
    assert [r.item_no for r in select(request, "progress_item", either)] == [2, 3]


def test_labels_names_and_flags_select_rows(toy_request):
    request = toy_request("x")
    by = lambda **f: [r.item_no for r in select(request, "progress_item", QuestionFilters(**f))]  # noqa: E731
    assert by(outline="長者照顧") == [3, 4]  # 4 prints the cell blank: in the block of the label above it
    assert by(names=["青年"]) == [5, 6]
    assert by(has_co_agency=False) == [1, 6]
    assert by(item_nos=[4]) == [4]
    assert by(item_nos=[1, 3]) == [1, 3]


def test_an_agency_no_record_of_the_scope_carries_describes_the_document(toy_request):
    request = toy_request("x")
    issuer = QuestionFilters(agency="測試局", files=["toy_report.txt"])
    assert agency_describes_document(issuer, "progress_item", request.sources)  # the report's issuer
    filters = QuestionFilters(agency="社會局", files=["toy_table.txt"])
    assert not agency_describes_document(filters, "progress_item", request.sources)  # rows carry it


def test_a_threshold_keeps_the_records_whose_value_is_known_and_within_it():
    from types import SimpleNamespace

    from assistant.answering.gather.records import within
    from assistant.understanding.models import Threshold

    over = Threshold(field="kpi_result.achievement", op=">", value=100.0, text="達成度超過100")
    assert within(SimpleNamespace(achievement=100.5), over)
    assert not within(SimpleNamespace(achievement=100.0), over)
    assert not within(SimpleNamespace(achievement=None), over)  # unknown is not within any bound


def test_a_field_word_naming_fields_of_two_types_bounds_each_type_by_its_own_field(toy_request):
    from assistant.answering.gather.records import select
    from assistant.understanding.models import Threshold

    # a bound read against a word that also names a field of another type (achievement, achievements)
    other = Threshold(field="performance_goal.results", op=">", value=3.0, text="over 3 achievement")
    request = toy_request("政策項目有哪些？", thresholds=[other])
    assert len(select(request, "progress_item")) == 6  # a bound on another type's field leaves these rows


def test_rows_lacking_a_field_are_those_reporting_nothing_in_it(toy_request):
    from assistant.answering.gather.records import select

    rows = select(toy_request("政策項目有哪些？", lacking=["progress_item.co_agencies"]), "progress_item")
    assert rows and all(not r.co_agencies for r in rows)
    assert len(rows) < len(select(toy_request("政策項目有哪些？"), "progress_item"))


def test_a_kpi_unchanged_through_the_years_holds_one_value_in_every_one_of_them():
    from assistant.answering.gather.records import unchanged_through
    from assistant.parsing.models import KpiResult, Period

    def kpi(code: str, year: int, target: float | None) -> KpiResult:
        return KpiResult(file="r.txt", line=year, end_line=year, period=Period(year_roc=year), series=None, group="X",
                         year_roc=year, kpi_code=code, kpi_name=code, target=target,
                         target_raw=None if target is None else f"{target:.2f}")

    rows = [kpi("A1", 105, 3.0), kpi("A1", 106, 3.0), kpi("B1", 105, 3.0), kpi("B1", 106, 4.0),
            kpi("C1", 105, None), kpi("C1", 106, None), kpi("D1", 106, 5.0)]
    assert unchanged_through(rows, ["kpi_result.target"], [105, 106]) == rows[:2]  # D1 misses a year, C1 has none
    assert unchanged_through(rows, ["kpi_result.target"], [106]) == []  # one year: nothing stays the same
    assert unchanged_through(rows, [], [105, 106]) == rows


def test_a_kpi_compared_between_two_years_keeps_those_whose_value_moved_as_asked():
    from assistant.answering.gather.records import compared_between_years
    from assistant.parsing.models import KpiResult, Period
    from assistant.understanding.models import YearComparison

    def kpi(code: str, year: int, target: float | None) -> KpiResult:
        return KpiResult(file="r.txt", line=year, end_line=year, period=Period(year_roc=year), series=None, group="X",
                         year_roc=year, kpi_code=code, kpi_name=code, target=target)

    rows = [kpi("A1", 105, 3.0), kpi("A1", 106, 2.0), kpi("B1", 105, 3.0), kpi("B1", 106, 4.0), kpi("C1", 106, 1.0)]
    lower = YearComparison(field="kpi_result.target", year=106, than=105, op="<", text="106年目標比105年低")
    assert compared_between_years(rows, lower) == rows[:2]  # C1 has no 105 figure to compare with
    higher = lower.model_copy(update={"op": ">"})
    assert compared_between_years(rows, higher) == rows[2:4]


def test_an_extreme_keeps_every_record_of_a_tie_and_ignores_unknown_values():
    from types import SimpleNamespace

    from assistant.answering.gather.records import extremes
    from assistant.understanding.models import Superlative

    rows = [SimpleNamespace(achievement=v) for v in (90.0, None, 120.0, 120.0)]
    top = extremes(rows, Superlative(field="kpi_result.achievement", order="max", text="達成度最高"))
    assert top == [rows[2], rows[3]]
    bottom = extremes(rows, Superlative(field="kpi_result.achievement", order="min", text="達成度最低"))
    assert bottom == [rows[0]]


def test_a_subject_of_several_words_is_held_when_each_word_is(toy_assistant):
    from assistant.answering.gather.records import is_about

    loan = next(r for r in toy_assistant.sources.memory.of_type("progress_item") if "貸款" in (r.item_name or ""))
    assert is_about(loan, ["青年 貸款"]) and not is_about(loan, ["青年 倉庫"]) and not is_about(loan, ["青年貸款"])


def test_of_several_rows_found_the_one_the_ask_names_in_part(toy_request):
    from assistant.answering.gather.records import named_among
    from assistant.parsing.models import KpiResult, Period

    def kpi(code: str, name: str) -> KpiResult:
        return KpiResult(file="r.txt", line=1, end_line=1, period=Period(year_roc=110), series=None,
                         group="X", year_roc=110, kpi_code=code, kpi_name=name)

    found = [kpi("XP1.1", "社區長者共餐據點使用人次成長率"), kpi("XP2.1", "社區防災倉庫設置數"), kpi("XF1.1", "預算執行率")]
    assert named_among(found, toy_request("長者共餐那個為什麼下降？")) == found[:1]
    assert named_among(found, toy_request("那個為什麼沒達標？")) == found  # names none: all stay
    assert named_among(found, toy_request("社區的那個呢？")) == found  # 社區 is in two names alike
    assert named_among(found[:1], toy_request("預算那個呢？")) == found[:1]  # one row: nothing to choose


def test_a_catalogue_kpi_shared_with_another_agency_is_one_with_more_than_one_responsible_agency():
    from assistant.answering.gather.records import _checks
    from assistant.parsing.models import Period, StrategyKpi

    def kpi(code: str, agencies: list[str]) -> StrategyKpi:
        return StrategyKpi(file="m.txt", line=1, end_line=1, period=Period(year_roc=105), series=None, year_roc=105,
                           theme_code="X", theme_name="主題", perspective="顧客", goal_code="X1", goal_name="目標",
                           kpi_code=code, kpi_name=code, agencies=agencies, agencies_raw="、".join(agencies),
                           wccd=False)

    rows = [kpi("X1.1", ["工務局"]), kpi("X1.2", ["工務局", "社會局"]), kpi("X1.3", [])]

    def kept(shared: bool) -> list[str]:
        checks = _checks(QuestionFilters(has_co_agency=shared), "strategy_kpi", frozenset({"m.txt"}))
        return [r.kpi_code for r in rows if all(check(r) for check in checks)]

    assert kept(True) == ["X1.2"]
    assert kept(False) == ["X1.1", "X1.3"]


def test_another_agency_in_the_row_is_asked_of_items_and_catalogue_kpis(toy_assistant):
    assert "progress_item" in candidate_types(QuestionFilters(has_co_agency=True), toy_assistant.sources)
    assert candidate_types(QuestionFilters(has_co_agency=True, subject="kpi"), toy_assistant.sources) == ["strategy_kpi"]


def test_a_kpi_asked_of_by_a_shortened_name_is_the_one_scoped_kpi_holding_every_word():
    from types import SimpleNamespace

    from assistant.answering.gather.records import kpi_named_in_scope
    from assistant.config import AnsweringSettings
    from assistant.linking.gazetteer import Entry
    from assistant.linking.terms import ContentTerm

    names = ("職業災害死亡百萬人率", "職業訓練結訓人數", "青年創業貸款件數")
    entries = tuple(Entry("kpi", name, name, ("r.txt",), (110,)) for name in names) \
        + (Entry("kpi", "交通事故死亡百萬人率", "交通事故死亡百萬人率", ("r.txt",), (105,)),)  # another year

    def named(words, **filters):
        terms = [ContentTerm(w, 0, len(w), True) for w in words]
        request = SimpleNamespace(filters=QuestionFilters(**filters), reading=SimpleNamespace(terms=terms, links=[]),
                                  sources=SimpleNamespace(vocabulary=SimpleNamespace(kpi_entries=entries),
                                                          settings=AnsweringSettings()))
        return kpi_named_in_scope(request)

    assert named(["職災", "死亡率"], years=[110], target_met=False) == "職業災害死亡百萬人率"
    assert named(["職業"], years=[110], target_met=False) is None  # in two names: none told apart
    assert named(["職災", "死亡率"], target_met=False) is None  # no documents or years: no scope
    assert named(["職災", "死亡率"], years=[110]) is None  # nothing says a KPI is asked of
    assert named(["職災", "傷害"], years=[110], target_met=False) is None  # a word no name holds
