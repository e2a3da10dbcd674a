"""Add a new document to the corpus folder, and take it out again if indexing it fails.

No HTTP here: `POST /api/documents` and `assistant upload` share it. The steps are:
`prepare` checks everything that can be checked before touching the disk (size, name, encoding,
manifest fields, duplicates); `add_to_corpus` writes the file (never over an existing one) and
appends its manifest entry, each atomically; `ingest` runs the caller's index build and, if the
build fails or leaves the document out, restores the previous manifest bytes and removes the file.
Existing documents are never rewritten.
"""

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from assistant.atomic import create_atomically, replace_atomically
from assistant.config import Settings
from assistant.corpus.manifest import MANIFEST_NAME, DocumentInfo, read_manifest
from assistant.errors import DocumentTooLargeError, DuplicateDocumentError, UploadError
from assistant.index.store import SearchIndex
from assistant.text.dates import roc_to_ad

ALLOWED_SUFFIXES = (".txt", ".md", ".tsv")
MAX_NAME_CHARS = 120
# Letters (any script), digits, and - _ . only; at least one character before the suffix.
_SAFE_NAME = re.compile(r"^[\w\-.]+$")
# Control characters other than tab, newline, carriage return and form feed mark binary data.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class NewDocument:
    """A checked upload: its corpus file name, its text as UTF-8, its manifest entry, and what was changed."""

    name: str
    text: str
    info: DocumentInfo
    notes: tuple[str, ...] = ()


def sanitise_name(raw: str) -> str:
    """The corpus file name for an uploaded name, or `UploadError` if it is unsafe or unusable.

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
    if not name.lower().endswith(ALLOWED_SUFFIXES) or len(name) <= 4:
        raise UploadError(f"file name {raw!r} must end in one of {', '.join(ALLOWED_SUFFIXES)}")
    return name


def decode_text(data: bytes) -> tuple[str, list[str]]:
    """The document's text and notes on any conversion: UTF-8 as is, else Big5 (cp950) converted.

    A UTF-8 byte-order mark is dropped (it would otherwise sit inside line 1 of every citation).
    """
    notes: list[str] = []
    try:
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
            notes.append("removed the UTF-8 byte-order mark")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp950")
        except UnicodeDecodeError:
            raise UploadError("the document is neither UTF-8 nor Big5 (cp950) text") from None
        notes.append("converted from Big5 (cp950) to UTF-8")
    if _BINARY.search(text):
        raise UploadError("the document contains control characters: it looks binary, not text")
    if not text.strip():
        raise UploadError("the document is empty")
    return text, notes


def _existing_names(corpus_dir: Path) -> set[str]:
    names = {p.name for p in corpus_dir.iterdir()}
    return names | set(read_manifest(corpus_dir))


def prepare(settings: Settings, raw_name: str, data: bytes, *, title: str, issuer: str, year_roc: int,
            kind: str = "text", group: str | None = None, pending: frozenset[str] = frozenset()) -> NewDocument:
    """Check an upload fully before anything is written; `pending` names uploads not yet on disk."""
    if len(data) > settings.max_upload_bytes:
        raise DocumentTooLargeError(
            f"the document is {len(data):,} bytes; the limit is {settings.max_upload_bytes:,} bytes")
    if not data:
        raise UploadError("the document is empty")
    name = sanitise_name(raw_name)
    text, notes = decode_text(data)
    try:
        info = DocumentInfo(title=title.strip(), issuer=issuer.strip(), year_roc=year_roc,
                            year_ad=roc_to_ad(year_roc), kind=kind, group=group or None)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise UploadError(f"the manifest fields are invalid: {problems}") from None
    if not info.title or not info.issuer:
        raise UploadError("title and issuer must not be blank")
    if name in pending or name in _existing_names(settings.corpus_dir):
        raise DuplicateDocumentError(f"a document named {name!r} is already in the corpus")
    return NewDocument(name, text, info, tuple(notes))


def _write_new_file(path: Path, data: bytes) -> None:
    """Write `path` atomically, failing with `DuplicateDocumentError` rather than replacing a file."""
    try:
        create_atomically(path, data)
    except FileExistsError:
        raise DuplicateDocumentError(f"a document named {path.name!r} is already in the corpus") from None


def manifest_with(previous: bytes, doc: NewDocument) -> bytes:
    """The manifest with `doc`'s entry appended, keeping the existing text and comments when possible."""
    entry = {doc.name: doc.info.model_dump(mode="json", exclude_defaults=True)}
    block = yaml.safe_dump(entry, allow_unicode=True, sort_keys=False)
    text = previous.decode("utf-8")
    appended = text + ("" if text.endswith("\n") or not text else "\n") + "".join(
        f"  {line}\n" for line in block.splitlines())
    old = yaml.safe_load(text) or {}
    expected = {**old.get("documents", {}), **entry}
    try:
        if (yaml.safe_load(appended) or {}).get("documents") == expected:
            return appended.encode("utf-8")
    except yaml.YAMLError:
        pass
    # The documents mapping is not the file's last block: rewrite it whole (comments are lost).
    return yaml.safe_dump({**old, "documents": expected}, allow_unicode=True, sort_keys=False).encode("utf-8")


def add_to_corpus(corpus_dir: Path, doc: NewDocument) -> bytes:
    """Write the file and its manifest entry; return the previous manifest bytes for `remove_from_corpus`."""
    manifest = corpus_dir / MANIFEST_NAME
    previous = manifest.read_bytes()
    _write_new_file(corpus_dir / doc.name, doc.text.encode("utf-8"))
    try:
        replace_atomically(manifest, manifest_with(previous, doc))
    except Exception:
        (corpus_dir / doc.name).unlink(missing_ok=True)
        raise
    return previous


def remove_from_corpus(corpus_dir: Path, name: str, previous_manifest: bytes) -> None:
    """Undo `add_to_corpus`: the manifest gets its previous bytes back, then the file goes."""
    replace_atomically(corpus_dir / MANIFEST_NAME, previous_manifest)
    (corpus_dir / name).unlink(missing_ok=True)


def ingest(settings: Settings, doc: NewDocument, build: Callable[[], SearchIndex]) -> SearchIndex:
    """Add `doc`, build the index with it, and return that index; on any failure leave the corpus as it was."""
    previous = add_to_corpus(settings.corpus_dir, doc)
    try:
        index = build()
        if doc.name not in index.manifest.get("documents", {}):
            reasons = [w for w in index.manifest.get("warnings", []) if doc.name in w]
            index.close()
            raise UploadError(f"{doc.name} was not indexed: {'; '.join(reasons) or 'no reason given'}")
    except BaseException:
        remove_from_corpus(settings.corpus_dir, doc.name, previous)
        raise
    return index
