"""Each document's share of an index version, kept in files of its own so the next version can take it.

Per document, under `documents/` of a version folder, named by `document_key` (its name, content and
manifest entry):
    <key>.records   its records, as a compact file (compact.py), in parse order
    <key>.passages  its indexed passages with their search text, as a compact file
    <key>.tokens    each passage's text as the segmenter reads it (`prepare`d), its term counts (ids
                    into the version's `vocabulary.bin`), and the words its record names add to the
                    segmenter
The corpus-wide artifacts (records database, BM25, dense index, segmenter words) are built from
these. A build that starts from a version hard-links the files of every unchanged document (after
checking them against that version's manifest), reads only their `.tokens`, and writes files for
new and changed documents alone (`assistant.index.store`). `.tokens` and the vocabulary are read by
builds only; loading an index reads `.records` and `.passages`.
"""

import hashlib
import marshal
import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.corpus.period import Period
from assistant.index.compact import FORMAT, dump_models, gc_paused, load_models
from assistant.index.indexed_passage import IndexedPassage, index_passages
from assistant.index.term_counts import TermCounts, Vocabulary
from assistant.parsing.models import RECORD_TYPES, Record
from assistant.parsing.pipeline import parse_document
from assistant.parsing.vocabulary import record_terms
from assistant.text.segment import Segmenter, prepare, term_words

PARTS_DIR = "documents"
VOCABULARY_FILE = "vocabulary.bin"
LOADED = ("records", "passages")  # what loading an index reads (and verifies)
MODEL_CLASSES = {cls.__name__: cls for cls in (*RECORD_TYPES.values(), IndexedPassage, Period)}


def document_key(doc: Document) -> str:
    """Identifies what a document's part is computed from: its name, its content and its manifest entry."""
    return hashlib.sha256(f"{doc.file}\0{doc.sha256}\0{doc.info.model_dump_json()}".encode()).hexdigest()[:24]


def part_file(key: str, kind: str) -> str:
    """A part's file, relative to the version folder: kind is records, passages or tokens."""
    return f"{PARTS_DIR}/{key}.{kind}"


@dataclass
class DocumentPart:
    """One document's share. A reused part carries only what a build needs (its records and passages
    stay in the files it links); `terms` and `vectors` stay None until the build segments and embeds."""

    key: str
    document: Document
    warnings: list[str]
    record_count: int
    prepared: list[str]
    words: list[str]  # the words its record names add to the segmenter (`record_terms`, `term_words`)
    records: list[Record] | None = None
    passages: list[IndexedPassage] | None = None
    terms: TermCounts | None = None
    vectors: np.ndarray | None = None
    tokens_changed: bool = True

    @property
    def file(self) -> str:
        return self.document.file

    @property
    def reused(self) -> bool:
        return self.records is None


def parse_part(doc: Document, lexicon: AgencyLexicon) -> DocumentPart:
    """A document's part from scratch: parsed, its passages indexed and prepared for the segmenter."""
    parsed = parse_document(doc, lexicon)
    passages = index_passages(doc, parsed.passages, parsed.records, lexicon)
    words = list(dict.fromkeys(w for term in record_terms(parsed.records) for w in term_words(term)))
    return DocumentPart(document_key(doc), doc, parsed.warnings, len(parsed.records),
                        [prepare(p.search_text()) for p in passages], words, parsed.records, passages)


def checksum(path: Path) -> str:
    """What a version's manifest records for a file or a folder (its files' names and contents)."""
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.name.encode())
        digest.update(file.read_bytes())
    return digest.hexdigest()


def _read_tokens(path: Path) -> tuple[list[str], list[str], TermCounts]:
    stored_format, prepared, words, offsets, ids, counts = marshal.loads(path.read_bytes())
    if stored_format != FORMAT:
        raise ValueError(f"{path} was written as {stored_format}, this process reads {FORMAT}")
    return prepared, words, TermCounts(np.frombuffer(offsets, np.int64), np.frombuffer(ids, np.int32),
                                       np.frombuffer(counts, np.int32))


