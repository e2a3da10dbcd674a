"""What each document contributes to an index version, and reading it back from a built version.

A version's artifacts are corpus-wide (one records database, one BM25 matrix, one dense index), but
everything in them except BM25's document frequencies is a concatenation of per-document parts: the
records, the indexed passages (with their search text), each passage's text as the segmenter reads
it (`prepare`d) with its term counts, and each passage's vector. `read_parts` splits a built version
back into parts, so the next build takes those of every document whose name, content and manifest
entry are unchanged (`document_key`) and parses, segments and embeds only the others
(`assistant.index.store`).

`tokens.bin` keeps the prepared texts and term counts of a version for that purpose only: loading an
index never reads it, a build checks it against the version's manifest before reusing it.
"""

import hashlib
import marshal
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.corpus.period import Period
from assistant.index.compact import FORMAT, dump_models, load_models
from assistant.index.indexed_passage import IndexedPassage, index_passages
from assistant.index.record_memory import MEMORY_FILE, memory_order
from assistant.index.term_counts import TermCounts
from assistant.parsing.models import RECORD_TYPES, Record
from assistant.parsing.pipeline import parse_document
from assistant.text.segment import Segmenter, prepare

PASSAGES_FILE = "passages.bin"
TOKENS_FILE = "tokens.bin"
PASSAGE_CLASSES = {"IndexedPassage": IndexedPassage, "Period": Period}
_RECORD_CLASSES = {cls.__name__: cls for cls in (*RECORD_TYPES.values(), Period)}


def document_key(doc: Document) -> str:
    """Identifies what a document's part is computed from: its name, its content and its manifest entry."""
    return hashlib.sha256(f"{doc.file}\0{doc.sha256}\0{doc.info.model_dump_json()}".encode()).hexdigest()[:24]


@dataclass
class DocumentPart:
    """One document's records, passages and per-passage search data; `terms` and `vectors` stay None
    until the build segments and embeds what it could not reuse."""

    key: str
    document: Document
    records: list[Record]
    passages: list[IndexedPassage]
    warnings: list[str]
    prepared: list[str]
    terms: TermCounts | None = None
    vectors: np.ndarray | None = None

    @property
    def file(self) -> str:
        return self.document.file


def parse_part(doc: Document, lexicon: AgencyLexicon) -> DocumentPart:
    """A document's part from scratch: parsed, its passages indexed and prepared for the segmenter."""
    parsed = parse_document(doc, lexicon)
    passages = index_passages(doc, parsed.passages, parsed.records, lexicon)
    return DocumentPart(document_key(doc), doc, parsed.records, passages, parsed.warnings,
                        [prepare(p.search_text()) for p in passages])


def segment(parts: Iterable[DocumentPart], segmenter: Segmenter, changed_words: Iterable[str] | None) -> int:
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
            part.terms = TermCounts.of(segmenter.prepared_tokens(text) for text in part.prepared)
            done += len(part.prepared)
            continue
        if pattern is None:
            continue
        hit = {i: n for n, i in enumerate(i for i, text in enumerate(part.prepared) if pattern.search(text))}
        if not hit:
            continue
        fresh = TermCounts.of(segmenter.prepared_tokens(part.prepared[i]) for i in hit)
        merged = TermCounts.concat([part.terms, fresh])  # old counts, then the fresh ones
        kept = len(part.prepared)
        part.terms = merged.select([kept + hit[i] if i in hit else i for i in range(kept)])
        done += len(hit)
    return done


def write_tokens(folder: Path, parts: list[DocumentPart]) -> None:
    """Every passage's prepared text and term counts, in passage order, for the next build."""
    terms = TermCounts.concat([p.terms for p in parts if p.terms is not None])
    prepared = [text for p in parts for text in p.prepared]
    (folder / TOKENS_FILE).write_bytes(marshal.dumps((
        FORMAT, terms.vocabulary, terms.offsets.tobytes(), terms.ids.tobytes(), terms.counts.tobytes(), prepared)))


def write_passages(folder: Path, parts: list[DocumentPart]) -> None:
    """The compact passages file `load_passages` reads, in document order (the dense index's order)."""
    passages = [p for part in parts for p in part.passages]
    for passage in passages:
        passage.search_text()  # stored with it: start-up does not normalise them again
    (folder / PASSAGES_FILE).write_bytes(dump_models(passages))


def load_passages(folder: Path) -> list[IndexedPassage]:
    return load_models((folder / PASSAGES_FILE).read_bytes(), PASSAGE_CLASSES)


def _read_tokens(folder: Path) -> tuple[TermCounts, list[str]]:
    stored_format, vocabulary, offsets, ids, counts, prepared = marshal.loads((folder / TOKENS_FILE).read_bytes())
    if stored_format != FORMAT:
        raise ValueError(f"{TOKENS_FILE} was written as {stored_format}, this process reads {FORMAT}")
    terms = TermCounts(tuple(vocabulary), np.frombuffer(offsets, np.int64), np.frombuffer(ids, np.int32),
                       np.frombuffer(counts, np.int32))
    return terms, prepared


def read_parts(folder: Path, manifest: dict, vectors: np.ndarray, wanted: dict[str, Document]) -> list[DocumentPart]:
    """The parts of the built version in `folder` whose `document_key` is in `wanted` (key → the
    document as the new corpus has it), with their term counts and `vectors` (the version's dense
    index, in passage order). The caller has verified the files against the manifest."""
    entries = manifest["documents"]
    offsets, start = {}, 0
    for file, entry in entries.items():
        offsets[file] = (start, start + entry["passages"])
        start += entry["passages"]
    keep = {file for file, entry in entries.items() if entry.get("key") in wanted}
    passages = load_passages(folder)
    records: dict[str, list[Record]] = {file: [] for file in keep}
    for record in load_models((folder / MEMORY_FILE).read_bytes(), _RECORD_CLASSES):
        if record.file in records:
            records[record.file].append(record)
    terms, prepared = _read_tokens(folder)
    parts = []
    for file in keep:
        first, last = offsets[file]
        entry = entries[file]
        parts.append(DocumentPart(entry["key"], wanted[entry["key"]], memory_order(records[file]),
                                  passages[first:last], list(entry.get("warnings", [])), prepared[first:last],
                                  terms.select(list(range(first, last))), vectors[first:last]))
    return parts
