"""What the served index holds, document by document, and the original lines behind a citation.

No HTTP here: `GET /api/documents`, `GET /api/documents/{file}/lines` and the `documents` and
`lines` commands share it. Lines are read from the served index's own copy of the corpus
(`SearchIndex.corpus_dir`), so they are exactly what its citations' `file:line` point at, even while
a newer version of an uploaded document is being indexed. A line of a converted document also says
where it is in the original (sheet and row, page and row).
"""

from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from assistant.corpus.manifest import Document, read_document, read_manifest
from assistant.errors import DocumentNotFoundError, LineRangeError, QueryError
from assistant.index.store import SearchIndex

MAX_SPAN = 1000
MAX_CONTEXT = 50


@dataclass(frozen=True)
class DocumentSummary:
    file: str
    title: str
    issuer: str
    year_roc: int
    year_ad: int
    covers_roc: list[int]
    period: str
    half: int | None
    as_of: str | None
    series: str | None
    kind: str
    group: str | None
    origin: str
    uploaded_by: str | None
    uploaded_at: str | None
    lines: int
    records: int
    passages: int
    sha256: str
    warnings: list[str]


@dataclass(frozen=True)
class NumberedLine:
    number: int
    text: str
    cited: bool
    location: str | None = None


@dataclass(frozen=True)
class LineSpan:
    """Lines `start`..`end` of a document, shown with up to `context` lines either side."""

    file: str
    title: str
    start: int
    end: int
    total_lines: int
    lines: list[NumberedLine]


def load_document(corpus_dir: Path, file: str, known: Collection[str] | None = None) -> Document:
    """A corpus document by name; `known` limits it to the documents actually served."""
    infos = read_manifest(corpus_dir)
    path = corpus_dir / file
    if file not in infos or (known is not None and file not in known) or path.parent != corpus_dir \
            or not path.is_file():
        raise DocumentNotFoundError(
            f"no document named {file!r} (`assistant documents` or GET /api/documents lists them)")
    return read_document(path, infos[file])


def list_documents(index: SearchIndex) -> list[DocumentSummary]:
    """Every document in `index`, with its manifest entry, period, origin and line, record and passage counts."""
    corpus_dir = index.corpus_dir
    infos = read_manifest(corpus_dir)
    summaries = []
    for file, stats in index.manifest.get("documents", {}).items():
        info = infos.get(file)
        if info is None:
            continue
        doc = read_document(corpus_dir / file, info)
        summaries.append(DocumentSummary(
            file=file, title=info.title, issuer=info.issuer, year_roc=info.year_roc, year_ad=info.year_ad,
            covers_roc=list(doc.period.covers_roc), period=doc.period.label, half=doc.period.half,
            as_of=doc.period.as_of.isoformat() if doc.period.as_of else None, series=info.series,
            kind=info.kind, group=info.group, origin=info.origin, uploaded_by=info.uploaded_by,
            uploaded_at=info.uploaded_at, lines=len(doc.lines), records=stats.get("records", 0),
            passages=stats.get("passages", 0), sha256=stats.get("sha256", ""),
            warnings=[w.split(": ", 1)[-1] for w in stats.get("warnings", [])],
        ))
    return summaries


def line_span(doc: Document, start: int, end: int | None = None, context: int = 0) -> LineSpan:
    """Lines `start`..`end` (1-based, inclusive; `end` defaults to `start`) plus context, clamped to the file."""
    end = start if end is None else end
    total = len(doc.lines)
    if start < 1 or end < start:
        raise QueryError(f"the line range {start}–{end} is invalid: it must satisfy 1 ≤ from ≤ to")
    if end - start + 1 > MAX_SPAN:
        raise QueryError(f"at most {MAX_SPAN} lines at a time")
    if not 0 <= context <= MAX_CONTEXT:
        raise QueryError(f"context must be between 0 and {MAX_CONTEXT} lines")
    if end > total:
        raise LineRangeError(f"{doc.file} has {total} lines; lines {start}–{end} do not exist")
    first, last = max(1, start - context), min(total, end + context)
    lines = [NumberedLine(n, doc.line(n), start <= n <= end, doc.location(n)) for n in range(first, last + 1)]
    return LineSpan(doc.file, doc.info.title, start, end, total, lines)
