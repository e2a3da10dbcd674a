"""The service from the command line: `serve`, and CLI parity for what only the API offered:
`documents` (list), `lines` (a citation's original lines) and `upload` (add a document)."""

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from assistant.cli.app import app, console, err_console, open_index_verbosely
from assistant.config import get_settings

GRACEFUL_SHUTDOWN_S = 30  # requests in flight get this long to finish on SIGTERM


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="address to bind (default: ASSISTANT_HOST or 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(min=1, max=65535, help="port (default: ASSISTANT_PORT or 8000)")] = None,
) -> None:
    """Serve the web page, the JSON API (/docs) and the OpenAI-compatible endpoint (/v1).

    Each of `ASSISTANT_WORKERS` processes runs its own event loop and `ASSISTANT_THREADS` answering
    threads (see api/README.md). With several workers the index is opened (built if needed) here
    first, so the workers only ever read the shared index folder.
    """
    import uvicorn

    from api.logs import log_config

    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    if settings.workers > 1:
        err_console.print("[cyan]opening the index before starting the workers[/cyan]")
        open_index_verbosely().close()
    err_console.print(f"[green]serving[/green] http://{host}:{port}/  ({settings.workers} worker(s) × "
                      f"{settings.threads} thread(s); API docs at /docs; /readyz says when questions can be answered)")
    uvicorn.run("api.main:app", factory=True, host=host, port=port, workers=settings.workers,
                http="api.protocol:TimedHttpToolsProtocol", loop="uvloop", timeout_keep_alive=settings.keep_alive_s,
                limit_concurrency=settings.max_connections, log_config=log_config(settings),
                timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S)


@app.command()
def documents(as_json: Annotated[bool, typer.Option("--json", help="JSON instead of a table")] = False) -> None:
    """The served documents with period, origin (bundled or uploaded), and line, record and passage counts."""
    from assistant.index.catalog import list_documents

    summaries = list_documents(open_index_verbosely())
    if as_json:
        typer.echo(json.dumps([asdict(s) for s in summaries], ensure_ascii=False, indent=2))
        return
    table = Table("period", "kind", "origin", "lines", "records", "passages", "title")
    table.add_column("file", no_wrap=True)
    for s in summaries:
        table.add_row(s.period, s.kind, s.origin, str(s.lines), str(s.records), str(s.passages), s.title, s.file)
    console.print(table)


@app.command()
def lines(
    file: Annotated[str, typer.Argument(help="document name, as in a citation")],
    start: Annotated[int, typer.Option("--from", min=1, help="first line (1-based)")],
    end: Annotated[int | None, typer.Option("--to", min=1, help="last line, inclusive (default: --from)")] = None,
    context: Annotated[int, typer.Option(min=0, max=50, help="extra lines shown either side")] = 0,
) -> None:
    """Print a document's original lines, numbered; cited lines (--from..--to) are marked with '>'."""
    from assistant.index.catalog import line_span, load_document

    index = open_index_verbosely()
    span = line_span(load_document(index.corpus_dir, file), start, end, context)
    typer.echo(f"{span.title}  {span.file} ({span.total_lines} lines)")
    for line in span.lines:  # echoed raw: tabs and long lines exactly as in the file
        where = f"  [{line.location}]" if line.location else ""
        typer.echo(f"{'>' if line.cited else ' '}{line.number:>5}  {line.text}{where}")


def _uploader() -> str:
    import getpass

    return f"CLI ({getpass.getuser()})"


@app.command()
def inspect(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)]) -> None:
    """Read a file as an upload would, without adding it: format, kind, title, period, records, warnings."""
    from assistant.index.ingestion import inspect as inspect_file

    found = inspect_file(get_settings(), path.name, path.read_bytes())
    typer.echo(json.dumps(asdict(found), ensure_ascii=False, indent=2, default=str))


@app.command()
def upload(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True,
                                         help="txt, md, tsv, csv, xlsx, ods, docx or pdf")],
    title: Annotated[str | None, typer.Option(help="the document's title (default: detected)")] = None,
    issuer: Annotated[str | None, typer.Option(help="who issued it, e.g. 臺北市政府社會局 (default: detected)")] = None,
    year: Annotated[int | None, typer.Option(min=1, max=200, help="民國 year, e.g. 113 (default: detected)")] = None,
    half: Annotated[int | None, typer.Option(min=1, max=2, help="1 上半年, 2 下半年")] = None,
    series: Annotated[str | None, typer.Option(help="links the periods of one publication")] = None,
    kind: Annotated[str | None, typer.Option(help="record parser (default: detected from the content)")] = None,
    group: Annotated[str | None, typer.Option(help="施政 group letter, if any")] = None,
    name: Annotated[str | None, typer.Option(help="document name (default: the file's own name)")] = None,
    replace: Annotated[str | None, typer.Option(help="replace this uploaded document with the file")] = None,
) -> None:
    """Add (or with --replace, replace) a document to the served corpus and index it; on failure only
    this change is undone. With the embedded backend a running `assistant serve` picks it up at its next
    restart (upload through the API to have it served at once); with PostgreSQL, every server within
    seconds."""
    from assistant.index.ingestion import UploadFields, prepare
    from assistant.storage import open_storage

    settings = get_settings()
    storage = open_storage(settings)
    storage.require_writable("store an upload")
    fields = UploadFields(title=title, issuer=issuer, year_roc=year, half=half, series=series, kind=kind,  # type: ignore[arg-type]
                          group=group, replaces=replace, uploaded_by=_uploader())
    doc = prepare(settings, name or path.name, path.read_bytes(), fields, served=storage.served_corpus())
    for note in doc.notes:
        err_console.print(f"[yellow]note:[/yellow] {note}")
    err_console.print(f"[cyan]storing {doc.name} and rebuilding the index[/cyan]")
    index = storage.ingest(doc)
    stats = index.manifest["documents"][doc.name]
    console.print(f"{doc.name}: indexed as {index.version} ({stats['passages']} passages, {stats['records']} records)")


@app.command()
def withdraw(name: Annotated[str, typer.Argument(help="the uploaded document to withdraw")]) -> None:
    """Withdraw an uploaded document and rebuild the index (official documents cannot be withdrawn)."""
    from assistant.storage import open_storage

    index = open_storage(get_settings()).withdraw(name)
    console.print(f"{name}: withdrawn; the index is now {index.version}")
