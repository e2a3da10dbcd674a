"""Read `corpus/manifest.yaml` and the documents it lists.

A file in the folder without a manifest entry is reported as a warning, not an error, so that
dropping an unfinished document into `corpus/` never stops the assistant.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import CorpusError, ManifestError

# libyaml's safe loader when PyYAML has it: same result, ten times faster than the Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

log = logging.getLogger(__name__)

MANIFEST_NAME = "manifest.yaml"
DocumentKind = Literal[
    "progress_table", "strategy_map", "kpi_slides", "kpi_report", "performance_report", "text"
]


class DocumentInfo(BaseModel):
    """A manifest entry: what a document is, as a person would describe it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    issuer: str
    year_roc: int
    year_ad: int
    covers_roc: tuple[int, ...] = ()
    kind: DocumentKind = "text"
    group: str | None = None


@dataclass(frozen=True)
class Document:
    """A corpus file with its manifest entry and its lines, exactly as stored."""

    file: str
    info: DocumentInfo
    lines: tuple[str, ...]
    sha256: str

    def line(self, number: int) -> str:
        """The 1-based line `number`, as in the file."""
        return self.lines[number - 1]

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


def read_manifest(corpus_dir: Path) -> dict[str, DocumentInfo]:
    """Parse the manifest; raise `ManifestError` with the reason if it is unusable."""
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        raise ManifestError(f"{path} is missing: every corpus folder needs a manifest")
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), _LOADER) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path} is not valid YAML: {exc}") from exc
    entries = raw.get("documents") if isinstance(raw, dict) else None
    if not isinstance(entries, dict):
        raise ManifestError(f"{path} must have a 'documents' mapping of file name to entry")
    infos: dict[str, DocumentInfo] = {}
    for name, entry in entries.items():
        try:
            infos[str(name)] = DocumentInfo.model_validate(entry)
        except ValidationError as exc:
            raise ManifestError(f"{path}: entry {name!r} is invalid: {exc}") from exc
    return infos


def read_document(path: Path, info: DocumentInfo) -> Document:
    """Read one document as UTF-8 text, keeping its physical lines for citations."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path.name} is not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if "\x00" in text:
        raise CorpusError(f"{path.name} contains NUL bytes: it looks binary, not text")
    # splitlines() would also split on U+2028 and friends; citations count only \n.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [line.removesuffix("\r") for line in lines]
    return Document(path.name, info, tuple(lines), hashlib.sha256(data).hexdigest())


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
            corpus.documents.append(read_document(corpus_dir / name, infos[name]))
        except CorpusError as exc:
            corpus.warnings.append(f"{name}: {exc}, skipped")
    for warning in corpus.warnings:
        log.warning(warning)
    return corpus
