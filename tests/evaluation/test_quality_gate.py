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
# Each set's floors, just under its figures when last set (2026-12-02, fifth session): dev pass 0.992;
# first-sight 2026-12-01 pass 0.966; 2026-12-01-b pass 0.952 (scored once at 0.783 before the fixes it
# provoked); 2026-12-01-c pass 0.951 (0.787 once; list F1 0.929, refusal accuracy 0.984, false refusals
# 2.0%); 2026-12-01-d pass 0.967 (0.722 once; list F1 0.977); 2026-12-01-e pass 0.967 (0.856 once);
# 2026-12-01-f pass 0.956 (0.844 once; list F1 0.985, refusal accuracy 0.989); 2026-12-01-g pass 0.989
# (0.844 once); 2026-12-01-h pass 0.933 (0.822 once; refusal accuracy 0.967, false refusals 2.6%);
# 2026-12-01-i pass 0.956 (0.878 once); 2026-12-01-j pass 0.911 (0.811 once; refusal accuracy 0.967,
# false refusals 1.3%); 2026-12-02-k pass 0.978 (0.878 once); 2026-12-02-l pass 0.889 (0.744 once; list
# F1 0.938, refusal accuracy 0.978, false refusals 2.6%); 2026-12-02-m pass 0.844 (0.778 once; list F1
# 0.983, count accuracy 0.9375, refusal accuracy 0.967, false refusals 2.6%); 2026-12-02-n pass 0.856
# (0.767 once; count accuracy 0.9375, refusal accuracy 0.933, false refusals 6.6%); 2026-12-02-o pass
# 0.922 (0.656 once; list F1 0.906, count accuracy 0.9375, refusal accuracy 0.989, false refusals 1.3%);
# 2026-12-02-p pass 0.878 (0.856 once, sealed until then; list F1 0.938, count accuracy 0.875,
# refusal accuracy 0.989, false refusals 1.3%); 2026-12-02-q pass 0.844 (0.711 once; list F1 0.983, refusal
# accuracy 0.933, false refusals 4.1%); 2026-12-02-r pass 0.878 (0.811 once, sealed until then;
# list F1 0.926, count accuracy 0.875, refusal accuracy 0.956, false refusals 2.7%); 2026-12-02-s pass 0.900
# (0.833 once; refusal accuracy 0.944, false refusals 4.1%); 2026-12-02-t pass 0.811 (0.789 once, sealed
# until then; list F1 0.950, refusal accuracy 0.967, false refusals 2.7%); 2026-12-03-w pass 0.989 (0.911 once,
# sealed until then); 2026-12-03-x pass 0.911 (0.867 once, sealed until then); 2026-12-03-y pass
# 0.789 (0.744 once, sealed until then; list F1 0.916, count accuracy 0.875, refusal accuracy 0.989);
# 2026-12-03-z pass 0.889 (0.778 once, sealed until then; list F1 0.900, refusal accuracy 0.989);
# 2026-12-03-za pass 0.822 (0.800 once, sealed while z's fixes were made; list F1 0.914, count accuracy
# 0.9375, refusal accuracy 0.944, false refusals 5.4%; 0.833 since the session of 2026-12-03 evening);
# 2026-12-03-zb pass 0.944 (0.856 once, sealed until then; count accuracy 0.9375, refusal accuracy 0.978,
# false refusals 1.4%); 2026-12-03-zc pass 0.800 (0.778 once, sealed while zb's fixes were made; list F1 0.950,
# count accuracy 0.875, refusal accuracy 0.933, false refusals 4.1%).
# l's refusal floors went from 0.97 and 3% to 0.95 and 6% in the fifth session: with min_similarity at the
# calibrated 0.85, two English lookups that failed by quoting the wrong rows (fs21-lookup-001, -007) now
# fail by refusing; its pass rate rose (0.867 → 0.889).
# l's list F1 floor went from 0.94 to 0.93: its question asking each of two groups' misses
# (E組109年…和D組108年…各有哪些) is now two lists, and the D group's one KPI is cited on its card, not on
# the line the batch names, so one right item counts as extra and one as missing.
# Unless listed, list F1 1.000, count accuracy 1.000, no false refusal. Citations are exact on every set.
DEFAULT = {"pass": 0.85, "list_f1": 0.98, "count_accuracy": 0.93, "refusal_accuracy": 0.98,
           "false_refusal_rate": 0.02}
