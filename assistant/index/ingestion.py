"""Add, replace and withdraw uploaded documents, and undo exactly that change if indexing fails.

No HTTP here: `POST/PUT/DELETE /api/documents` and `assistant upload/withdraw` share it. The steps:
`inspect` reads a file without keeping it (format, detected kind, title and period, record counts,
warnings); `prepare` checks everything that can be checked before touching the disk (size, name,
format, kind, records, look-alike names and titles, an existing (series, period)); `ingest` and
`withdraw` change one entry of the data directory under its cross-process lock, run the caller's
index build, and on failure put back that entry alone, so a concurrent upload's change survives.
The bundled corpus is never written.
"""

import datetime as dt
import re
import time
import unicodedata
import uuid
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.config import Settings
from assistant.corpus.datadir import DataDir
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import MANIFEST_NAME, Corpus, Document, DocumentInfo, DocumentKind
from assistant.corpus.period import Half, Period, read_period
from assistant.corpus.served import load_served_corpus, look_alike_key
from assistant.errors import (
    DocumentNotFoundError,
    DocumentTooLargeError,
    DuplicateDocumentError,
    NoRecordsError,
    UploadError,
)
from assistant.index.store import SearchIndex
from assistant.parsing.detect import detect_kind
from assistant.parsing.pipeline import parse_document
from assistant.parsing.readers import ACCEPTED_SUFFIXES, Extracted, reader_for
from assistant.text.dates import roc_to_ad

MAX_NAME_CHARS = 120
# Letters (any script), digits, and - _ . only; at least one character before the suffix.
_SAFE_NAME = re.compile(r"^[\w\-.]+$")
_TITLE_LINES = 8
_MAX_TITLE_CHARS = 120


