"""Stage 4 from the command line: `index` and `search`."""

import json
import time
from typing import Annotated

import typer

from assistant.cli.app import app, console, open_index_verbosely
from assistant.corpus.lexicon import load_lexicon


@app.command()
def index(rebuild: Annotated[bool, typer.Option("--rebuild", help="rebuild even if the index is fresh")] = False) -> None:
    """Build the indexes if the corpus or code changed (or with --rebuild), and print what they hold."""
    started = time.perf_counter()
    built = open_index_verbosely(rebuild)
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
    hits = HybridSearcher(open_index_verbosely()).search(query, k, filters)
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