FLOORS = {
    "dev.jsonl": {"pass": 0.98},
    "2026-12-01.jsonl": {"pass": 0.96},
    "2026-12-01-b.jsonl": {"pass": 0.95},
    "2026-12-01-c.jsonl": {"pass": 0.95, "list_f1": 0.9, "refusal_accuracy": 0.97, "false_refusal_rate": 0.03},
    "2026-12-01-d.jsonl": {"pass": 0.95, "list_f1": 0.96},
    "2026-12-01-e.jsonl": {"pass": 0.96},
    "2026-12-01-f.jsonl": {"pass": 0.94, "list_f1": 0.98, "refusal_accuracy": 0.98},
    "2026-12-01-g.jsonl": {"pass": 0.97},
    "2026-12-01-h.jsonl": {"pass": 0.91, "refusal_accuracy": 0.96, "false_refusal_rate": 0.03},
    "2026-12-01-i.jsonl": {"pass": 0.95},
    "2026-12-01-j.jsonl": {"pass": 0.89, "refusal_accuracy": 0.96},
    "2026-12-02-k.jsonl": {"pass": 0.97},
    "2026-12-02-l.jsonl": {"pass": 0.85, "list_f1": 0.93, "refusal_accuracy": 0.95, "false_refusal_rate": 0.06},
    "2026-12-02-m.jsonl": {"pass": 0.82, "list_f1": 0.97, "refusal_accuracy": 0.96, "false_refusal_rate": 0.03},
    "2026-12-02-n.jsonl": {"pass": 0.82, "refusal_accuracy": 0.93, "false_refusal_rate": 0.07},
    "2026-12-02-o.jsonl": {"pass": 0.91, "list_f1": 0.90},
    "2026-12-02-p.jsonl": {"pass": 0.85, "list_f1": 0.93, "count_accuracy": 0.87},
    "2026-12-02-q.jsonl": {"pass": 0.79, "refusal_accuracy": 0.93, "false_refusal_rate": 0.05},
    "2026-12-02-r.jsonl": {"pass": 0.80, "list_f1": 0.92, "count_accuracy": 0.87, "refusal_accuracy": 0.95,
                           "false_refusal_rate": 0.03},
    "2026-12-02-s.jsonl": {"pass": 0.89, "refusal_accuracy": 0.93, "false_refusal_rate": 0.05},
    "2026-12-02-t.jsonl": {"pass": 0.80, "list_f1": 0.94, "refusal_accuracy": 0.96, "false_refusal_rate": 0.03},
    "2026-12-03-w.jsonl": {"pass": 0.97},
    "2026-12-03-x.jsonl": {"pass": 0.89},
    "2026-12-03-y.jsonl": {"pass": 0.76, "list_f1": 0.90, "count_accuracy": 0.86},
    "2026-12-03-z.jsonl": {"pass": 0.87, "list_f1": 0.89, "refusal_accuracy": 0.98},
    "2026-12-03-za.jsonl": {"pass": 0.81, "list_f1": 0.90, "count_accuracy": 0.93, "refusal_accuracy": 0.94,
                            "false_refusal_rate": 0.06},
    "2026-12-03-zb.jsonl": {"pass": 0.93, "count_accuracy": 0.93, "refusal_accuracy": 0.97},
    "2026-12-03-zc.jsonl": {"pass": 0.79, "list_f1": 0.94, "count_accuracy": 0.87, "refusal_accuracy": 0.93,
                            "false_refusal_rate": 0.05},
}
MIN_CITATION_VALIDITY = 1.0


def floor(report, figure: str) -> float:
    return FLOORS.get(Path(report.dataset).name, {}).get(figure, DEFAULT[figure])


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
    assert report.summary["overall"].passed >= floor(report, "pass"), failing(report)


def test_lists_and_counts(report):
    assert report.summary["list"].items_f1 >= floor(report, "list_f1"), failing(report, "list")
    assert report.summary["count"].count_accuracy >= floor(report, "count_accuracy"), failing(report, "count")


def test_citations_are_exact(report):
    assert report.summary["overall"].citation_validity >= MIN_CITATION_VALIDITY, [
        f for r in report.results for f in r.failures if f.startswith("citation")]


def test_refusals(report):
    overall = report.summary["overall"]
    assert overall.refusal_accuracy >= floor(report, "refusal_accuracy"), failing(report)
    assert overall.false_refusal_rate <= floor(report, "false_refusal_rate"), failing(report)
