"""The facade end to end on the toy corpus: every kind of answer, compound questions, follow-ups, drafts,
bad input; and the README's example on the real corpus."""

import pytest

from assistant.answering.contract import Turn
from assistant.answering.service import Assistant
from assistant.errors import QueryError, QuestionTooLongError


def item_numbers(response):
    return [item.fields.get("item_no") for item in response.items]


def test_a_list_gets_every_match_cited(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦的項目有哪些？")
    assert response.kind == "list" and item_numbers(response) == [2, 4]
    assert [c.line for c in response.citations] == [5, 7]
    assert_cited(response)


def test_a_compound_count_answers_every_part(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦幾項？其中已完成幾項？")
    assert [p.kind for p in response.parts] == ["count", "count"]
    assert "共 2 項" in response.answer and "共 1 項" in response.answer
    assert len(response.parts[0].items) == 2 and len(response.parts[1].items) == 1
    assert len(response.items) == 2  # a row listed by both parts is one item
    assert_cited(response)


def test_siblings_share_the_agency(toy_assistant):
    response = toy_assistant.ask("社會局主辦幾項、協辦又有幾項？")
    assert [len(p.items) for p in response.parts] == [1, 1]


def test_a_follow_up_narrows_and_says_when_nothing_qualifies(toy_assistant):
    first = toy_assistant.ask("消防局主辦的項目有哪些？")
    history = [Turn(question=first.question, filters=first.filters)]
    narrowed = toy_assistant.ask("其中哪些仍在執行？", history=history)
    assert not narrowed.refused and narrowed.items == [] and "沒有" in narrowed.answer


def test_client_filters_override_the_reading(toy_assistant):
    response = toy_assistant.ask("工務局主辦的項目有哪些？", filters={"status": "A"})
    assert item_numbers(response) == [4]


def test_a_row_field_is_looked_up_from_the_row(toy_assistant, assert_cited):
    response = toy_assistant.ask("防災倉庫是哪個局處負責的？")
    assert response.kind == "lookup" and "消防局" in response.answer
    assert_cited(response)


def test_a_document_fact_is_answered_from_its_cover(toy_assistant, assert_cited):
    response = toy_assistant.ask("測試局110年度施政報告是誰報告的？哪一天報告？")
    assert "王小明" in response.answer and "110/7/20" in response.answer
    assert_cited(response)


def test_a_documents_parts(toy_assistant):
    response = toy_assistant.ask("測試局的施政報告分成哪幾個部分？")
    assert all(part in response.answer for part in ("前言", "經費執行", "未來方向"))


def test_a_stated_number_is_quoted(toy_assistant, assert_cited):
    response = toy_assistant.ask("測試局本年度辦了幾場防災講座？")
    assert "12" in response.answer and not response.refused
    assert_cited(response)


def test_a_description_is_answered_with_quotes(toy_assistant, assert_cited):
    response = toy_assistant.ask("長者共餐據點擴大得如何？")
    assert response.kind == "free" and "8處" in response.answer
    assert_cited(response)


def test_english_questions_get_english_answers(toy_assistant):
    response = toy_assistant.ask("Which items led by the Public Works Department are still in progress?")
    assert response.answer.startswith("There are 1") and item_numbers(response) == [2]


def test_draft_mode_writes_a_press_release_citing_by_notes(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦的項目有哪些？", mode="draft")
    release = response.draft
    assert response.answer.startswith(release.title + "\n\n" + release.lead)
    assert response.answer.endswith("\n".join(release.sources)) and len(release.sources) == 2
    assert "[1]" not in response.answer and item_numbers(response) == [2, 4]
    assert_cited(response)


def test_an_answer_carries_a_summary_without_its_itemised_lines(toy_assistant):
    response = toy_assistant.ask("工務局主辦的項目有哪些？")
    assert response.summary.startswith("工務局主辦的政策項目共 2 項") and "- 2、推動公園遊戲場更新" in response.answer
    assert "- 2、" not in response.summary and response.draft is None


@pytest.mark.parametrize("question, error", [("", QueryError), ("問" * 5000, QuestionTooLongError),
                                             ("工務局\x00主辦", QueryError)])
def test_unreadable_input_is_a_query_error(toy_assistant, question, error):
    with pytest.raises(error):
        toy_assistant.ask(question)


def test_bad_mode_history_or_filters_are_query_errors(toy_assistant):
    with pytest.raises(QueryError, match="mode"):
        toy_assistant.ask("工務局主辦的項目有哪些？", mode="poem")
    with pytest.raises(QueryError, match="history"):
        toy_assistant.ask("其中哪些已完成？", history=[{"answer": "no question"}])
    with pytest.raises(QueryError, match="unknown filter"):
        toy_assistant.ask("工務局主辦的項目有哪些？", filters={"colour": "red"})


def test_with_an_llm_the_wording_changes_but_items_and_citations_do_not(toy_index, toy_settings, toy_assistant,
                                                                        fake_llm):
    fake_llm.reply = "工務局主辦的 2 項：2、推動公園遊戲場更新[1]與4、建置智慧路燈[2]。"
    phrased = Assistant(toy_index, toy_settings.model_copy(update={"llm_base_url": fake_llm.url})) \
        .ask("工務局主辦的項目有哪些？")
    plain = toy_assistant.ask("工務局主辦的項目有哪些？")
    assert phrased.answer == fake_llm.reply
    assert phrased.items == plain.items and phrased.citations == plain.citations
    assert len(fake_llm.requests) == 1


def test_the_readme_example_on_the_real_corpus(assistant, assert_cited):
    response = assistant.ask("社會局主辦、仍為B執行中的項目有哪些？")
    assert response.kind == "list" and item_numbers(response) == [33, 49, 50, 76]
    assert_cited(response)


def test_an_ask_why_about_one_kpi_in_a_year_shows_its_figures_first(assistant, assert_cited):
    from assistant.parsing.models import KpiResult

    memory = assistant.sources.memory
    result = next(r for r in memory.of_type("kpi_result") if isinstance(r, KpiResult)
                  and r.target_raw and r.actual_raw and r.target_raw != r.actual_raw)
    response = assistant.ask(f"為什麼{result.year_roc}年{result.kpi_code}會是這樣的結果？")
    assert response.kind == "free" and not response.refused
    first = response.answer.split("\n\n")[0]
    assert result.kpi_code in first and result.target_raw in first and result.actual_raw in first
    assert_cited(response)


def test_a_description_of_a_kpi_no_passage_words_is_answered_by_its_figures(assistant, assert_cited):
    from collections import defaultdict

    from assistant.parsing.models import KpiResult

    by_code: dict[str, list[KpiResult]] = defaultdict(list)
    for r in assistant.sources.memory.of_type("kpi_result"):
        if isinstance(r, KpiResult) and r.target_raw:
            by_code[r.kpi_code].append(r)
    code, results = next((c, rs) for c, rs in by_code.items() if len({r.year_roc for r in rs}) > 2)
    response = assistant.ask(f"{code}的目標值逐年變化")  # 逐年 and 變化 are in no passage about it
    assert not response.refused
    for r in results:
        assert f"{r.year_roc}年" in response.answer and r.target_raw in response.answer
    assert_cited(response)


def test_a_list_of_rows_about_a_subject_keeps_to_rows_whose_name_or_target_say_it(toy_assistant, assert_cited):
    response = toy_assistant.ask("有哪些跟長者有關的項目？")
    assert response.kind == "list" and item_numbers(response) == [3]
    assert "名稱或目標提及「長者」" in response.answer
    assert_cited(response)
    either = toy_assistant.ask("與防災或創業相關的項目有哪些？")
    assert item_numbers(either) == [1, 5]


def test_a_subject_only_the_rows_text_mentions_lists_those_rows_and_says_so(toy_assistant, assert_cited):
    response = toy_assistant.ask("跟職缺有關的項目有哪些？")  # only row 6's results mention 職缺
    assert item_numbers(response) == [6]
    assert "工作項目或辦理情形提及「職缺」" in response.answer
    assert_cited(response)


def test_an_ask_pointing_back_at_the_listed_rows_quotes_each_of_them(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦的項目有哪些？它們的辦理情形如何？")
    listed, quoted = response.parts
    assert [response.items[i].fields["item_no"] for i in listed.items] == [2, 4]
    assert quoted.kind in ("lookup", "free") and not quoted.refused
    results = {c.line for c in response.citations if "110年" in c.quote}  # quotes of the results cells
    assert results == {5, 7}, "each listed row answers for itself, and no other row does"
    assert_cited(response)


def test_a_list_of_what_a_tables_header_names_is_the_tables_first_column(toy_assistant, assert_cited):
    response = toy_assistant.ask("測試局的年度任務有哪些？")
    assert not response.refused
    assert "更新社區防災地圖" in response.answer and "培訓防災志工" in response.answer
    assert_cited(response)


def test_agencies_working_together_list_only_the_rows_involving_each(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局和教育局一起負責的項目有哪些？")
    assert len(response.parts) <= 1 and item_numbers(response) == [2]  # one ask, not one per agency
    assert "共同參與" in response.answer
    assert_cited(response)


def test_a_lead_and_a_co_organiser_each_in_its_role_list_the_leads_rows_the_other_co_organises(toy_assistant):
    response = toy_assistant.ask("工務局主辦、同時資訊局也有協辦的項目有哪些？")
    assert len(response.parts) <= 1 and item_numbers(response) == [4]  # one ask: row 2 has no 資訊局
    assert "工務局主辦、資訊局協辦" in response.answer


def test_whether_any_of_the_rows_before_qualify_is_answered_by_those_rows(toy_assistant):
    first = toy_assistant.ask("工務局主辦的項目有哪些？")
    history = [Turn(question=first.question, filters=first.filters)]
    response = toy_assistant.ask("這些裡面有跟教育局合作的嗎？", history=history)
    assert response.kind == "list" and item_numbers(response) == [2]


def test_a_follow_up_of_only_a_year_asks_each_ask_of_the_turn_before_again(toy_assistant):
    response = toy_assistant.ask("那110年呢？", history=[Turn(question="工務局主辦幾項？社會局主辦幾項？")])
    assert [p.kind for p in response.parts] == ["count", "count"]
    assert "工務局" in response.answer and "社會局" in response.answer


def test_an_as_of_date_is_quoted_as_the_document_prints_it(toy_assistant, assert_cited):
    response = toy_assistant.ask("一覽表的資料統計到什麼時候？")
    assert response.kind == "lookup" and "資料截至110年6月底" in response.answer  # the header: (截至110年6月底)
    assert_cited(response)


def test_the_date_of_something_a_text_says_is_not_the_documents_own_date(toy_assistant, assert_cited):
    response = toy_assistant.ask("講座是哪一天辦的？")  # the report is dated 110/7/20; its text names the talks
    assert "110/7/20" not in response.answer and "防災講座" in response.answer
    assert_cited(response)


def test_a_count_of_what_a_table_totals_quotes_its_total_row_leading_with_the_asked_column(toy_assistant,
                                                                                           assert_cited):
    response = toy_assistant.ask("測試局修訂後的計畫有幾項？")
    assert not response.refused and "修訂後 8、修訂前 9" in response.answer
    assert_cited(response)


def test_a_list_of_what_a_heading_names_quotes_the_whole_section(toy_assistant, assert_cited):
    response = toy_assistant.ask("防災的推動重點有哪些？")
    assert "擴充避難收容處所" in response.answer and "強化社區防災聯絡網" in response.answer
    assert_cited(response)


def test_a_free_ask_about_a_kpi_year_quotes_the_slides_that_print_its_figures(assistant, assert_cited):
    from assistant.parsing.models import KpiResult

    sources = assistant.sources

    def printing(r: KpiResult) -> list:
        """Passages other than the record's own that print its target and actual together."""
        return [p for p in sources.passages_by_file[r.file] if not (p.line <= r.end_line and r.line <= p.end_line)
                and r.target_raw in p.text and r.actual_raw in p.text]

    result = next(r for r in sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)
                  and r.target_raw and r.actual_raw and printing(r))
    passages = sources.passages_by_file[result.file]
    allowed = set(range(result.line, result.end_line + 1))
    for p in printing(result):
        at = passages.index(p)
        for near in passages[max(at - 1, 0): at + 2]:
            allowed |= set(range(near.line, near.end_line + 1))
    response = assistant.ask(f"{result.year_roc}年{result.kpi_code}的結果要怎麼解讀？")
    assert response.kind == "free" and not response.refused
    quoted = [c for c in response.citations if c.line not in range(result.line, result.end_line + 1)]
    assert quoted and all(c.file == result.file and c.line in allowed for c in quoted)
    assert_cited(response)


def test_how_a_stated_number_changed_reads_the_total_row_in_the_tables_order(toy_assistant, assert_cited):
    response = toy_assistant.ask("測試局的計畫從幾項變成幾項？")
    assert not response.refused and "修訂前 9 → 修訂後 8" in response.answer
    assert_cited(response)


def test_an_ask_naming_only_an_agency_no_row_is_led_by_is_about_the_row_whose_name_holds_it(assistant, assert_cited):
    from assistant.parsing.models import ProgressItem

    sources = assistant.sources
    rows = [r for r in sources.memory.of_type("progress_item") if isinstance(r, ProgressItem)]
    leads = {r.lead_agency for r in rows}
    named = [(agency, r) for r in rows if r.results for agency in sources.lexicon.find_all(r.item_name or "")
             if agency not in leads]
    agency, row = next((a, r) for a, r in named if sum(a in (x.item_name or "") for x in rows) == 1)
    response = assistant.ask(f"{agency}目前進行到哪裡了？")
    assert not response.refused
    assert {(c.file, c.line) for c in response.citations} == {(row.file, row.line)}
    pieces = [p.strip() for p in row.results.split("。") if len(p.strip()) > 8]
    assert pieces[0][-8:] in response.answer and pieces[-1][-8:] in response.answer  # whole, first to last
    assert_cited(response)


def test_a_kpi_named_with_another_years_code_is_found_by_its_name(assistant, assert_cited):
    from assistant.parsing.models import KpiResult

    results = [r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)]
    codes = {(r.kpi_name, r.year_roc): r.kpi_code for r in results}
    asked, other = next((r, code) for r in results if r.actual_raw for (name, year), code in codes.items()
                        if name == r.kpi_name and year != r.year_roc and code != r.kpi_code
                        and (name, r.year_roc) in codes and not any(x.kpi_code == code and x.year_roc == r.year_roc
                                                                    and x.kpi_name == name for x in results))
    response = assistant.ask(f"{other}{asked.kpi_name}{asked.year_roc}年的實際值是多少？")
    assert not response.refused and asked.actual_raw in response.answer and asked.kpi_code in response.answer
    assert_cited(response)


def test_a_change_no_passage_states_lists_the_period_rows_and_says_so(toy_assistant, assert_cited):
    response = toy_assistant.ask("110年上半年刪除了哪些項目？")  # the toy documents never say 刪除
    assert not response.refused and response.kind == "list"
    assert "沒有直接說明" in response.answer
    assert_cited(response)


def test_how_each_listed_row_fares_quotes_each_row(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦的項目有哪些？各自的辦理情形如何？")
    assert len(response.parts) == 2 and response.parts[1].kind == "free"
    second = response.answer.split(f"**{response.parts[1].question}**", 1)[1]
    listed = [response.items[i].fields["item_no"] for i in response.parts[0].items]
    assert len(listed) == 2 and all(f"**{n}、" in second for n in listed)  # each row quoted under its name
    assert_cited(response)


def test_an_ask_naming_a_column_of_a_row_quotes_that_column(toy_assistant, assert_cited):
    response = toy_assistant.ask("設置社區防災倉庫的重要工作項目是什麼？")
    assert "110.3.31前完成選址" in response.answer
    assert "110年5月20日" not in response.answer  # the results column, not asked
    assert_cited(response)


def test_when_something_a_row_or_topic_names_happens_is_not_the_documents_date(toy_assistant):
    asked = toy_assistant.ask("測試局的報告是什麼時候報告的？")
    assert "110/7/20" in asked.answer  # the document's own date, asked
    for question in ("設置社區防災倉庫什麼時候完成？", "防災倉庫為什麼延後？預計什麼時候完成？"):
        assert "110/7/20" not in toy_assistant.ask(question).answer



def test_a_field_asked_of_every_listed_row_is_shown_on_each(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦的項目年度目標各是什麼？")
    lines = [line for line in response.answer.split("\n") if line.startswith("- ")]
    assert len(lines) == 2 and all("年度目標：" in line for line in lines)
    assert_cited(response)


def test_a_value_asked_of_a_set_none_of_whose_rows_reports_it_is_refused(assistant):
    from collections import defaultdict

    from assistant.parsing.models import KpiResult

    sets: dict[tuple[str, int], list[KpiResult]] = defaultdict(list)
    for r in assistant.sources.memory.of_type("kpi_result"):
        if isinstance(r, KpiResult):
            sets[(r.group, r.year_roc)].append(r)
    (group, year), _ = next((k, rs) for k, rs in sets.items() if not any(r.actual_raw for r in rs))
    response = assistant.ask(f"{year}年{group}組各項KPI的實際值是多少？")
    assert response.refused
    reported = next(k for k, rs in sets.items() if any(r.actual_raw for r in rs))
    assert not assistant.ask(f"{reported[1]}年{reported[0]}組各項KPI的實際值是多少？").refused


def test_a_reason_asked_after_a_list_of_kpis_quotes_the_slides_of_the_ones_found(assistant, assert_cited):
    from collections import defaultdict

    from assistant.parsing.models import KpiResult

    sources = assistant.sources
    missed: dict[tuple[str, int], list[KpiResult]] = defaultdict(list)
    for r in sources.memory.of_type("kpi_result"):
        if isinstance(r, KpiResult) and r.achievement is not None and r.achievement < 100:  # missed its target
            missed[(r.group, r.year_roc)].append(r)

    def printing(r: KpiResult) -> list:
        return [p for p in sources.passages_by_file[r.file] if not (p.line <= r.end_line and r.line <= p.end_line)
                and r.target_raw in p.text and r.actual_raw in p.text]

    (group, year), rows = next((k, rs) for k, rs in missed.items() if len(rs) == 1 and printing(rs[0]))
    response = assistant.ask(f"{group}組{year}年有哪些KPI沒有達標？原因是什麼？")
    assert [p.kind for p in response.parts] == ["list", "free"]
    near = set()
    for p in printing(rows[0]):
        at = sources.passages_by_file[rows[0].file].index(p)
        for q in sources.passages_by_file[rows[0].file][max(at - 1, 0): at + 2]:
            near |= set(range(q.line, q.end_line + 1))
    assert any(c.line in near for c in response.citations)
    assert_cited(response)


def test_kpis_filtered_by_a_value_in_a_catalogue_with_none_are_refused_as_not_reported(assistant):
    from assistant.parsing.models import StrategyKpi

    years = {r.year_roc for r in assistant.sources.memory.of_type("strategy_kpi") if isinstance(r, StrategyKpi)}
    valued = {r.year_roc for r in assistant.sources.memory.of_type("kpi_result")}
    year = min(years - valued)
    response = assistant.ask(f"{year}年的KPI有哪些已經達標？")
    assert response.refused and response.parts[0].refusal_rule == "not_reported"


def test_a_catalogue_kpis_own_fields_are_answered_though_it_has_no_values(assistant, assert_cited):
    from assistant.parsing.models import StrategyKpi

    kpi = next(r for r in assistant.sources.memory.of_type("strategy_kpi") if isinstance(r, StrategyKpi) and r.agencies)
    response = assistant.ask(f"{kpi.year_roc}年施政綱要裡代碼{kpi.kpi_code}的KPI是哪個局處主責？")
    assert not response.refused and kpi.kpi_name in response.answer
    assert_cited(response)
    named = assistant.ask(f"{kpi.year_roc}年施政綱要中「{kpi.kpi_name}」這個KPI是哪個局處負責？")  # 負責: read as 主辦
    assert not named.refused and kpi.agencies[0] in named.answer
    assert_cited(named)


def test_an_agency_in_a_year_none_of_its_documents_covers_is_refused(assistant):
    sources = assistant.sources
    files_of: dict[str, set[str]] = {}
    for p in sources.index.passages:
        for a in p.agencies:
            files_of.setdefault(a, set()).add(p.file)
    every = sources.vocabulary.covered_years

    def uncovered(agency: str) -> set[int]:
        return every - {y for f in files_of[agency] for y in sources.vocabulary.covers(f)}

    agency = next(a for a in sorted(files_of) if uncovered(a))
    year = min(uncovered(agency))
    response = assistant.ask(f"{agency}{year}年做了哪些事？")
    assert response.refused and response.parts[0].refusal_rule == "year_not_covered"


def test_a_rating_is_given_as_printed(assistant, assert_cited):
    from assistant.parsing.models import KpiResult

    r = next(r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)
             and r.rating_raw and r.rating and r.rating_raw != r.rating)
    response = assistant.ask(f"{r.year_roc}年{r.kpi_code}的自評燈號是什麼？")
    assert r.rating_raw in response.answer
    assert_cited(response)


def test_a_listed_kpis_rating_is_given_as_printed(assistant, assert_cited):
    from assistant.parsing.models import KpiResult

    r = next(r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)
             and r.rating_raw and r.rating and r.rating_raw != r.rating and r.group)
    response = assistant.ask(f"{r.group}組{r.year_roc}年自評燈號為「{r.rating}」的指標有哪些？")
    line = next(line for line in response.answer.splitlines() if r.kpi_code in line)
    assert r.rating_raw in line
    assert_cited(response)


def test_where_a_named_rows_work_has_got_to_is_its_whole_results_cell(toy_assistant, assert_cited):
    response = toy_assistant.ask("設置社區防災倉庫的籌備工作進展到哪一步了？")
    assert "110年3月完成選址" in response.answer and "110年5月20日完成3處倉庫建置" in response.answer
    assert_cited(response)


def test_a_figure_asked_in_a_unit_is_quoted_from_the_row_that_reports_it(toy_assistant, assert_cited):
    response = toy_assistant.ask("舉辦青年就業博覽會實際辦了幾場？")
    assert "辦理1場" in response.answer
    assert_cited(response)


def test_a_lead_and_a_co_organiser_each_in_its_own_role_list_the_rows_with_both(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦、社會局協辦的項目有哪些？")
    assert [item.fields["item_no"] for item in response.items] == [2]  # 工務局 leads 2 and 4; 社會局 co-organises 2
    assert_cited(response)


def test_an_english_ask_for_a_field_of_the_documents_is_answered_not_refused(toy_assistant):
    response = toy_assistant.ask("What are the annual targets in the progress table?")
    assert not response.refused


def test_a_figure_asked_in_a_unit_of_a_kpi_named_in_part_is_that_kpis_value(assistant, assert_cited):
    from assistant.parsing.models import KpiResult

    years: dict[str, set[int]] = {}
    for record in assistant.sources.memory.of_type("kpi_result"):
        years.setdefault(record.kpi_name, set()).add(record.year_roc)
    # a KPI reported in several years: its name is two entries of the vocabulary, one name all the same
    r = max((r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)
             and r.actual is not None and len(years[r.kpi_name]) > 1), key=lambda r: (len(r.kpi_name), r.year_roc))
    response = assistant.ask(f"{r.kpi_name[:-1]}{r.year_roc}年有幾處？")  # the name cut short: a partial name
    assert r.actual_raw in response.answer and response.items
    assert_cited(response)


def test_a_catalogue_kpis_agency_is_shown_as_printed_with_its_full_name(assistant, assert_cited):
    from assistant.parsing.models import StrategyKpi
    from assistant.text.normalize import match_key

    kpi = next(r for r in assistant.sources.memory.of_type("strategy_kpi") if isinstance(r, StrategyKpi)
               and len(r.agencies) == 1 and r.agencies_raw and match_key(r.agencies_raw) != match_key(r.agencies[0]))
    response = assistant.ask(f"{kpi.year_roc}年施政綱要裡代碼{kpi.kpi_code}的KPI是哪個局處主責？")
    assert kpi.agencies_raw.strip() in response.answer and kpi.agencies[0] in response.answer
    assert_cited(response)


def test_a_change_to_what_is_not_a_set_of_rows_is_a_word_of_the_ask_not_a_filter(toy_assistant, assert_cited):
    # 新增了哪些場次 asks about the talks; the passage saying 新增 is about something else
    response = toy_assistant.ask("防災講座新增了哪些場次？")
    assert not response.refused and "12 場防災講座" in response.answer and "夜間照明" not in response.answer
    assert_cited(response)


def _figures_shown_once(assistant):
    """KPI-years whose target and actual are printed together only in their own table row, each with
    the passages between the table before it and its own (the text of the slides the table closes)."""
    from assistant.parsing.models import KpiResult

    memory = assistant.sources.memory
    found = []
    for r in memory.of_type("kpi_result"):
        if not (isinstance(r, KpiResult) and r.target_raw and r.actual_raw and len(r.kpi_name) >= 10):
            continue
        passages = assistant.sources.passages_by_file[r.file]
        own = [i for i, p in enumerate(passages) if p.line <= r.end_line and r.line <= p.end_line]
        elsewhere = [p for i, p in enumerate(passages) if i not in own
                     and r.target_raw in p.text and r.actual_raw in p.text]
        tables = {t.line for t in memory.of_type("kpi_result") if t.file == r.file}
        above = []
        for p in reversed(passages[:own[0]] if own else []):
            if any(p.line <= line <= p.end_line for line in tables):
                break
            above.append(p)
        if own and not elsewhere and above:
            found.append((r, above))
    return found


def test_a_result_printed_only_in_its_table_is_explained_by_the_text_above_that_table(assistant, assert_cited):
    record, above = _figures_shown_once(assistant)[0]
    response = assistant.ask(f"{record.year_roc}年{record.kpi_code}{record.kpi_name}為什麼是這個結果？")
    quoted_lines = {(c.file, c.line) for c in response.citations}
    above_lines = {(p.file, line) for p in above for line in range(p.line, p.end_line + 1)}
    assert not response.refused and quoted_lines & above_lines, "the slides' text above the table is quoted"
    assert record.target_raw in response.answer and record.actual_raw in response.answer  # with the figures
    assert_cited(response)


def test_a_kpi_named_with_a_word_left_out_inside_is_still_that_kpi(assistant, assert_cited):
    record, _ = _figures_shown_once(assistant)[0]
    name = record.kpi_name
    middle = len(name) // 2
    mangled = f"{name[:middle]}的{name[middle + 2:]}"  # two characters dropped, a particle put in
    response = assistant.ask(f"{record.year_roc}年{mangled}為什麼是這個結果？")
    assert not response.refused and record.kpi_code in response.answer and record.actual_raw in response.answer
    assert_cited(response)


def test_whether_a_row_reached_its_target_quotes_the_target_and_the_results(toy_assistant, assert_cited):
    response = toy_assistant.ask("設置社區防災倉庫有達到倉庫數目標嗎？")
    assert "完成3處防災倉庫" in response.answer and "完成3處倉庫建置" in response.answer
    assert_cited(response)


def test_a_link_by_similarity_that_leaves_no_record_is_dropped(assistant, monkeypatch):
    import assistant.answering.asks as asks
    from assistant.linking.linker import Link
    from assistant.parsing.models import KpiResult

    results = [r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult) and r.actual_raw]
    asked = results[0]
    elsewhere = next(r for r in results if r.group != asked.group and r.kpi_name not in
                     {x.kpi_name for x in results if x.group == asked.group})
    entries = {e.value: e for e in assistant.sources.vocabulary.gazetteer.entries if e.kind == "kpi"}
    question = f"What was the group {asked.group} KPI's actual value in ROC {asked.year_roc}?"

    def linking(name):
        monkeypatch.setattr(asks, "cross_links", lambda request: [Link(entries[name], 0, 1, 0.9, "semantic")])
        return assistant.ask(question)

    guessed = linking(elsewhere.kpi_name)  # another group's KPI: no record of the asked group, not what was meant
    assert elsewhere.kpi_name not in guessed.answer and asked.kpi_code in guessed.answer  # the group's KPIs
    kept = linking(asked.kpi_name)  # a guess that selects a record answers from it
    assert asked.kpi_code in kept.answer and asked.actual_raw in kept.answer


def test_the_one_row_a_follow_up_picks_from_a_listed_set_is_shown_with_its_figures(assistant, assert_cited):
    from collections import Counter

    from assistant.answering.contract import Turn
    from assistant.parsing.models import KpiResult

    missed = [r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)
              and r.achievement is not None and r.achievement < 100 and r.rating]
    by_set = Counter((r.group, r.year_roc) for r in missed)
    group, year = next(k for k, n in by_set.items() if n > 1)
    ratings = Counter(r.rating for r in missed if (r.group, r.year_roc) == (group, year))
    picked = next(r for r in missed if (r.group, r.year_roc) == (group, year) and ratings[r.rating] == 1)
    response = assistant.ask(f"被評為「{picked.rating}」的那一項，原因是什麼？",
                             [Turn(question=f"{group}組{year}年哪些KPI沒有達標？")])
    assert picked.kpi_code in response.answer and picked.actual_raw in response.answer
    assert_cited(response)


def test_each_phrase_linked_to_a_table_row_names_that_row(assistant, monkeypatch):
    import assistant.answering.asks as asks
    from assistant.linking.linker import Link
    from assistant.parsing.models import BudgetFigure

    figures = [r for r in assistant.sources.memory.of_type("budget_figure") if isinstance(r, BudgetFigure)]
    year = max(r.year_roc for r in figures)
    first, second = list(dict.fromkeys(r.item for r in figures if r.year_roc == year))[:2]
    entries = {e.value: e for e in assistant.sources.vocabulary.gazetteer.entries if e.kind == "table_row"}
    monkeypatch.setattr(asks, "cross_links", lambda request: [Link(entries[first], 0, 1, 0.9, "semantic"),
                                                              Link(entries[second], 2, 3, 0.85, "semantic")])
    response = assistant.ask(f"What were the Secretariat's figures for ROC {year}?")
    shown = {item.label for item in response.items} | {response.answer}
    assert all(any(row in s for s in shown) for row in (first, second))


def test_a_count_of_kpis_is_not_narrowed_to_one_by_a_guessed_name(assistant, monkeypatch):
    import assistant.answering.asks as asks
    from assistant.linking.linker import Link
    from assistant.parsing.models import StrategyKpi

    kpis = [r for r in assistant.sources.memory.of_type("strategy_kpi") if isinstance(r, StrategyKpi)]
    tagged = [r for r in kpis if r.wccd]
    entry = next(e for e in assistant.sources.vocabulary.gazetteer.entries if e.kind == "kpi"
                 and e.value == tagged[0].kpi_name)
    monkeypatch.setattr(asks, "cross_links", lambda request: [Link(entry, 0, 1, 0.9, "semantic")])
    response = assistant.ask(f"How many ROC {tagged[0].year_roc} KPIs are marked WCCD?")
    assert len(response.items) == len(tagged)


def test_each_kpi_a_lookup_names_is_answered_under_one_heading(assistant, assert_cited):
    from collections import defaultdict

    from assistant.parsing.models import KpiResult

    by_set = defaultdict(list)
    for r in assistant.sources.memory.of_type("kpi_result"):
        if isinstance(r, KpiResult) and r.target_raw:
            by_set[(r.group, r.year_roc)].append(r)
    first, second = next(rs for rs in by_set.values() if len({r.kpi_name for r in rs}) > 1)[:2]
    question = f"{first.year_roc}年{first.group}組{first.kpi_name}和{second.kpi_name}的目標值分別是多少？"
    response = assistant.ask(question)
    for record in (first, second):
        assert record.kpi_code in response.answer and record.target_raw in response.answer
    assert response.answer.count(question.rstrip("？")) <= 1, "one ask answered in parts is headed once"
    assert_cited(response)


def test_a_scorecard_perspective_named_in_english_filters_the_kpis(assistant):
    from assistant.parsing.models import KpiResult

    results = [r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)]
    group, year = results[0].group, results[0].year_roc
    customer = [r for r in results if (r.group, r.year_roc, r.perspective) == (group, year, "顧客")]
    response = assistant.ask(f"Which customer-perspective KPIs did group {group} report for ROC {year}?")
    assert len(response.items) == len(customer) > 0


