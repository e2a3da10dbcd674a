"""CI quality gate: the whole dev set and every scored first-sight batch, through the library on the real index.

Each threshold sits just under the figure the code reached when it was last set, so a regression
fails CI while noise does not. Raise them when the figures improve; never lower one to make a red
run green without saying why in the commit. `assistant eval FILE` prints the same figures.
"""

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.evaluation.dataset import load_dev_set
from assistant.evaluation.evaluate import evaluate
from assistant.evaluation.targets import LibraryTarget
from tests.evaluation.builders import PROJECT

SETS = [PROJECT / "evals" / "dev.jsonl", *sorted((PROJECT / "evals" / "first_sight").glob("*.jsonl"))]
# Figures when last set (2026-12-01): dev pass 1.000; first-sight 2026-12-01 pass 0.966, 2026-12-01-b
# pass 0.892 (scored once at 0.783 before the fixes it provoked); on all, list F1 1.000, count accuracy
# ≥ 0.867 (1.000 on the first two), citation validity 1.000, refusal accuracy 1.000, no false refusal.
MIN_PASS = {"dev.jsonl": 0.98, "2026-12-01.jsonl": 0.95, "2026-12-01-b.jsonl": 0.86}
MIN_LIST_F1 = 0.98
MIN_COUNT_ACCURACY = {"2026-12-01-b.jsonl": 0.85}  # 0.93 for the others
MIN_CITATION_VALIDITY = 1.0
MIN_REFUSAL_ACCURACY = 0.98
MAX_FALSE_REFUSAL_RATE = 0.02


@pytest.fixture(scope="module")
def assistant(real_index):
    from assistant.answering.service import Assistant

    return Assistant(real_index, Settings(corpus_dir=PROJECT / "corpus", index_dir=PROJECT / "indexes",
                                          llm_base_url=None))


@pytest.fixture(scope="module", params=SETS, ids=lambda p: p.name)
def report(request, assistant, real_index):
    path: Path = request.param
    settings = assistant.settings
    return evaluate(load_dev_set(path), LibraryTarget(assistant), real_index, settings,
                    dataset=str(path.relative_to(PROJECT)))


def failing(report, kind: str | None = None) -> list[str]:
    """The failed questions of one type (or all), with their reasons: the assertion message."""
    return [f"{r.id}: {'; '.join(r.failures)}" for r in report.results if not r.ok and kind in (None, r.type)]


def test_nothing_crashes(report):
    assert [r.id for r in report.results if r.error] == []


def test_pass_rate(report):
    name = Path(report.dataset).name
    assert report.summary["overall"].passed >= MIN_PASS.get(name, 0.85), failing(report)


def test_lists_and_counts(report):
    assert report.summary["list"].items_f1 >= MIN_LIST_F1, failing(report, "list")
    minimum = MIN_COUNT_ACCURACY.get(Path(report.dataset).name, 0.93)
    assert report.summary["count"].count_accuracy >= minimum, failing(report, "count")


def test_citations_are_exact(report):
    assert report.summary["overall"].citation_validity >= MIN_CITATION_VALIDITY, [
        f for r in report.results for f in r.failures if f.startswith("citation")]


def test_refusals(report):
    overall = report.summary["overall"]
    assert overall.refusal_accuracy >= MIN_REFUSAL_ACCURACY, failing(report)
    assert overall.false_refusal_rate <= MAX_FALSE_REFUSAL_RATE, failing(report)
