"""List and count answers over the real records, read by hand (not by `understand`)."""

import re

from assistant.answering.listing import answer_records

# From DATA-GUIDE.md, read by eye from the 000 table: the items 社會局 leads, and their status.
SOCIAL_LEAD = {31: "A", 32: "A", 33: "B", 49: "B", 50: "B", 64: "A", 75: "A", 76: "B"}


def _numbers(composed):
    return [item.fields["item_no"] for item in composed.items]


def _cited_rows(request, composed):
    """For each item, the file line its citation points at; every quote must be on that line."""
    rows = []
    for item in composed.items:
        (number,) = item.citations
        citation = request.citations.get(number)
        assert citation.quote in request.document(citation.file).line(citation.line)
        rows.append(citation.line)
    return rows


def test_a_list_names_every_match_with_its_own_citation(make_request):
    request = make_request("list", agency="社會局", agency_role="lead")
    composed = answer_records(request, count=False)
    assert sorted(_numbers(composed)) == sorted(SOCIAL_LEAD)
    assert _cited_rows(request, composed) == [item.fields["line"] for item in composed.items]
    assert len(composed.lines) == len(SOCIAL_LEAD)
    for line, item in zip(composed.lines, composed.items):
        assert f"#{item.fields['item_no']}" in line and "社會局" in line and item.fields["status_label"] in line
        assert re.search(r"\[\d+\]$", line)


def test_status_narrows_the_list_and_a_note_explains_what_a_means(make_request):
    composed = answer_records(make_request("list", agency="社會局", agency_role="lead", status="A"), count=False)
    assert sorted(_numbers(composed)) == sorted(n for n, s in SOCIAL_LEAD.items() if s == "A")
    assert any("例行性業務" in note for note in composed.notes)


def test_a_count_states_the_number_and_lists_what_it_counted(make_request):
    composed = answer_records(make_request("count", status="B"), count=True)
    assert composed.kind == "count" and "共 78 項" in composed.headline
    assert len(composed.items) == 78


def test_co_agency_lists_include_unnamed_rows_and_say_so(make_request):
    request = make_request("list", agency="產業發展局", agency_role="co")
    composed = answer_records(request, count=False)
    unnamed = [item for item in composed.items if item.fields["item_no"] is None]
    assert {item.fields["line"] for item in unnamed} == {117, 118}
    assert any("L117" in note and "L118" in note for note in composed.notes)


def test_a_row_with_a_blank_lead_is_flagged_where_it_probably_belongs(make_request):
    culture = answer_records(make_request("list", agency="文化局", agency_role="lead"), count=False)
    assert 111 not in [item.fields["line"] for item in culture.items]
    assert any("L111" in note and "文化局" in note for note in culture.notes)
    social = answer_records(make_request("list", agency="社會局", agency_role="lead"), count=False)
    assert not any("L111" in note for note in social.notes)


def test_rows_without_a_co_agency_exclude_the_row_whose_cells_were_lost(make_request):
    composed = answer_records(make_request("count", has_co_agency=False, record_type="progress_item"), count=True)
    assert len(composed.items) == 53  # DATA-GUIDE: `-` on 53 rows
    assert any("L111" in note for note in composed.notes)


def test_an_agency_with_no_rows_in_the_asked_role_is_refused_saying_what_exists(make_request):
    composed = answer_records(make_request("list", agency="警察局", agency_role="lead"), count=False)
    assert composed.refused and composed.kind == "refusal" and composed.items == []
    assert "沒有" in composed.headline
    assert any("#26" in line for line in composed.lines)  # it co-organises #26


def test_zero_matches_among_an_agencys_rows_is_an_answer(make_request):
    composed = answer_records(make_request("list", agency="社會局", agency_role="lead", status="A",
                                           category="不存在的類別"), count=False)
    assert not composed.refused and composed.kind == "list" and composed.items == []
    assert "沒有" in composed.headline


def test_an_agency_with_no_rows_at_all_is_refused(make_request):
    composed = answer_records(make_request("list", agency="商業處", agency_role="lead"), count=False)
    assert composed.refused and composed.kind == "refusal"


def test_kpi_outcomes_select_by_achievement(make_request):
    missed = answer_records(make_request("list", group="E", years=[109], target_met=False,
                                         record_type="kpi_result"), count=False)
    assert [item.fields["kpi_code"] for item in missed.items] == ["EP2.2", "EP3.1", "EF1.1"]
    met = answer_records(make_request("count", group="E", years=[109], target_met=True,
                                      record_type="kpi_result"), count=True)
    assert len(met.items) == 16  # 19 KPIs, 3 missed (003 自評燈號統計表)


def test_goal_counts_count_distinct_goals_of_the_eight_themes(make_request):
    composed = answer_records(make_request("count", years=[107], record_type="strategy_kpi", subject="goal"),
                              count=True)
    assert len(composed.items) == 139  # 001 Table 1: 15+18+19+16+16+18+17+20
    assert any("共通性參考指標" in note for note in composed.notes)


def test_english_questions_get_english_framing(make_request):
    composed = answer_records(make_request("list", lang="en", agency="社會局", agency_role="lead", status="B"),
                              count=False)
    assert composed.headline.startswith("There are 4 white-paper items led by 社會局")
    assert all("B (in progress)" in line for line in composed.lines)