def test_plans_for_the_year_after_a_documents_period_are_answered_from_its_text(toy_assistant, assert_cited):
    planned = toy_assistant.ask("111年避難收容處所有什麼規劃？")  # the 110 report names 111 in its plans
    assert not planned.refused and "擴充避難收容處所至5處" in planned.answer
    assert_cited(planned)
    progress = toy_assistant.ask("111年避難收容處所的辦理情形如何？")  # results of 111: no document has them
    assert progress.refused
    count = toy_assistant.ask("測試局111年預計辦理幾場防災演練？")  # a figure planned, of an agency's year
    assert not count.refused and "2場" in count.answer
    assert_cited(count)


def test_whether_any_of_the_rows_listed_qualify_is_answered_of_those_rows(toy_assistant):
    response = toy_assistant.ask("工務局主辦的項目有哪些？有沒有已經完成的？")
    listed, completed = response.parts

    def labels(part):
        return sorted(response.items[i].label for i in part.items)

    assert len(labels(listed)) == 2 and any("建置智慧路燈" in label for label in labels(listed))
    assert len(labels(completed)) == 1 and "建置智慧路燈" in labels(completed)[0]


def test_a_documents_plans_for_a_later_year_are_the_sentences_naming_that_year(toy_assistant):
    # nothing but the year says what is asked: the 110 report's sentences naming 111 are its plans
    response = toy_assistant.ask("測試局110年度施政報告裡，提到111年打算做哪些事？")
    assert not response.refused and "111年將擴充避難收容處所至5處" in response.answer
    assert response.citations and all("111年" in c.quote for c in response.citations)


