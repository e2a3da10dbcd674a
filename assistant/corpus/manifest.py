"""Read a corpus folder's `manifest.yaml` and the documents it lists.

A file in the folder without a manifest entry is reported as a warning, not an error, so that
dropping an unfinished document into `corpus/` never stops the assistant. A document converted
from a binary format (XLSX, PDF …) is its extracted text, with the place of each line in the
original (sheet and row, page and row) in a sidecar `.where/<name>.json`.
"""

import datetime as dt
import hashlib
import json
import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.corpus.period import Half, Period, read_period
from assistant.errors import CorpusError, ManifestError

# libyaml's safe loader when PyYAML has it: same result, ten times faster than the Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.yaml"
WHERE_DIR = ".where"
DocumentKind = Literal[
    "progress_table", "strategy_map", "kpi_slides", "kpi_report", "performance_report", "text"
]
Origin = Literal["bundled", "uploaded"]
# Lines at the top of a document read for the period it names (title, header row).
_HEAD_LINES = 12


class DocumentInfo(BaseModel):
    """A manifest entry: what a document is, as a person would describe it.

    `series` links the documents of one series (each period of the 白皮書 辦理情形); `half` and
    `as_of` narrow the period within `year_roc`. Uploaded entries also say who added them and
    where their files are stored in the data directory.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    issuer: str
    year_roc: int
    year_ad: int
    covers_roc: tuple[int, ...] = ()
    half: Half | None = None
    as_of: dt.date | None = None
    series: str | None = None
    kind: DocumentKind = "text"
    group: str | None = None
    origin: Origin = "bundled"
    uploaded_by: str | None = None
    uploaded_at: str | None = None
    stored: str | None = None

    @property
    def period(self) -> Period:
        """The period as the manifest states it (`covers_roc` defaults to the year itself)."""
        return Period(year_roc=self.year_roc, half=self.half, as_of=self.as_of,
                      covers_roc=self.covers_roc or (self.year_roc,))


@dataclass(frozen=True)
class Document:
    """A corpus file with its manifest entry and its lines, exactly as stored.

    `locations` names, line by line, where each line is in the original when the document was
    converted from a binary format (empty for text documents, whose line numbers say it all).
    """

    file: str
    info: DocumentInfo
    lines: tuple[str, ...]
    sha256: str
    locations: tuple[str, ...] = ()

    @cached_property
    def period_and_notes(self) -> tuple[Period, list[str]]:
        """The manifest's period, its open parts (half, as-of date) filled from the document's head,
        and a note for each part where the document disagrees with the manifest."""
        stated = self.info.period
        found = read_period("\n".join(self.lines[:_HEAD_LINES]))
        if found.year_roc is None:
            return stated, []
        named = Period(year_roc=found.year_roc, half=found.half).label
        disagree = [f"the document names {named} but the manifest says {stated.label}; the manifest is used"]
        if found.year_roc != stated.year_roc:
            return stated, disagree if found.half or stated.half else []
        notes: list[str] = []
        half, as_of = stated.half, stated.as_of
        if found.half and half and found.half != half:
            notes += disagree
        half = half or found.half
        if found.as_of and as_of and found.as_of != as_of:
            notes.append(f"the document is as of {found.as_of} but the manifest says {as_of}; the manifest is used")
        as_of = as_of or found.as_of
        return stated.model_copy(update={"half": half, "as_of": as_of}), notes

    @property
    def period(self) -> Period:
        return self.period_and_notes[0]

    @property
    def origin(self) -> Origin:
        return self.info.origin

    def line(self, number: int) -> str:
        """The 1-based line `number`, as in the file."""
        return self.lines[number - 1]

    def location(self, number: int) -> str | None:
        """Where line `number` is in the original file (e.g. 工作表「Sheet1」第 5 列), if converted."""
        return self.locations[number - 1] if 0 < number <= len(self.locations) else None

    def text_between(self, line: int, end_line: int) -> str:
        """Lines `line`..`end_line` (1-based, inclusive) joined with newlines."""
        return "\n".join(self.lines[line - 1 : end_line])


@dataclass
class Corpus:
    """Every readable document in the corpus folder, plus what could not be read."""

    documents: list[Document]
    warnings: list[str] = field(default_factory=list)

    def get(self, file: str) -> Document:
        for doc in self.documents:
            if doc.file == file:
                return doc
        raise CorpusError(f"no document named {file!r} in the corpus")


def parse_manifest_text(text: str, path: Path) -> dict[str, DocumentInfo]:
    """The entries of a manifest's text; `ManifestError` naming `path` if it is unusable."""
    try:
        raw = yaml.load(text, _LOADER) or {}
    except yaml.YAMLError as exc:
        raise ManifestError(f"{path.name} is not valid YAML: {exc}") from exc
    entries = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        raise ManifestError(f"{path.name} must have a 'documents' mapping of file name to entry")
    infos: dict[str, DocumentInfo] = {}
    for name, entry in entries.items():
        try:
            infos[str(name)] = DocumentInfo.model_validate(entry)
        except ValidationError as exc:
            raise ManifestError(f"{path.name}: entry {name!r} is invalid: {exc}") from exc
    return infos


