"""What `assistant eval` prints: rich tables for a run, its baselines, its failures, and a comparison."""

from rich import box
from rich.table import Table
from rich.text import Text

from assistant.evaluation.compare import deltas, flips
from assistant.evaluation.headline import COLUMNS, assistant_headline, baseline_headline, target_lines
from assistant.evaluation.report import EvalReport
from assistant.evaluation.summary import METRICS, OVERALL, format_value

FAILURES_SHOWN = 15
SHORT_NAMES = {"unanswerable": "unans"}


def summary_table(report: EvalReport) -> Table:
    """Metrics down, question types across (so it fits a terminal); – where a metric does not apply."""
    table = Table(title=f"eval · {report.target} · {len(report.results)} questions · k={report.k}",
                  box=box.SIMPLE_HEAD)
    table.add_column("metric", no_wrap=True)
    for name in report.summary:
        table.add_column(SHORT_NAMES.get(name, name), justify="right", no_wrap=True,
                         style="bold" if name == OVERALL else None)
    summaries = [s.model_dump() for s in report.summary.values()]
    table.add_row("n", *(str(s["n"]) for s in summaries), end_section=True)
    for metric in METRICS:
        table.add_row(metric.label, *(format_value(s[metric.key], metric) for s in summaries))
    return table


def baselines_table(report: EvalReport) -> Table:
    ours = assistant_headline(report.results)
    theirs = {name: baseline_headline(run.results) for name, run in report.baselines.items()}
    table = Table(title="assistant beside the baselines (same questions, same run)", box=box.SIMPLE_HEAD,
                  caption="\n".join(target_lines(ours, theirs)) or None)
    table.add_column("system", no_wrap=True)
    for _, label in (*COLUMNS, ("", "build s")):
        table.add_column(label, justify="right")
    for name, headline in [("assistant", ours), *theirs.items()]:
        data = headline.model_dump()
        build = report.baselines[name].build_s if name in report.baselines else None
        table.add_row(name, *("–" if data[c] is None else f"{data[c]:.3f}" for c, _ in COLUMNS),
                      "–" if build is None else f"{build:.1f}")
    return table


def baseline_types_table(name: str, report: EvalReport) -> Table:
    """One baseline's figures per question type (the assistant's are in the main table)."""
    table = Table(title=f"baseline {name} per question type", box=box.SIMPLE_HEAD)
    table.add_column("metric", no_wrap=True)
    summaries = report.baselines[name].summary
    for scope in summaries:
        table.add_column(SHORT_NAMES.get(scope, scope), justify="right", no_wrap=True)
    for key, label in (("recall_at_k", "recall@k"), ("mrr", "MRR"), ("items_recall", "items R"),
                       ("must_contain", "must-contain")):
        values = [getattr(summary, key) for summary in summaries.values()]
        table.add_row(label, *("–" if v is None else f"{v:.3f}" for v in values))
    return table


def failures_table(report: EvalReport, limit: int = FAILURES_SHOWN) -> Table:
    failed = report.failed
    table = Table(title=f"failures ({len(failed)}; first {min(limit, len(failed))}, all in the HTML report)")
    table.add_column("id", no_wrap=True)
    table.add_column("question", max_width=40)
    table.add_column("why")
    for result in failed[:limit]:
        table.add_row(result.id, result.question, "\n".join(f[:160] for f in result.failures))
    return table


def compare_table(a: EvalReport, b: EvalReport, name_a: str, name_b: str) -> Table:
    table = Table(title=f"A = {name_a} ({a.created_at})\nB = {name_b} ({b.created_at})")
    for column, justify in (("scope", "left"), ("metric", "left"), ("A", "right"), ("B", "right"),
                            ("Δ B−A", "right")):
        table.add_column(column, justify=justify)
    rows = deltas(a, b)
    for i, row in enumerate(rows):
        change = row.change
        style = {True: "green", False: "red", None: "dim"}[row.improved]
        shown = "–" if change is None else (f"{change:+.1f}" if row.metric.unit == "ms" else f"{change:+.3f}")
        last_of_scope = i + 1 < len(rows) and rows[i + 1].scope != row.scope
        table.add_row(row.scope, row.metric.label, format_value(row.a, row.metric),
                      format_value(row.b, row.metric), Text(shown, style=style), end_section=last_of_scope)
    return table


def flips_text(a: EvalReport, b: EvalReport) -> Text:
    f = flips(a, b)
    text = Text()
    text.append(f"fixed in B ({len(f.fixed)}): {' '.join(f.fixed) or '–'}\n", style="green")
    text.append(f"broken in B ({len(f.broken)}): {' '.join(f.broken) or '–'}", style="red")
    if f.only_a or f.only_b:
        text.append(f"\nonly in A: {len(f.only_a)} questions; only in B: {len(f.only_b)}")
    return text