def test_a_target_for_the_year_after_a_documents_period_is_one_of_its_plans(toy_assistant, assert_cited):
    # A target is set before its year: the 110 report's 111年將擴充避難收容處所至5處 is the 111 target.
    target = toy_assistant.ask("避難收容處所111年的目標是幾處？")
    assert not target.refused and "擴充避難收容處所至5處" in target.answer
    assert_cited(target)
    relative = toy_assistant.ask("110年避難收容處所有幾處？明年的目標呢？")  # 明年 after 110年 is 111
    assert "擴充避難收容處所至5處" in relative.answer


def test_whether_a_kpi_met_its_target_in_a_year_no_record_of_it_reports_is_refused(assistant):
    from assistant.parsing.models import KpiResult

    vocabulary = assistant.sources.vocabulary
    results = [r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)]
    years_of: dict[str, set[int]] = {}
    for r in results:
        years_of.setdefault(r.kpi_name, set()).add(r.year_roc)
    name, years = next((n, y) for n, y in sorted(years_of.items())
                       if any(c > max(y) for c in vocabulary.covered_years) and len(n) >= 4)
    later = min(c for c in vocabulary.covered_years if c > max(years))
    response = assistant.ask(f"{later}年的{name}有達到目標嗎？")
    assert response.refused and response.parts[0].refusal_rule == "year_not_covered"