def read_reused(folder: Path, manifest: dict, vectors: np.ndarray, wanted: dict[str, Document]) -> list[DocumentPart]:
    """The parts of the built version in `folder` whose key is in `wanted` (key → the document as the
    new corpus has it), their files checked against the version's checksums, with their term counts
    and their rows of `vectors` (the version's dense index, in passage order)."""
    checksums = {**manifest["checksums"], **manifest["build_checksums"]}
    parts, start = [], 0
    with gc_paused():
        for entry in manifest["documents"].values():
            first, start = start, start + entry["passages"]
            if entry["key"] not in wanted:
                continue
            for kind in (*LOADED, "tokens"):
                name = part_file(entry["key"], kind)
                if checksum(folder / name) != checksums[name]:
                    raise ValueError(f"{folder / name} is damaged (checksum mismatch)")
            prepared, words, terms = _read_tokens(folder / part_file(entry["key"], "tokens"))
            parts.append(DocumentPart(entry["key"], wanted[entry["key"]], list(entry["warnings"]), entry["records"],
                                      prepared, words, terms=terms, vectors=vectors[first:start],
                                      tokens_changed=False))
    return parts


def segment(parts: Iterable[DocumentPart], segmenter: Segmenter, vocabulary: Vocabulary,
            changed_words: Iterable[str] | None) -> int:
    """Term counts for every part: all passages of a part without them; in a reused part, only the
    passages whose prepared text holds one of `changed_words` (None: every passage). Returns how many
    passages were segmented.

    A segmenter word only changes the segmentation of text that contains it (assistant.text.segment),
    so the other passages keep their counts and the result is what segmenting everything gives."""
    words = None if changed_words is None else sorted(set(changed_words), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, words))) if words else None
    done = 0
    for part in parts:
        if part.terms is None or words is None:
            part.terms = TermCounts.of((segmenter.prepared_tokens(t) for t in part.prepared), vocabulary)
            part.tokens_changed = True
            done += len(part.prepared)
            continue
        hit = {} if pattern is None else {i: n for n, i in enumerate(
            i for i, text in enumerate(part.prepared) if pattern.search(text))}
        if not hit:
            continue
        fresh = TermCounts.of((segmenter.prepared_tokens(part.prepared[i]) for i in hit), vocabulary)
        kept = len(part.prepared)
        merged = TermCounts.concat([part.terms, fresh])  # old counts, then the fresh ones
        part.terms = merged.select([kept + hit[i] if i in hit else i for i in range(kept)])
        part.tokens_changed = True
        done += len(hit)
    return done


def _link(source: Path, target: Path) -> None:
    """A file of the previous version into the new one: a hard link (files are never written in
    place), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def write_parts(folder: Path, parts: list[DocumentPart], base: Path | None, base_checksums: dict) -> dict[str, str]:
    """Every part's files in the new version folder; returns their checksums (a linked file keeps its own)."""
    (folder / PARTS_DIR).mkdir()
    checksums = {}
    for part in parts:
        kinds = {"records": lambda p: dump_models(p.records), "passages": lambda p: dump_models(p.passages)}
        for kind, dump in kinds.items():
            name = part_file(part.key, kind)
            if part.reused:
                _link(base / name, folder / name)
                checksums[name] = base_checksums[name]
            else:
                for passage in part.passages if kind == "passages" else ():
                    passage.search_text()  # stored with it: start-up does not normalise them again
                (folder / name).write_bytes(dump(part))
                checksums[name] = checksum(folder / name)
        name = part_file(part.key, "tokens")
        if part.tokens_changed or base is None:
            terms = part.terms
            (folder / name).write_bytes(marshal.dumps((FORMAT, part.prepared, part.words, terms.offsets.tobytes(),
                                                       terms.ids.tobytes(), terms.counts.tobytes())))
            checksums[name] = checksum(folder / name)
        else:
            _link(base / name, folder / name)
            checksums[name] = base_checksums[name]
    return checksums


def write_vocabulary(folder: Path, vocabulary: Vocabulary) -> None:
    (folder / VOCABULARY_FILE).write_bytes(marshal.dumps((FORMAT, vocabulary.tokens)))


def read_vocabulary(folder: Path) -> Vocabulary:
    stored_format, tokens = marshal.loads((folder / VOCABULARY_FILE).read_bytes())
    if stored_format != FORMAT:
        raise ValueError(f"{VOCABULARY_FILE} was written as {stored_format}, this process reads {FORMAT}")
    return Vocabulary(tokens)


def load_passages(folder: Path, manifest: dict) -> list[IndexedPassage]:
    """Every passage of a version, in document order (the dense index's order)."""
    passages: list[IndexedPassage] = []
    for entry in manifest["documents"].values():
        passages.extend(load_models((folder / part_file(entry["key"], "passages")).read_bytes(), MODEL_CLASSES))
    return passages


def load_records(folder: Path) -> list[Record]:
    """Every record of a version: documents in no particular order, each document's in parse order."""
    records: list[Record] = []
    for path in sorted((folder / PARTS_DIR).glob("*.records")):
        records.extend(load_models(path.read_bytes(), MODEL_CLASSES))
    return records
