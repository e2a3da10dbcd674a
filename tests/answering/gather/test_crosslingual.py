"""English phrases and the names they may stand for."""

from assistant.answering.citations import Citations
from assistant.answering.context import Request
from assistant.answering.gather.crosslingual import _scoped_names, english_phrases
from assistant.parsing.models import KpiResult
from assistant.understanding.reading import read_question


def _request(sources, question: str) -> Request:
    reading = read_question(question, [], sources.vocabulary)[0]
    return Request(sources, reading, Citations(sources.documents))


def test_a_phrase_runs_over_spaces_hyphens_and_possessives(toy_request):
    phrases = [p for p, _, _ in english_phrases(toy_request("How did the seniors' meal-site programme do, and why?"))]
    assert "seniors' meal-site programme" in phrases


def test_the_kpi_names_of_the_asked_document_and_year_are_candidates(sources):
    results = [r for r in sources.memory.of_type("kpi_result") if isinstance(r, KpiResult) and r.group]
    group, year = results[0].group, results[0].year_roc
    names = {e.text for e in _scoped_names(_request(sources, f"Which KPIs did group {group} report in ROC {year}?"))}
    expected = {r.kpi_name for r in results if (r.group, r.year_roc) == (group, year)}
    assert expected and expected <= names
    assert not _scoped_names(_request(sources, "Which KPIs did the city report?"))  # no scope stated: none
    assert not _scoped_names(_request(sources, f"What did group {group} report in ROC {year}?"))  # no KPI asked


def test_a_scope_of_more_names_than_the_limit_gives_none(sources):
    import dataclasses

    results = [r for r in sources.memory.of_type("kpi_result") if isinstance(r, KpiResult) and r.group]
    question = f"Which KPIs did group {results[0].group} report in ROC {results[0].year_roc}?"
    assert _scoped_names(_request(sources, question))
    settings = sources.settings.model_copy(update={"max_scoped_names": 1})
    assert not _scoped_names(_request(dataclasses.replace(sources, settings=settings), question))