def test_a_kpi_named_by_one_years_code_and_its_name_is_found_by_name_in_a_year_it_has_another_code(assistant):
    from assistant.parsing.models import KpiResult, StrategyKpi

    records = [r for t in ("strategy_kpi", "kpi_result") for r in assistant.sources.memory.of_type(t)
               if isinstance(r, (StrategyKpi, KpiResult))]
    by_name: dict[str, dict[int, set[str]]] = {}
    for r in records:
        by_name.setdefault(r.kpi_name, {}).setdefault(r.year_roc, set()).add(r.kpi_code)
    name, early, late, code, target = next(
        (n, a, b, next(iter(years[a])), r.target_raw)
        for n, years in sorted(by_name.items()) for a in sorted(years) for b in sorted(years)
        for r in records if isinstance(r, KpiResult) and r.kpi_name == n and r.year_roc == b and r.target_raw
        if a < b and len(years[a]) == 1 and not years[a] & years[b] and len(n) >= 3)
    response = assistant.ask(f"{early}年的{code}是{name}，{late}年的目標值是多少？")
    assert not response.refused and target in response.answer


def test_a_budget_row_named_in_english_beside_rows_guessed_by_similarity(assistant):
    from assistant.parsing.models import BudgetFigure

    figures = [r for r in assistant.sources.memory.of_type("budget_figure") if isinstance(r, BudgetFigure)]
    year = max(r.year_roc for r in figures if r.item == "決算")
    row = {r.item: r for r in figures if r.year_roc == year and r.table == "預算"}
    office = assistant.sources.lexicon.get(row["決算"].agency).english[0]
    both = assistant.ask(f"What were the {office}'s budget and final accounts in ROC {year}?")
    assert row["預算"].value_raw in both.answer and row["決算"].value_raw in both.answer
    # the English name links one row exactly; it is no candidate for what `budget` means
    budget = assistant.ask(f"How large was the {office}'s budget in ROC {year}?")
    assert row["預算"].value_raw in budget.answer and row["決算"].value_raw not in budget.answer


