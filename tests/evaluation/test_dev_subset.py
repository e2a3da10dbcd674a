"""CI quality gate: a small, varied slice of the dev set (`CI_SUBSET`) through the library on the real index.

Each threshold sits just under the figure the code reached when it was last set, so a regression
fails CI while noise does not. Raise them when the figures improve; never lower one to make a red
run green without saying why in the commit. `assistant eval --subset ci` prints the same figures.
"""

import pytest

from assistant.config import Settings
from assistant.evaluation.dataset import load_dev_set, select
from assistant.evaluation.evaluate import evaluate
from assistant.evaluation.targets import LibraryTarget
from tests.evaluation.builders import PROJECT

# Figures on the 23-question subset when last set (answering stage of 2026-11-23): recall@5 0.622,
# MRR 0.750, list F1 1.000, count accuracy 1.000, must-contain lookup 1.000 / free 1.000,
# citation validity 1.000, citation recall 0.875, refusal accuracy 1.000, false-refusal rate 0.000.
MIN_RECALL_AT_5 = 0.60
MIN_MRR = 0.72
MIN_LIST_F1 = 0.99
MIN_COUNT_ACCURACY = 0.99
MIN_MUST_CONTAIN = {"lookup": 0.99, "free": 0.99}
MIN_CITATION_VALIDITY = 1.0
MIN_CITATION_RECALL = 0.85
MIN_REFUSAL_ACCURACY = 0.99
MAX_FALSE_REFUSAL_RATE = 0.01


@pytest.fixture(scope="module")
def report(real_index):
    from assistant.answering.service import Assistant

    settings = Settings(corpus_dir=PROJECT / "corpus", index_dir=PROJECT / "indexes", llm_base_url=None)
    questions = select(load_dev_set(PROJECT / "evals" / "dev.jsonl"), "ci")
    return evaluate(questions, LibraryTarget(Assistant(real_index, settings)), real_index, settings,
                    dataset="evals/dev.jsonl", subset="ci")


def failing(report, kind: str | None = None) -> list[str]:
    """The failed questions of one type (or all), with their reasons: the assertion message."""
    return [f"{r.id}: {'; '.join(r.failures)}" for r in report.results if not r.ok and kind in (None, r.type)]


def test_nothing_crashes(report):
    assert [r.id for r in report.results if r.error] == []


def test_retrieval(report):
    overall = report.summary["overall"]
    assert overall.recall_at_k >= MIN_RECALL_AT_5
    assert overall.mrr >= MIN_MRR


def test_lists_and_counts(report):
    assert report.summary["list"].items_f1 >= MIN_LIST_F1, failing(report, "list")
    assert report.summary["count"].count_accuracy >= MIN_COUNT_ACCURACY, failing(report, "count")


def test_lookup_and_free_text_contain_the_facts(report):
    for kind, minimum in MIN_MUST_CONTAIN.items():
        assert report.summary[kind].must_contain >= minimum, failing(report, kind)


def test_citations_are_exact_and_cover_the_evidence(report):
    overall = report.summary["overall"]
    assert overall.citation_validity >= MIN_CITATION_VALIDITY, [
        f for r in report.results for f in r.failures if f.startswith("citation")]
    assert overall.citation_recall >= MIN_CITATION_RECALL, [
        f"{r.id}: {w}" for r in report.results for w in r.warnings if w.startswith("evidence")]


def test_refusals(report):
    overall = report.summary["overall"]
    assert overall.refusal_accuracy >= MIN_REFUSAL_ACCURACY, failing(report)
    assert overall.false_refusal_rate <= MAX_FALSE_REFUSAL_RATE, failing(report)
