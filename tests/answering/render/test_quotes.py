"""Quoted answers: a row asked about as a whole is quoted whole; an ask why favours stated reasons;
a passage's neighbours under its heading are candidates too."""

import dataclasses
from types import SimpleNamespace

from assistant.answering.context import Sources
from assistant.answering.gather.passages import retrieve
from assistant.answering.render.quotes import choose, row_results, whole_row_subject
from assistant.answering.terms import TermWeights
from assistant.index.indexed_passage import IndexedPassage


def _whole(toy_request, question: str):
    request = toy_request(question)
    return whole_row_subject(request, retrieve(request))


def test_a_row_named_whole_is_answered_by_its_results_whole(toy_request):
    request = toy_request("設置社區防災倉庫的進度如何？")
    row = whole_row_subject(request, retrieve(request))
    assert row is not None and row.item_no == 1
    assert [s.text for s in row_results(request, row)] == ["110年3月完成選址。", "110年5月20日完成3處倉庫建置並開放使用。"]


def test_a_subject_word_held_by_one_row_name_picks_that_row(toy_request):
    assert _whole(toy_request, "防災倉庫做得怎麼樣了？").item_no == 1


def test_a_word_two_rows_share_picks_none(toy_request):
    assert _whole(toy_request, "青年相關項目的進度如何？") is None  # 青年創業貸款, 青年就業博覽會


def test_an_ask_for_another_column_is_not_a_whole_row_ask(toy_request):
    assert _whole(toy_request, "遊戲場更新的年度目標是什麼？") is None


def test_the_row_budget_cuts_a_long_cell(toy_request):
    request = toy_request("設置社區防災倉庫的進度如何？")
    row = whole_row_subject(request, retrieve(request))
    settings = request.sources.settings.model_copy(update={"max_row_quote_chars": 12})
    short = dataclasses.replace(request, sources=dataclasses.replace(request.sources, settings=settings))
    assert [s.text for s in row_results(short, row)] == ["110年3月完成選址。"]


def _one_sentence(toy_request, question: str) -> str:
    request = toy_request(question)
    settings = request.sources.settings.model_copy(update={"max_sentences": 1})
    request = dataclasses.replace(request, sources=dataclasses.replace(request.sources, settings=settings))
    weights = TermWeights(request.sources.index)
    [sentence] = choose(request, retrieve(request), weights, wants_number=False)
    return sentence.text


def test_an_ask_why_quotes_the_sentence_that_gives_a_reason(toy_request):
    assert "主要係因" in _one_sentence(toy_request, "預算執行率為什麼提高？")
    assert "主要係因" not in _one_sentence(toy_request, "預算執行率提高的情形如何？")


def _passage(line: int, end_line: int, context: str) -> IndexedPassage:
    return IndexedPassage(id=f"d.txt:{line}-{end_line}", file="d.txt", line=line, end_line=end_line, text="文字",
                          context=context, doc_kind="text", title="d", years=(), agencies=())


def _sources(passages: list[IndexedPassage]) -> Sources:
    return Sources(index=SimpleNamespace(passages=passages), documents={}, lexicon=None, memory=None,  # type: ignore[arg-type]
                   vocabulary=None, settings=None, matcher=None)  # type: ignore[arg-type]


def test_neighbours_are_the_passages_around_under_the_same_heading():
    a, b, c, d = _passage(1, 3, "壹"), _passage(5, 8, "壹"), _passage(10, 12, "壹"), _passage(14, 15, "貳")
    sources = _sources([d, b, a, c])  # stored order does not matter
    assert sources.neighbours(b) == [a, c]
    assert sources.neighbours(c) == [b]  # d sits under another heading
    assert sources.passages_between("d.txt", 4, 10) == [b, c]
    assert sources.passages_between("d.txt", 16, 20) == []


def test_retrieval_ranks_what_is_on_topic_where_the_asks_words_cannot():
    from assistant.answering.render.quotes import ranks_by_retrieval
    from assistant.answering.terms import Term
    from assistant.linking.gazetteer import Entry
    from assistant.linking.linker import Link

    english = [Term("exchange", 3.0, True), Term("mou", 5.0, True)]  # printed somewhere, in English
    assert ranks_by_retrieval("en", english, [])
    assert not ranks_by_retrieval("en", [*english, Term("東環段", 6.0, True)], [])  # a Chinese word is a key
    item = Link(Entry("item", "推動東環段", "推動東環段"), 0, 5, 1.0, "semantic")
    assert not ranks_by_retrieval("en", english, [item])  # a name the ask linked is a key
    assert not ranks_by_retrieval("zh", [Term("托嬰", 4.0, True)], [])
    assert ranks_by_retrieval("zh", [Term("太空梭", 4.0, False)], [])  # no corpus word at all


def test_what_a_named_row_did_in_words_its_results_use_is_its_results(toy_request):
    assert _whole(toy_request, "舉辦青年就業博覽會在職缺方面做了什麼？").item_no == 6


def test_a_year_the_prose_does_not_speak_of_is_not_answered_from_another_years_sentences(toy_assistant):
    # the report covers 109–110, but its prose speaks of 110年度 only
    assert "12 場" in toy_assistant.ask("測試局110年辦了幾場防災講座？").answer
    assert toy_assistant.ask("測試局109年辦了幾場防災講座？").refused


def test_a_figure_asked_of_a_year_whose_sentences_state_none_is_not_reported(toy_assistant):
    response = toy_assistant.ask("測試局110年防災倉庫維護了幾處？")  # its one sentence plans, and counts nothing
    assert response.refused and "110年" in response.answer


def test_why_a_row_stands_as_it_does_against_its_target_quotes_what_was_done(toy_assistant):
    # the target is named in passing; why the row stands so is in its results, quoted beside the target
    answer = toy_assistant.ask("擴大長者共餐據點那項，每週服務人次看起來超過目標了，為什麼還是執行中？").answer
    assert "新增10處共餐據點" in answer and "每週服務長者1萬2,000人次" in answer


def test_a_year_is_a_plan_year_only_where_no_document_in_scope_covers_it(toy_request, monkeypatch):
    from assistant.answering.render import quotes

    request = toy_request("111年有什麼規劃？")
    vocabulary = request.sources.vocabulary
    # after the report's years, covered by none
    assert quotes._plan_years(request).get("toy_report.txt", set()) == {111}
    both = toy_request("110年做得如何？111年有什麼規劃？", years=[110, 111])
    # a covered year asked too: what is reported
    assert quotes._plan_years(both).get("toy_report.txt", set()) == set()
    covering = {"toy_report.txt": frozenset({109, 110}), "toy_table.txt": frozenset({111})}
    monkeypatch.setattr(type(vocabulary), "covers", lambda self, file: covering.get(file, frozenset()))
    assert quotes._plan_years(request).get("toy_report.txt", set()) == set()  # another document covers 111