def test_an_ask_for_a_named_goals_plans_quotes_its_column_of_what_is_next(assistant):
    import re

    from assistant.text.normalize import match_key

    goals = [g for g in assistant.sources.memory.of_type("performance_goal") if g.future.strip()]
    assert goals
    for goal in goals:
        response = assistant.ask(f"{goal.goal}未來有什麼打算？")
        plans = [p.strip(" ◆▶") for p in re.split(r"[。；\n]", goal.future) if len(p.strip(" ◆▶")) > 12]
        assert response.kind == "free" and any(match_key(p[:12]) in match_key(response.answer) for p in plans), goal.line


def test_a_follow_up_asking_what_was_planned_asks_the_target_not_the_actual_before(assistant):
    from assistant.parsing.models import KpiResult

    results = [r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)]
    reported = {(r.file, r.kpi_name, r.year_roc): r for r in results if r.actual_raw}
    later = next(r for r in results if r.target_raw and not r.actual_raw
                 and (r.file, r.kpi_name, r.year_roc - 1) in reported)
    earlier = reported[(later.file, later.kpi_name, later.year_roc - 1)]
    response = assistant.ask(f"那{later.year_roc}年預計要達到多少？",
                             [Turn(question=f"{earlier.year_roc}年{later.kpi_name}實際做到多少？")])
    assert not response.refused and later.target_raw in response.answer


