import re

import pytest

from assistant.errors import EvaluationError
from assistant.evaluation.baselines import Chunk, score_baseline, summarize_baseline_by_type
from assistant.evaluation.compare import deltas, flips
from assistant.evaluation.headline import assistant_headline, baseline_headline, target_lines
from assistant.evaluation.metrics import Span
from assistant.evaluation.report import BaselineRun, EvalReport, load_report, write_report
from assistant.evaluation.scoring import score_answer
from assistant.evaluation.summary import summarize_by_type
from tests.evaluation.builders import PROGRESS, answer, listed, question


def make_report(corpus_lines, *, list_ok: bool, with_baseline: bool = False) -> EvalReport:
    rows = [{"file": PROGRESS, "line": n} for n in (41, 42)]
    list_q = question(id="list-001", type="list", question="社會局<主辦>?", expected_items=rows, evidence=rows)
    unans = question(id="unans-001", type="unanswerable", question="113年?", expect_refusal=True)
    items, citations = listed(corpus_lines, PROGRESS, [41, 42] if list_ok else [41])
    results = [score_answer(list_q, answer("<b>兩項</b>", items=items, citations=citations), corpus_lines, 12.0),
               score_answer(unans, answer("無", refused=True), corpus_lines, 3.0)]
    baselines = {}
    if with_baseline:
        scored = [score_baseline(list_q, [Chunk("x", Span(PROGRESS, 41, 41))], 1.0)]
        baselines["llama-index-rag"] = BaselineRun(description="plain", build_s=9.5,
                                                   summary=summarize_baseline_by_type(scored), results=scored)
    return EvalReport(created_at="2024-01-01T00:00:00", dataset="dev.jsonl", target="library", k=5,
                      summary=summarize_by_type(results), results=results, baselines=baselines)


def test_json_round_trip_and_no_overwrite(corpus_lines, tmp_path):
    report = make_report(corpus_lines, list_ok=False, with_baseline=True)
    first = write_report(report, tmp_path)
    second = write_report(report, tmp_path)
    assert first != second and all(p.exists() for p in (*first, *second))
    loaded = load_report(first[0])
    assert loaded == report


def test_html_is_self_contained_and_lists_each_failure(corpus_lines, tmp_path):
    _, html_path = write_report(make_report(corpus_lines, list_ok=False, with_baseline=True), tmp_path)
    page = html_path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img)\b|\bsrc=|https?://", page)
    assert "list-001" in page and "1 of 2 expected missing" in page
    assert "社會局&lt;主辦&gt;?" in page and "&lt;b&gt;兩項" in page  # user text is escaped
    assert "llama-index-rag" in page and "Failures (1)" in page


def test_a_broken_report_file_is_an_evaluation_error(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1}', encoding="utf-8")
    with pytest.raises(EvaluationError, match="not a readable eval report"):
        load_report(bad)
    with pytest.raises(EvaluationError):
        load_report(tmp_path / "missing.json")


def test_compare_shows_changes_and_flipped_questions(corpus_lines):
    before, after = make_report(corpus_lines, list_ok=False), make_report(corpus_lines, list_ok=True)
    rows = {(d.scope, d.metric.key): d for d in deltas(before, after)}
    f1 = rows[("list", "items_f1")]
    assert f1.a == pytest.approx(2 / 3) and f1.b == 1.0 and f1.improved is True
    assert rows[("overall", "refusal_accuracy")].improved is None  # unchanged
    assert ("unanswerable", "items_f1") not in rows  # defined in neither report
    changed = flips(before, after)
    assert changed.fixed == ["list-001"] and changed.broken == []


def test_headline_ratios_against_the_baseline(corpus_lines):
    report = make_report(corpus_lines, list_ok=True, with_baseline=True)
    ours = assistant_headline(report.results)
    theirs = {name: baseline_headline(run.results) for name, run in report.baselines.items()}
    assert ours.list_f1 == 1.0 and theirs["llama-index-rag"].list_items_recall == 0.5
    lines = target_lines(ours, theirs)
    assert any("list F1 2.00×" in line and "NOT met" in line for line in lines)
