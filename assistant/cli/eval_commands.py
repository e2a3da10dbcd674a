"""Stage 8 from the command line: `assistant eval` runs the dev set, or compares two reports."""

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from assistant.cli.app import app, console, err_console, open_index_verbosely
from assistant.config import PROJECT_ROOT, get_settings

DEFAULT_DATASET = PROJECT_ROOT / "evals" / "dev.jsonl"


def _compare(path_a: Path, path_b: Path) -> None:
    from assistant.evaluation.report import load_report
    from assistant.evaluation.tables import compare_table, flips_text

    a, b = load_report(path_a), load_report(path_b)
    console.print(compare_table(a, b, path_a.name, path_b.name))
    console.print(flips_text(a, b))


@app.command("eval")
def eval_command(
    dataset: Annotated[Path, typer.Argument(help="dev questions, one JSON object a line")] = DEFAULT_DATASET,
    api: Annotated[str | None, typer.Option("--api", help="base URL of a running server, e.g. "
                                            "http://127.0.0.1:8000; default: the library in this process")] = None,
    api_key: Annotated[str | None, typer.Option("--api-key", help="bearer key for --api "
                                                "(default: ASSISTANT_API_KEY)")] = None,
    subset: Annotated[str | None, typer.Option("--subset", help="comma-separated ids, id prefixes, types, "
                                               "or `ci` (e.g. list,lookup-00)")] = None,
    baselines: Annotated[bool, typer.Option("--baselines", help="also run the BM25-only and plain "
                                            "llama-index baselines and print them beside the assistant")] = False,
    compare: Annotated[tuple[Path, Path] | None, typer.Option(
        "--compare", metavar="A.json B.json", help="show two reports side by side, with B−A deltas")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=50, help="retrieval depth for recall@k")] = 5,
    out: Annotated[Path, typer.Option("--out", help="folder for the JSON and HTML reports")] = (
        PROJECT_ROOT / "evals" / "reports"),
) -> None:
    """Score the assistant on the dev set: per-type table, JSON + HTML report with every failure."""
    if compare:
        _compare(*compare)
        return
    from assistant.answering.service import Assistant
    from assistant.evaluation.dataset import load_dev_set, select
    from assistant.evaluation.evaluate import evaluate
    from assistant.evaluation.report import write_report
    from assistant.evaluation.tables import (
        baseline_types_table,
        baselines_table,
        failures_table,
        summary_table,
    )
    from assistant.evaluation.targets import ApiTarget, LibraryTarget
    from assistant.index.store import served_settings

    settings = get_settings()
    questions = select(load_dev_set(dataset), subset)
    index = open_index_verbosely()
    if api:
        key = api_key or (settings.api_key.get_secret_value() if settings.api_key else None)
        target = ApiTarget(api, key, timeout_s=settings.llm_timeout_s + 30)
    else:
        target = LibraryTarget(Assistant(index, served_settings(settings, index)))
    with Progress(console=err_console, transient=True) as progress:
        task = progress.add_task(f"asking {len(questions)} questions", total=len(questions))
        report = evaluate(questions, target, index, settings, dataset=str(dataset), subset=subset, k=k,
                          baselines=False, on_result=lambda _: progress.advance(task))
    if baselines:
        from assistant.evaluation.evaluate import measure_baselines

        err_console.print("[cyan]running the baselines[/cyan] (the llama-index one embeds its chunks "
                          "the first time: several minutes)")
        report.baselines = measure_baselines(questions, index, settings, k)
    console.print(summary_table(report))
    for name in report.baselines:
        console.print(baseline_types_table(name, report))
    if report.baselines:
        console.print(baselines_table(report))
    if report.failed:
        console.print(failures_table(report))
    json_path, html_path = write_report(report, out)
    console.print(f"reports: {json_path}  {html_path}", highlight=False)