def test_documents_named_side_by_side_each_answer_for_themselves(toy_index, toy_settings, assert_cited):
    from assistant.config import AnsweringSettings

    terse = Assistant(toy_index, toy_settings.model_copy(update={"answering": AnsweringSettings(max_sentences=2)}))
    response = terse.ask("防災做了哪些事？請對照測試局110年度施政報告和市民服務一覽表說明。")
    cited = [c.file for c in response.citations]
    assert "請對照" not in response.answer  # where to look is no ask of its own
    assert cited.count("toy_report.txt") == cited.count("toy_table.txt") == 2  # each its own share of quotes
    assert_cited(response)


def test_what_was_done_about_an_agency_one_row_is_named_for_is_that_rows_results(assistant):
    import re

    from assistant.parsing.models import ProgressItem

    lexicon = assistant.sources.lexicon
    rows = [r for r in assistant.sources.memory.of_type("progress_item") if isinstance(r, ProgressItem) and r.results]
    agencies = {a.name for a in lexicon.agencies}
    named_for = {a: [r for r in rows if a in (r.item_name or "")] for a in agencies}
    agency, row = next((a, found[0]) for a, found in sorted(named_for.items())
                       if len(found) == 1 and "工作" in found[0].results and lexicon.get(a) and a != found[0].lead_agency)
    response = assistant.ask(f"{agency}成立了沒？市府做了哪些準備工作？")
    steps = [p.strip() for p in re.split(r"[。；]", row.results) if len(p.strip()) > 10]
    quoted = sum(1 for step in steps if step[-10:] in response.answer)
    most = assistant.settings.answering.max_sentences
    assert len(steps) > most and quoted > most  # the row whole, not its best few sentences


