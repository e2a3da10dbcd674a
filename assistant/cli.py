"""The `assistant` command line: one sub-command per capability."""

import json
import logging
import time
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from assistant.config import get_settings
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import load_corpus
from assistant.errors import AssistantError
from assistant.parsing.pipeline import ParsedCorpus, parse_corpus
from assistant.parsing.record_filter import filter_records, parse_where

app = typer.Typer(help="政策問答: complete, cited answers over Taipei City Government policy documents.",
                  no_args_is_help=True, pretty_exceptions_enable=False)
console = Console()
err_console = Console(stderr=True)


def _parsed() -> ParsedCorpus:
    return parse_corpus(load_corpus(get_settings().corpus_dir))


@app.command()
def ingest() -> None:
    """Parse every document; print per-document counts of records and passages, and every warning."""
    parsed = _parsed()
    table = Table("file", "kind", "records", "passages", "title")
    for doc in parsed.documents:
        counts: dict[str, int] = {}
        for record in doc.records:
            counts[record.record_type] = counts.get(record.record_type, 0) + 1
        summary = ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "0"
        table.add_row(doc.document.file, doc.document.info.kind, summary, str(len(doc.passages)),
                      doc.document.info.title)
    console.print(table)
    console.print(f"total: {len(parsed.records)} records, {len(parsed.passages)} passages")
    for warning in parsed.warnings:
        err_console.print(f"[yellow]warning:[/yellow] {warning}")


@app.command()
def records(
    where: Annotated[list[str], typer.Option("--where", "-w", help="FIELD=VALUE, e.g. 主辦=社會局 or status=B")] = [],
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table")] = False,
) -> None:
    """Print the records matching every --where filter."""
    conditions = parse_where(where)
    matches = filter_records(_parsed().records, conditions)
    if as_json:
        for record in matches:
            typer.echo(json.dumps(record.fields(), ensure_ascii=False))
        return
    table = Table("file", "line", "type", "record")
    for record in matches:
        table.add_row(record.file, str(record.line), record.record_type, record.label())
    console.print(table)
    console.print(f"{len(matches)} records")


def _open_index(rebuild: bool = False):
    from assistant.index.store import open_index

    def announce(reason: str) -> None:
        err_console.print(f"[cyan]building the index[/cyan] ({reason}); this takes about a minute the first time")

    return open_index(get_settings(), rebuild=rebuild, on_rebuild=announce)


@app.command()
def index(rebuild: Annotated[bool, typer.Option("--rebuild", help="rebuild even if the index is fresh")] = False) -> None:
    """Build the indexes if the corpus or code changed (or with --rebuild), and print what they hold."""
    started = time.perf_counter()
    built = _open_index(rebuild)
    docs = built.manifest["documents"]
    console.print(f"index {built.version} at {built.folder}: {len(built.passages)} passages, "
                  f"{sum(d['records'] for d in docs.values())} records from {len(docs)} documents "
                  f"({time.perf_counter() - started:.1f} s)")


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="what to look for, in any script")],
    k: Annotated[int, typer.Option("-k", min=1, max=100, help="how many passages")] = 10,
    file: Annotated[list[str], typer.Option("--file", help="only these corpus files")] = [],
    year: Annotated[list[int], typer.Option("--year", help="only documents covering these ROC years")] = [],
    agency: Annotated[list[str], typer.Option("--agency", help="only passages about these agencies")] = [],
    as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table")] = False,
) -> None:
    """Ranked passages with file, line range, score and the retrievers that found each."""
    from assistant.index.filters import PassageFilter
    from assistant.index.retriever import HybridSearcher

    lexicon = load_lexicon()
    filters = PassageFilter(
        files=frozenset(file) or None,
        years=frozenset(year) or None,
        agencies=frozenset(lexicon.canonical(a) or a for a in agency) or None,
    )
    hits = HybridSearcher(_open_index()).search(query, k, filters)
    if as_json:
        typer.echo(json.dumps([
            {"rank": rank, "id": h.passage.id, "file": h.passage.file, "line": h.passage.line,
             "end_line": h.passage.end_line, "score": round(h.score, 6), "retrievers": h.ranks,
             "bm25_score": round(h.bm25_score, 4), "dense_score": round(h.dense_score, 4),
             "context": h.passage.context, "text": h.passage.text}
            for rank, h in enumerate(hits, start=1)], ensure_ascii=False, indent=2))
        return
    for rank, h in enumerate(hits, start=1):
        found = ", ".join(f"{name} #{r}" for name, r in h.ranks.items())
        console.print(f"[bold]{rank}.[/bold] {h.passage.file}:{h.passage.line}-{h.passage.end_line}  "
                      f"score {h.score:.4f}  ({found})", highlight=False)
        if h.passage.context:
            console.print(f"   [dim]{h.passage.context}[/dim]", highlight=False)
        snippet = " ".join(h.passage.text.split())
        console.print(f"   {snippet[:200]}{'…' if len(snippet) > 200 else ''}", highlight=False, markup=False)


def main() -> None:
    """Entry point that turns expected failures into a readable message and exit code 2."""
    logging.basicConfig(level=logging.ERROR, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except AssistantError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise SystemExit(2) from None