class UploadFields(BaseModel):
    """What the uploader says about a document; anything left out is detected from the file."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    issuer: str | None = None
    year_roc: int | None = Field(None, ge=1, le=200)
    half: Half | None = None
    as_of: dt.date | None = None
    series: str | None = None
    kind: DocumentKind | None = None
    group: str | None = None
    replaces: str | None = Field(None, description="the uploaded document this one replaces (same name kept)")
    uploaded_by: str | None = None


@dataclass(frozen=True)
class Inspection:
    """What a file would become: read, classified and parsed, but not kept."""

    name: str
    format: str
    lines: int
    kind: str
    detected_kind: str
    detection: str
    records: int
    title: str | None
    issuer: str | None
    year_roc: int | None
    half: int | None
    as_of: dt.date | None
    period: str | None
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NewDocument:
    """A checked upload: its name, the original bytes, the text read from them and its manifest entry."""

    name: str
    source_name: str
    original: bytes
    extracted: Extracted
    info: DocumentInfo
    replaces: str | None
    records: int
    notes: tuple[str, ...] = ()


def sanitise_name(raw: str) -> str:
    """The document name for an uploaded file name, or `UploadError` if it is unsafe or unusable.

    Path separators and `..` are refused rather than stripped, so a traversal attempt is never
    silently turned into some other name. Spaces become underscores.
    """
    name = unicodedata.normalize("NFC", raw.strip()).replace(" ", "_")
    if not name:
        raise UploadError("the document needs a file name")
    if "/" in name or "\\" in name or ".." in name or "\x00" in name:
        raise UploadError(f"file name {raw!r} is not allowed: it must be a plain name, without folders or '..'")
    if name.startswith(".") or name == MANIFEST_NAME:
        raise UploadError(f"file name {raw!r} is reserved")
    if len(name) > MAX_NAME_CHARS or not _SAFE_NAME.fullmatch(name):
        raise UploadError(f"file name {raw!r} may use only letters, digits, '-', '_' and '.' "
                          f"(at most {MAX_NAME_CHARS} characters)")
    if not name.lower().endswith(ACCEPTED_SUFFIXES) or name.lower() in ACCEPTED_SUFFIXES:
        raise UploadError(f"file name {raw!r} must end in one of {', '.join(ACCEPTED_SUFFIXES)}")
    return name


def _read(settings: Settings, raw_name: str, data: bytes) -> tuple[str, Extracted]:
    if len(data) > settings.max_upload_bytes:
        raise DocumentTooLargeError(
            f"the document is {len(data):,} bytes; the limit is {settings.max_upload_bytes:,} bytes")
    if not data:
        raise UploadError("the document is empty")
    name = sanitise_name(raw_name)
    return name, reader_for(name).read(data, settings.max_upload_bytes)


def _guess_title(extracted: Extracted) -> str | None:
    """The first short non-table line: where a title sits in every document we have seen."""
    for line in extracted.lines[:_TITLE_LINES * 4]:
        text = line.strip().lstrip("#").strip()
        if text and "\t" not in line and len(text) <= _MAX_TITLE_CHARS:
            return text
    return None


def _guess_issuer(title: str | None) -> str | None:
    """The agency a title names (秘書處 in 臺北市政府秘書處…), else the city government it names."""
    if not title:
        return None
    lexicon = load_lexicon()
    found = lexicon.find_all(title)
    if found:
        return found[0]
    return next((name for name in lexicon.city_government if name in title), None)


def _draft(name: str, extracted: Extracted, info: DocumentInfo) -> Document:
    return Document(name, info, tuple(extracted.lines), "", tuple(extracted.locations))


def _placeholder_info(year_roc: int | None) -> DocumentInfo:
    year = year_roc or 1
    return DocumentInfo(title="-", issuer="-", year_roc=year, year_ad=roc_to_ad(year))


def inspect(settings: Settings, raw_name: str, data: bytes, kind: str | None = None) -> Inspection:
    """Read, classify and parse a file without adding it: what the upload form prefills."""
    name, extracted = _read(settings, raw_name, data)
    title = _guess_title(extracted)
    found = read_period("\n".join([title or "", *extracted.lines[:_TITLE_LINES]]))
    lexicon = load_lexicon()
    draft = _draft(name, extracted, _placeholder_info(found.year_roc))
    detection = detect_kind(draft, lexicon)
    chosen = kind or detection.kind
    parsed = parse_document(_draft(name, extracted, _placeholder_info(found.year_roc).model_copy(
        update={"kind": chosen})), lexicon)
    period = Period(year_roc=found.year_roc, half=found.half).label if found.year_roc else None
    return Inspection(name=name, format=reader_for(name).format_name, lines=len(extracted.lines), kind=chosen,
                      detected_kind=detection.kind, detection=detection.reason, records=len(parsed.records),
                      title=title, issuer=_guess_issuer(title), year_roc=found.year_roc, half=found.half,
                      as_of=found.as_of, period=period,
                      warnings=extracted.notes + [w.split(": ", 1)[-1] for w in parsed.warnings])


def check_conflicts(served: Sequence[Document], name: str, info: DocumentInfo, replaces: str | None,
                    pending: Collection[str]) -> None:
    """Refuse a name, title or (series, period) already served, unless it is the document replaced."""
    if replaces is not None:
        target = next((d for d in served if d.file == replaces), None)
        if target is None:
            raise DocumentNotFoundError(f"no document named {replaces!r} to replace")
        if target.origin == "bundled":
            raise DuplicateDocumentError(f"{replaces} is an official (bundled) document: it is read-only")
    others = [d for d in served if d.file != replaces]
    key = look_alike_key(name)
    clash = next((d.file for d in others if look_alike_key(d.file) == key), None)
    if clash or (replaces is None and key in {look_alike_key(p) for p in pending}):
        raise DuplicateDocumentError(f"a document named {clash or name!r} already exists (names are compared "
                                     "after NFKC and case folding)")
    title = look_alike_key(info.title)
    clash = next((d for d in others if look_alike_key(d.info.title) == title), None)
    if clash:
        how = "it is official and read-only" if clash.origin == "bundled" else "replace it explicitly to change it"
        raise DuplicateDocumentError(f"a document titled {clash.info.title!r} already exists ({clash.file}); {how}")
    if info.series:
        period = (info.year_roc, info.half)
        clash = next((d for d in others if d.info.series == info.series
                      and (d.period.year_roc, d.period.half) == period), None)
        if clash:
            raise DuplicateDocumentError(f"{clash.file} is already the {clash.period.label} document of the series "
                                         f"{info.series!r}")


def prepare(settings: Settings, raw_name: str, data: bytes, fields: UploadFields,
            pending: Collection[str] = (), served: Corpus | None = None) -> NewDocument:
    """Check an upload fully before anything is written; `pending` names uploads not yet on disk, and
    `served` is the corpus it must not clash with (default: the bundled corpus and the data directory)."""
    source_name, extracted = _read(settings, raw_name, data)
    found = inspect(settings, raw_name, data, fields.kind)
    year = fields.year_roc or found.year_roc
    title = (fields.title or found.title or "").strip()
    issuer = (fields.issuer or found.issuer or "").strip()
    if not title or not issuer or year is None:
        missing = [n for n, v in (("title", title), ("issuer", issuer), ("year_roc", year)) if not v]
        raise UploadError(f"could not detect {', '.join(missing)} from the file: please give them")
    half = fields.half if fields.half is not None else (found.half if year == found.year_roc else None)
    try:
        info = DocumentInfo(title=title, issuer=issuer, year_roc=year, year_ad=roc_to_ad(year), half=half,
                            as_of=fields.as_of or (found.as_of if year == found.year_roc else None),
                            series=fields.series or None, kind=found.kind, group=fields.group or None,  # type: ignore[arg-type]
                            origin="uploaded", uploaded_by=fields.uploaded_by,
                            uploaded_at=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise UploadError(f"the manifest fields are invalid: {problems}") from None
    name = fields.replaces or source_name
    parsed = parse_document(_draft(name, extracted, info), load_lexicon())
    warnings = [w.split(": ", 1)[-1] for w in parsed.warnings]
    if info.kind != "text" and not parsed.records:
        raise NoRecordsError(f"the file gives no {info.kind} records"
                             + (f": {'; '.join(warnings[:5])}" if warnings else "")
                             + f" (detected kind: {found.detected_kind}; {found.detection})")
    check_conflicts((served or load_served_corpus(settings)).documents, name, info, fields.replaces, pending)
    notes = [*extracted.notes, f"kind {info.kind}" + ("" if fields.kind else f" (detected: {found.detection})"),
             f"{len(parsed.records)} records, period {info.period.label}", *warnings]
    return NewDocument(name, source_name, data, extracted, info, fields.replaces, len(parsed.records), tuple(notes))


def _served(index: SearchIndex, name: str) -> bool:
    return name in index.manifest.get("documents", {})


def ingest(settings: Settings, doc: NewDocument, build: Callable[[], SearchIndex], key: str | None = None) -> SearchIndex:
    """Store `doc` (a new document, or a new version of the one it replaces), build, return the index.

    On any failure the entry is put back as it was (only if no one changed it since) and the new
    files are deleted. `key` names the stored version: the upload id, so that a run resumed after a
    crash finds its own entry and only rebuilds."""
    data = DataDir(settings.data_dir)
    key = key or uuid.uuid4().hex
    with data.lock():
        previous = data.entries().get(doc.name)
        resumed = previous is not None and previous.stored == key
        if not resumed:
            if previous is not None and doc.replaces is None:
                raise DuplicateDocumentError(f"a document named {doc.name!r} was added meanwhile")
            data.store(key, doc.source_name, doc.original, doc.extracted.text, doc.extracted.locations)
            data.put_entry(doc.name, doc.info.model_copy(update={"stored": key}))
    try:
        index = build()
        if not _served(index, doc.name):
            reasons = [w for w in index.manifest.get("warnings", []) if doc.name in w]
            index.close()
            raise UploadError(f"{doc.name} was not indexed: {'; '.join(reasons) or 'no reason given'}")
    except BaseException:
        with data.lock():
            current = data.entries().get(doc.name)
            if current is not None and current.stored == key:
                data.put_entry(doc.name, None if resumed else previous)
            data.discard(key)
        raise
    if previous is not None and not resumed:
        with data.lock():
            data.discard(previous.stored)
    return index


def withdraw(settings: Settings, name: str, build: Callable[[], SearchIndex]) -> SearchIndex:
    """Take an uploaded document out of the served corpus and rebuild; on failure it is put back."""
    data = DataDir(settings.data_dir)
    with data.lock():
        previous = data.entries().get(name)
        if previous is None:
            official = any(d.file == name for d in load_served_corpus(settings).documents)
            if official:
                raise DuplicateDocumentError(f"{name} is an official (bundled) document: it cannot be withdrawn")
            raise DocumentNotFoundError(f"no uploaded document named {name!r}")
        data.put_entry(name, None)
    try:
        index = build()
        if _served(index, name):
            raise UploadError(f"{name} is still indexed after withdrawal")
    except BaseException:
        with data.lock():
            if name not in data.entries():
                data.put_entry(name, previous)
        raise
    with data.lock():
        data.discard(previous.stored)
    return index