def test_a_later_ask_about_a_row_of_a_year_the_kpi_before_is_not_reported_in_leaves_the_kpi(assistant):
    from assistant.parsing.models import KpiResult, ProgressItem

    kpi = next(r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult) and r.actual_raw)
    kpi_years = {r.year_roc for r in assistant.sources.memory.of_type("kpi_result") if r.kpi_name == kpi.kpi_name}
    row = next(r for r in assistant.sources.memory.of_type("progress_item")
               if isinstance(r, ProgressItem) and r.item_name and r.year_roc not in kpi_years)
    first, second = assistant.read(f"{kpi.year_roc}年{kpi.kpi_name}實際值是多少？{row.year_roc}年{row.item_name}的辦理情形呢？",
                                   [], {})
    assert first.filters.kpi_name == kpi.kpi_name and second.filters.kpi_name is None
    follow = assistant.read(f"{kpi.kpi_name}{kpi.year_roc}年實際值是多少？那{row.year_roc}年呢？", [], {})
    assert follow[-1].filters.kpi_name == kpi.kpi_name  # nothing of its own: still the KPI, refused by year


def test_how_far_a_kpi_got_when_only_its_target_is_reported_is_refused_on_scope(assistant):
    from assistant.parsing.models import KpiResult

    names: dict[str, int] = {}
    for record in assistant.sources.memory.of_type("kpi_result"):
        names[record.kpi_name] = names.get(record.kpi_name, 0) + 1
    r = next(r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)
             and r.target_raw and not r.actual_raw and names[r.kpi_name] == 1)
    reached = assistant.ask(f"{r.year_roc}年{r.kpi_name}最後做到多少？")  # the outcome is asked, not the target
    assert reached.refused and r.target_raw in reached.answer  # it says what is reported instead
    figure = "".join(ch for ch in r.target_raw if ch.isdigit() or ch == ".")
    met = assistant.ask(f"{r.year_roc}年{r.kpi_name}有沒有達到{figure}？")  # whether a stated figure was reached
    assert met.refused


