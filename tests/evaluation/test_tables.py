from rich.console import Console

from assistant.evaluation.tables import baseline_types_table, baselines_table, failures_table, summary_table
from tests.evaluation.test_report import make_report


def render(renderable) -> str:
    console = Console(record=True, width=160)
    console.print(renderable)
    return console.export_text()


def test_summary_table_has_every_metric_and_type(corpus_lines):
    text = render(summary_table(make_report(corpus_lines, list_ok=False)))
    assert "items F1" in text and "p95 ms" in text and "unans" in text and "overall" in text
    assert "0.667" in text  # the list question's items F1 (2 of 2 expected, 1 listed)


def test_baseline_tables_show_the_targets(corpus_lines):
    report = make_report(corpus_lines, list_ok=True, with_baseline=True)
    side_by_side = render(baselines_table(report))
    assert "llama-index-rag" in side_by_side and "9.5" in side_by_side
    assert "list F1 2.00× llama-index-rag's list item recall (target ≥ 3.0×): NOT met" in side_by_side
    per_type = render(baseline_types_table("llama-index-rag", report))
    assert "items R" in per_type and "0.500" in per_type


def test_failures_table_names_the_reasons(corpus_lines):
    text = render(failures_table(make_report(corpus_lines, list_ok=False)))
    assert "list-001" in text and "1 of 2 expected missing" in text
