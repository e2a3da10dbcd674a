"""Records from the command line: `ingest` (parse and count) and `records` (exact queries)."""

import json
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.app import app, console, err_console, open_index_verbosely
from assistant.config import get_settings
from assistant.corpus.served import load_served_corpus
from assistant.parsing.pipeline import ParsedCorpus, parse_corpus


def _parsed() -> ParsedCorpus:
    return parse_corpus(load_served_corpus(get_settings()))


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
    from assistant.index.record_search import find_records, split_where

    matches = find_records(open_index_verbosely().records, split_where(where))
    if as_json:
        for record in matches:
            typer.echo(json.dumps(record.fields(), ensure_ascii=False))
        return
    table = Table("file", "line", "type", "record")
    for record in matches:
        table.add_row(record.file, str(record.line), record.record_type, record.label())
    console.print(table)
    console.print(f"{len(matches)} records")