def test_a_follow_up_pointing_at_one_row_named_in_part_is_asked_of_that_row(toy_assistant, assert_cited):
    history = [{"question": "工務局主辦的項目有哪些？"}]  # two rows: 推動公園遊戲場更新, 建置智慧路燈
    response = toy_assistant.ask("其中路燈那一項的辦理等級是什麼？", history)
    assert "A已完成或例行性業務" in response.answer and "B執行中" not in response.answer
    assert_cited(response)
    both = toy_assistant.ask("其中那一項的辦理等級是什麼？", history)  # none named: each row, with its status
    assert "A已完成或例行性業務" in both.answer and "B執行中" in both.answer


def test_a_kpi_asked_of_without_a_year_is_asked_of_the_one_year_it_is_reported_in(assistant, assert_cited):
    from assistant.parsing.models import KpiResult

    years: dict[str, set[int]] = {}
    for record in assistant.sources.memory.of_type("kpi_result"):
        years.setdefault(record.kpi_name, set()).add(record.year_roc)
    r = next(r for r in assistant.sources.memory.of_type("kpi_result") if isinstance(r, KpiResult)
             and r.actual_raw and len(years[r.kpi_name]) == 1 and len(r.kpi_name) >= 8)
    response = assistant.ask(f"{r.kpi_name[1:]}那個指標怎麼會這樣？")  # in part, no year: why it came out so
    assert not response.refused and r.actual_raw in response.answer and f"{r.year_roc}年" in response.answer
    assert_cited(response)



def test_a_rows_status_asked_beside_what_it_achieved_answers_both_from_that_row_alone(toy_assistant, assert_cited):
    response = toy_assistant.ask("擴大長者共餐據點那項，實際做到多少？辦理等級是？")
    assert "B執行中" in response.answer and "1萬2,000" in response.answer  # the field, and the results' figure
    assert "遊戲場" not in response.answer  # the row beside it in the table's passage is not quoted
    assert_cited(response)


def test_two_asks_answered_by_the_same_rows_show_them_once(toy_assistant, assert_cited):
    response = toy_assistant.ask("工務局主辦的項目有哪些？請列出項次。")
    assert len(response.parts) == 2 and item_numbers(response) == [2, 4]
    assert response.answer.count("推動公園遊戲場更新") == 1  # not once per ask
    assert_cited(response)


def test_how_many_of_a_staffing_row_is_that_rows_figure_not_a_count_of_rows(assistant, assert_cited):
    from assistant.parsing.models import BudgetFigure

    figures = [r for r in assistant.sources.memory.of_type("budget_figure")
               if isinstance(r, BudgetFigure) and r.table == "人力"]
    year = max(r.year_roc for r in figures)
    row = {r.item: r for r in figures if r.year_roc == year}
    office = assistant.sources.lexicon.get(row["約聘僱人員"].agency).english[0]
    response = assistant.ask(f"How many contract employees did the {office} have in ROC {year}?")
    assert response.kind == "lookup" and row["約聘僱人員"].value_raw in response.answer
    assert [c.line for c in response.citations] == [row["約聘僱人員"].line]
    assert_cited(response)


def test_a_kpi_is_guessed_from_retrieval_only_where_no_text_reporting_none_ranks_above_it(assistant, monkeypatch):
    import assistant.answering.asks as asks
    from assistant.answering.citations import Citations
    from assistant.answering.context import Request
    from assistant.answering.gather.passages import Retrieved

    kinds = assistant.sources.vocabulary.record_types
    passages = assistant.index.passages
    text = next(p for p in passages if "kpi_result" not in kinds.get(p.file, ()))
    kpi = next(r for r in assistant.sources.memory.of_type("kpi_result"))
    under_kpi = next(p for p in passages if p.file == kpi.file and p.line <= kpi.line <= p.end_line)
    (reading,) = assistant.read("它的目標值是多少？", [], {})  # a KPI's measure, no name

    def guessed(order):
        monkeypatch.setattr(asks, "retrieve", lambda request: Retrieved(order, False, 0.9))
        return asks._kpi_records(Request(assistant.sources, reading, Citations(assistant.sources.documents)))

    assert any(r.kpi_code == kpi.kpi_code for r in guessed([under_kpi, text]))
    assert guessed([text, under_kpi]) == []  # the text ranks first: the ask is about what it says


def test_items_asked_by_a_range_of_numbers_are_each_of_them(toy_assistant, assert_cited):
    response = toy_assistant.ask("第2到4項各是誰主辦？")
    assert item_numbers(response) == [2, 3, 4]
    assert_cited(response)


def test_an_item_number_no_row_carries_is_refused_and_one_of_several_is_noted(toy_assistant):
    response = toy_assistant.ask("第9項是什麼？")
    assert response.refused and response.parts[0].refusal_rule == "unknown_subject"
    assert "#9" in response.answer and "#1至#6" in response.answer  # the table's own numbers, not code's
    partial = toy_assistant.ask("第5到7項是誰主辦？")
    assert not partial.refused and item_numbers(partial) == [5, 6] and "#7" in partial.answer