def read_manifest(corpus_dir: Path) -> dict[str, DocumentInfo]:
    """Parse the manifest; raise `ManifestError` with the reason if it is unusable."""
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError(f"{path} is missing: every corpus folder needs a manifest")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"{path} is not valid YAML: {exc}") from exc
    return parse_manifest_text(text, path)


def read_locations(sidecar: Path) -> tuple[str, ...]:
    """Where each line of a converted document is in its original, or () if there is no sidecar."""
    if not sidecar.is_file():
        return ()
    try:
        return tuple(json.loads(sidecar.read_text(encoding="utf-8")))
    except (ValueError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{sidecar.name} (where each line came from) is unreadable") from exc


def read_document(path: Path, info: DocumentInfo, name: str | None = None,
                  where: Path | None = None) -> Document:
    """Read one document as UTF-8 text, keeping its physical lines for citations.

    `name` is the document's id when the text is stored under another file name (uploads), and
    `where` its locations sidecar (default: `.where/<name>.json` beside the file)."""
    name = name or path.name
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{name} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if "\x00" in text:
        raise CorpusError(f"{name} contains NUL bytes: it looks binary, not text")
    # splitlines() would also split on U+2028 and friends; citations count only \n.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line.removesuffix("\r") for line in lines]
    locations = read_locations(where or path.parent / WHERE_DIR / f"{name}.json")
    return Document(name, info, tuple(lines), hashlib.sha256(data).hexdigest(), locations)


def load_corpus(corpus_dir: Path) -> Corpus:
    """Load every manifest-listed document; warn about unlisted files and unreadable ones."""
    infos = read_manifest(corpus_dir)
    corpus = Corpus(documents=[])
    present = {p.name for p in corpus_dir.iterdir() if p.is_file() and p.name != MANIFEST_NAME}
    for name in sorted(present - infos.keys()):
        if name.startswith("."):
            continue
        corpus.warnings.append(f"{name}: not in {MANIFEST_NAME}, skipped (add an entry to include it)")
    for name in sorted(infos.keys() - present):
        corpus.warnings.append(f"{name}: listed in {MANIFEST_NAME} but the file is missing, skipped")
    for name in sorted(infos.keys() & present):
        try:
            doc = read_document(corpus_dir / name, infos[name])
        except CorpusError as exc:
            corpus.warnings.append(f"{name}: {exc}, skipped")
            continue
        corpus.documents.append(doc)
        corpus.warnings.extend(f"{name}: {note}" for note in doc.period_and_notes[1])
    for warning in corpus.warnings:
        log.warning(warning)
    return corpus
