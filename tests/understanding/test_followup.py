from assistant.understanding.followup import inherit, parse_turn_filters
from assistant.understanding.models import QuestionFilters, Understanding

COVERING = {"a.txt": frozenset({105}), "b.txt": frozenset({106, 107})}
TYPE_YEARS = {"strategy_kpi": frozenset({105}), "kpi_result": frozenset({106, 107})}


def test_open_slots_are_inherited_stated_ones_kept():
    prior = QuestionFilters(agency="工務局", agency_role="lead", record_type="progress_item")
    merged = inherit(QuestionFilters(agency_role="co"), prior, False, COVERING, TYPE_YEARS)
    assert (merged.agency, merged.agency_role, merged.record_type) == ("工務局", "co", "progress_item")


def test_conditions_are_inherited_only_when_narrowing():
    prior = QuestionFilters(agency="工務局", status="B")
    assert inherit(QuestionFilters(), prior, False, COVERING, TYPE_YEARS).status is None
    assert inherit(QuestionFilters(), prior, True, COVERING, TYPE_YEARS).status == "B"


def test_documents_the_stated_years_rule_out_are_dropped():
    prior = QuestionFilters(files=["a.txt"], record_type="strategy_kpi", agency="工務局", agency_role="kpi")
    merged = inherit(QuestionFilters(years=[106]), prior, False, COVERING, TYPE_YEARS)
    assert merged.files == [] and merged.record_type is None and merged.agency_role is None
    assert merged.agency == "工務局"


def test_a_new_code_drops_the_inherited_name():
    prior = QuestionFilters(kpi_code="AB1.1", kpi_name="某指標")
    merged = inherit(QuestionFilters(kpi_code="AB1.2"), prior, False, COVERING, TYPE_YEARS)
    assert (merged.kpi_code, merged.kpi_name) == ("AB1.2", None)


def test_a_whole_reading_dump_is_parsed():
    dump = Understanding(question="q", normalized="q", language="zh", intent="count",
                         filters=QuestionFilters(agency="工務局")).model_dump(mode="json")
    parsed = parse_turn_filters({**dump, "asks": [dump]})
    assert parsed.intent == "count" and parsed.filters.agency == "工務局"


def test_a_bare_filters_dump_is_parsed():
    parsed = parse_turn_filters({"agency": "工務局", "status": "B", "unknown": 1})
    assert parsed.filters.agency == "工務局" and parsed.filters.status == "B"


def test_unusable_dumps_are_none():
    for bad in (None, {}, {"unknown": 1}, {"agency": 3.5j}, "text"):
        assert parse_turn_filters(bad) is None  # type: ignore[arg-type]


def test_a_narrowing_ask_naming_another_agency_joins_it_to_the_rows_before():
    prior = QuestionFilters(agency="工務局", agency_role="lead", record_type="progress_item")
    stated = QuestionFilters(agency="教育局", agency_role="lead_or_co")
    narrowed = inherit(stated, prior, True, COVERING, TYPE_YEARS)
    assert (narrowed.agency, narrowed.agency_role, narrowed.with_agencies) == ("工務局", "lead", ["教育局"])
    fresh = inherit(stated, prior, False, COVERING, TYPE_YEARS)  # a new question about the other agency
    assert (fresh.agency, fresh.with_agencies) == ("教育局", [])


def test_a_narrowing_ask_naming_the_lead_of_rows_another_agency_co_organised_keeps_both_in_their_roles():
    prior = QuestionFilters(agency="工務局", agency_role="co", record_type="progress_item")
    narrowed = inherit(QuestionFilters(agency="教育局", agency_role="lead"), prior, True, COVERING, TYPE_YEARS)
    assert (narrowed.agency, narrowed.agency_role, narrowed.with_agencies) == ("教育局", "lead", ["工務局"])
    both_lead = inherit(QuestionFilters(agency="教育局", agency_role="lead"),
                        prior.model_copy(update={"agency_role": "lead"}), True, COVERING, TYPE_YEARS)
    assert (both_lead.agency, both_lead.with_agencies) == ("工務局", ["教育局"])  # one lead a row: the first stays


def test_a_missed_target_is_carried_into_a_narrowing_ask_as_any_condition():
    prior = QuestionFilters(subject="kpi", target_met=False, has_co_agency=False)
    merged = inherit(QuestionFilters(), prior, True, {}, {})
    assert merged.target_met is False and merged.has_co_agency is False
    assert inherit(QuestionFilters(), prior, False, {}, {}).target_met is None  # siblings keep their own


def test_a_half_year_is_not_inherited_by_an_ask_naming_its_own_year_or_document():
    prior = QuestionFilters(years=[106], periods=["106年下半年"], agency="工務局")
    assert inherit(QuestionFilters(years=[105]), prior, False, COVERING, TYPE_YEARS).periods == []
    assert inherit(QuestionFilters(files=["a.txt"]), prior, False, COVERING, TYPE_YEARS).periods == []
    assert inherit(QuestionFilters(), prior, False, COVERING, TYPE_YEARS).periods == ["106年下半年"]


def test_an_inherited_subject_no_record_holds_in_the_stated_years_is_dropped():
    # KPIs are reported for 105–107 only: an ask about 108 counts something else
    prior = QuestionFilters(agency="工務局", subject="kpi", years=[105])
    assert inherit(QuestionFilters(years=[108]), prior, False, COVERING, TYPE_YEARS).subject is None
    assert inherit(QuestionFilters(years=[106]), prior, False, COVERING, TYPE_YEARS).subject == "kpi"
    assert inherit(QuestionFilters(years=[108], subject="kpi"), prior, False, COVERING, TYPE_YEARS).subject == "kpi"
