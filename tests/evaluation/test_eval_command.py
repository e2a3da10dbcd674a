"""`assistant eval` end to end through the Typer app (the command lives in assistant/cli/eval_commands.py)."""

import json

from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import EvaluationError
from assistant.evaluation.report import load_report, write_report
from tests.evaluation.test_report import make_report

runner = CliRunner()


def test_eval_runs_a_subset_and_writes_both_reports(real_index, tmp_path):
    result = runner.invoke(app, ["eval", "--subset", "unans-001,lookup-001", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "recall@k" in result.output and "reports:" in result.output
    json_path = next(tmp_path.glob("*.json"))
    report = load_report(json_path)
    assert [r.id for r in report.results] == ["lookup-001", "unans-001"]
    assert report.target == "library" and report.index_version == real_index.version
    assert json_path.with_suffix(".html").exists()
    assert json.loads(json_path.read_text(encoding="utf-8"))["summary"]["overall"]["n"] == 2


def test_compare_prints_both_reports_with_deltas(corpus_lines, tmp_path):
    a, _ = write_report(make_report(corpus_lines, list_ok=False), tmp_path)
    b, _ = write_report(make_report(corpus_lines, list_ok=True), tmp_path)
    result = runner.invoke(app, ["eval", "--compare", str(a), str(b)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "+0.333" in result.output and "fixed in B (1): list-001" in result.output


def test_a_bad_subset_is_a_readable_error(tmp_path):
    result = runner.invoke(app, ["eval", "--subset", "nope", "--out", str(tmp_path)])
    assert isinstance(result.exception, EvaluationError) and "nope" in str(result.exception)
    assert not list(tmp_path.iterdir())
