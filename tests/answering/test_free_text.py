"""Free-text answers over the real index (retrieval included), read by hand."""

from assistant.answering.extractive import MAX_QUOTE_CHARS, MAX_SENTENCES
from assistant.answering.free_text import answer_free
from assistant.answering.terms import TermWeights


def _weights(sources):
    return TermWeights(sources.index)


def _quotes(composed):
    return [line[3:line.index("」[")] for line in composed.lines if line.startswith("- 「")]


def test_an_answer_quotes_a_few_sentences_each_with_its_citation(make_request, sources):
    request = make_request("free", question="社宅分級租金做了什麼?")
    composed = answer_free(request, _weights(sources))
    quotes = _quotes(composed)
    assert not composed.refused and 1 <= len(quotes) <= MAX_SENTENCES
    assert sum(map(len, quotes)) <= MAX_QUOTE_CHARS
    assert any("分級租金" in q for q in quotes)
    for citation in request.citations.entries:
        assert citation.file.startswith("000") and citation.line == 27  # #19 檢討社宅出租政策
        assert citation.quote in request.document(citation.file).line(citation.line)


def test_quotes_are_grouped_under_the_item_they_come_from(make_request, sources):
    composed = answer_free(make_request("free", question="青銀換居目前推動成果如何？"), _weights(sources))
    assert composed.lines[0].startswith("**#20 推動青銀換居") and "都市發展局主辦" in composed.lines[0]


def test_results_are_preferred_to_plans(make_request, sources):
    composed = answer_free(make_request("free", question="勞工政策諮詢會成立了嗎?"), _weights(sources))
    assert any("112年12月13日成立" in q for q in _quotes(composed))


def test_a_question_about_something_the_corpus_never_mentions_is_refused(make_request, sources):
    for question in ("蔣市長的生日是哪一天？", "台北捷運單程票價多少錢？"):
        composed = answer_free(make_request("free", question=question), _weights(sources))
        assert composed.refused and composed.kind == "refusal", question
        assert composed.lines  # says what the corpus does hold


def test_english_questions_are_answered_in_english_with_quotes_as_printed(make_request, sources):
    request = make_request("free", lang="en", question="What progress was made on the MRT Eastern Section (東環段)?")
    composed = answer_free(request, _weights(sources))
    assert not composed.refused and composed.headline.startswith("The documents say")
    assert all("東環段" in q for q in _quotes(composed))


def test_a_lookup_answered_from_text_keeps_the_lookup_kind(make_request, sources):
    composed = answer_free(make_request("lookup", question="YouBike 12月單月周轉率降到多少？", years=[112]),
                           _weights(sources), kind="lookup")
    assert composed.kind == "lookup" and any("8.04" in q for q in _quotes(composed))
