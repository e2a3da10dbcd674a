"""Writing the PostgreSQL backend: stored documents, their indexed parts, segmentations and versions.

What the embedded build does for the whole corpus in one folder, done here per document and kept:

- a **document** row per stored version of a document (the lines citations count, its manifest
  entry, for an upload the original bytes), found again by `identity`;
- a **part** per document and release (`code_key`: the code that parses and indexes, and the
  model): its records, passages and vectors, written in the transaction that needs them;
- a **segmentation** per part and segmenter dictionary: each passage's search tokens as a
  `tsvector` (GIN-indexed, for candidates) and their counts and length (for BM25);
- a **version**: the list of (part, segmentation) it serves, the segmenter's words, and the
  document frequency of every token; published by one UPDATE of `serving`, then NOTIFY.

The segmenter's dictionary grows with the records' names, so a new version re-segments only the
parts in whose text a word added to or dropped from the dictionary occurs (found with one LIKE
over the stored prepared text); every other part keeps its segmentation.
"""

import hashlib
import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psycopg
from psycopg.types.json import Jsonb

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Corpus, Document
from assistant.corpus.served import look_alike_key
from assistant.errors import SearchIndexError
from assistant.index.embedder import Embedder
from assistant.index.embedding_cache import EmbeddingCache
from assistant.index.indexed_passage import IndexedPassage, index_passages
from assistant.index.store import fingerprint
from assistant.parsing.models import Record
from assistant.parsing.pipeline import parse_document
from assistant.parsing.vocabulary import record_terms
from assistant.storage.postgres.records import insert_records
from assistant.text.segment import Segmenter, prepare

log = logging.getLogger(__name__)

DIMENSIONS = 384  # the passages.embedding column: multilingual-e5-small
BUILD_LOCK = 0x706F6C6963790002  # pg_advisory_lock key: "policy" + 2, held by whoever writes a version
CHANNEL = "policy_qa_version"  # NOTIFY channel; the payload is the published version's id
# What decides the rows of a part beyond the index code `fingerprint` already hashes.
_OWN_CODE = (Path(__file__).parent / "writer.py", Path(__file__).parent / "records.py")


def code_key(model_id: str) -> str:
    """The release a part was indexed by: the embedded index's code fingerprint, this module, the model."""
    digest = hashlib.sha256(fingerprint(Corpus([]), model_id).encode())
    for path in _OWN_CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()[:20]


def identity(doc: Document) -> str:
    """What makes two stored documents the same: name, exact text and manifest entry."""
    return hashlib.sha256(f"{doc.file}\0{doc.sha256}\0{doc.info.model_dump_json()}".encode()).hexdigest()


def version_fingerprint(key: str, identities: Sequence[str]) -> str:
    return hashlib.sha256("\0".join([key, *identities]).encode()).hexdigest()[:20]


@dataclass
class PreparedPart:
    """One document parsed, its passages given their metadata and embedded: ready to write."""

    document: Document
    records: list[Record]
    passages: list[IndexedPassage]
    vectors: np.ndarray
    warnings: list[str] = field(default_factory=list)

    @property
    def terms(self) -> list[str]:
        return record_terms(self.records)


def prepare_part(doc: Document, lexicon: AgencyLexicon, embedder: Embedder, cache: EmbeddingCache) -> PreparedPart:
    """Parse and embed one document (the slow part of indexing it), outside any transaction."""
    parsed = parse_document(doc, lexicon)
    passages = index_passages(doc, parsed.passages, parsed.records, lexicon)
    vectors = cache.embed(embedder, [p.search_text() for p in passages])
    if len(passages) and vectors.shape[1] != DIMENSIONS:
        raise SearchIndexError(f"the PostgreSQL backend stores {DIMENSIONS}-dimensional embeddings "
                               f"(multilingual-e5-small); {embedder.model_id} gives {vectors.shape[1]}")
    return PreparedPart(doc, parsed.records, passages, vectors, parsed.warnings)


def vector_text(vector: np.ndarray) -> str:
    """pgvector's text form; float32 values printed so that they read back exactly."""
    return "[" + ",".join(map(repr, vector.astype(np.float32).tolist())) + "]"


def store_document(conn: psycopg.Connection, doc: Document, source_name: str | None = None,
                   original: bytes | None = None) -> int:
    """The id of the stored document `doc` is, inserting it if it is new."""
    key = identity(doc)
    row = conn.execute("SELECT id FROM documents WHERE identity = %s", [key]).fetchone()
    if row:
        return int(row[0])
    if any("\x00" in line for line in doc.lines):
        raise SearchIndexError(f"{doc.file} contains NUL characters, which a database text cannot hold")
    row = conn.execute(
        "INSERT INTO documents (name, origin, info, sha256, identity, lines, locations, source_name, original) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (identity) DO UPDATE SET identity = EXCLUDED.identity "
        "RETURNING id",
        [doc.file, doc.info.origin, Jsonb(doc.info.model_dump(mode="json")), doc.sha256, key, list(doc.lines),
         list(doc.locations), source_name, original]).fetchone()
    return int(row[0])  # type: ignore[index]


def insert_part(conn: psycopg.Connection, document_id: int, key: str, part: PreparedPart) -> int:
    """Write one part (its records, passages and vectors); returns its id."""
    row = conn.execute("INSERT INTO parts (document_id, code_key, records, passages, warnings, terms) "
                       "VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                       [document_id, key, len(part.records), len(part.passages), Jsonb(part.warnings),
                        part.terms]).fetchone()
    part_id = int(row[0])  # type: ignore[index]
    insert_records(conn, part_id, part.records)
    columns = ("part_id, ordinal, passage_key, file, line, end_line, text, context, prepared, kind, period, series, "
               "doc_kind, title, years, agencies, embedding")
    with conn.cursor().copy(f"COPY passages ({columns}) FROM STDIN") as copy:
        for ordinal, (passage, vector) in enumerate(zip(part.passages, part.vectors)):
            period = json.dumps(passage.period.model_dump(mode="json"), ensure_ascii=False) if passage.period else None
            copy.write_row([part_id, ordinal, passage.id, passage.file, passage.line, passage.end_line, passage.text,
                            passage.context, prepare(passage.search_text()), passage.kind, period, passage.series,
                            passage.doc_kind, passage.title, list(passage.years), list(passage.agencies),
                            vector_text(vector)])
    return part_id


def segment_part(conn: psycopg.Connection, part_id: int, segmenter: Segmenter, dictionary: str) -> int:
    """Cut a part's passages into search tokens with `segmenter`; returns the new segmentation's id."""
    rows = conn.execute("SELECT id, context, text FROM passages WHERE part_id = %s ORDER BY ordinal",
                        [part_id]).fetchall()
    counted = []
    frequencies: Counter[str] = Counter()
    for passage_id, context, text in rows:
        tokens = segmenter.tokens(IndexedPassage.model_construct(context=context, text=text).search_text())
        counts = Counter(tokens)
        frequencies.update(counts.keys())
        counted.append((passage_id, counts, len(tokens)))
    total = sum(length for _, _, length in counted)
    row = conn.execute("INSERT INTO segmentations (part_id, dictionary, document_frequencies, tokens) "
                       "VALUES (%s, %s, %s, %s) RETURNING id",
                       [part_id, dictionary, Jsonb(dict(frequencies)), total]).fetchone()
    segmentation_id = int(row[0])  # type: ignore[index]
    conn.execute("CREATE TEMPORARY TABLE IF NOT EXISTS staged_tokens (passage_id bigint, counts jsonb, length integer) "
                 "ON COMMIT DROP")
    with conn.cursor().copy("COPY staged_tokens (passage_id, counts, length) FROM STDIN") as copy:
        for passage_id, counts, length in counted:
            copy.write_row([passage_id, json.dumps(counts, ensure_ascii=False), length])
    # Lexemes over 2047 bytes cannot be in a tsvector: such a token still counts for BM25, but finds no candidates.
    conn.execute("INSERT INTO passage_tokens (segmentation_id, passage_id, lexemes, counts, length) "
                 "SELECT %s, passage_id, array_to_tsvector(ARRAY(SELECT k FROM jsonb_object_keys(counts) k "
                 "WHERE octet_length(k) < 2048)), counts, length FROM staged_tokens", [segmentation_id])
    conn.execute("TRUNCATE staged_tokens")
    return segmentation_id


def dictionary_key(segmenter: Segmenter) -> str:
    return hashlib.sha256("\0".join(segmenter.user_words).encode()).hexdigest()[:20]


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def touched_parts(conn: psycopg.Connection, part_ids: Sequence[int], words: set[str]) -> set[int]:
    """The parts among `part_ids` in whose prepared text one of `words` occurs."""
    if not part_ids or not words:
        return set()
    rows = conn.execute("SELECT DISTINCT part_id FROM passages WHERE part_id = ANY(%s) AND prepared LIKE ANY(%s)",
                        [list(part_ids), [_like(w) for w in sorted(words)]]).fetchall()
    return {int(r[0]) for r in rows}


@dataclass(frozen=True)
class Member:
    """A document in a version being written: its stored row and its part."""

    document: Document
    document_id: int
    part_id: int


def publish(conn: psycopg.Connection, members: Sequence[Member], key: str, model_id: str,
            warnings: Sequence[str]) -> int:
    """Write and publish the version serving `members` (in order); returns its id. Run inside a
    transaction holding BUILD_LOCK, so versions are written one at a time."""
    part_ids = [m.part_id for m in members]
    terms_rows = conn.execute("SELECT id, terms FROM parts WHERE id = ANY(%s)", [part_ids]).fetchall()
    part_terms = {int(pid): terms for pid, terms in terms_rows}
    terms = list(dict.fromkeys(t for pid in part_ids for t in part_terms[pid]))
    segmenter = Segmenter(terms)
    dictionary = dictionary_key(segmenter)

    current = conn.execute("SELECT v.id, v.user_words FROM serving s JOIN index_versions v ON v.id = s.version_id "
                           "WHERE v.code_key = %s", [key]).fetchone()
    reusable: dict[int, int] = {}
    if current is not None:
        rows = conn.execute("SELECT part_id, segmentation_id FROM version_members WHERE version_id = %s",
                            [current[0]]).fetchall()
        kept = {int(p): int(s) for p, s in rows if int(p) in set(part_ids)}
        changed = set(segmenter.user_words) ^ set(current[1])
        touched = touched_parts(conn, list(kept), changed)
        reusable = {p: s for p, s in kept.items() if p not in touched}
    segmentations = {pid: reusable.get(pid) or segment_part(conn, pid, segmenter, dictionary) for pid in part_ids}
    log.info("version of %d documents: %d segmentations reused, %d made", len(part_ids), len(reusable),
             len(part_ids) - len(reusable))

    totals = conn.execute("SELECT coalesce(sum(p.passages), 0), coalesce(sum(s.tokens), 0) FROM parts p "
                          "JOIN segmentations s ON s.part_id = p.id WHERE s.id = ANY(%s)",
                          [list(segmentations.values())]).fetchone()
    fp = version_fingerprint(key, [identity(m.document) for m in members])
    row = conn.execute("INSERT INTO index_versions (fingerprint, code_key, model, terms, user_words, passages, tokens, "
                       "warnings) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING id",
                       [fp, key, model_id, terms, list(segmenter.user_words), totals[0], totals[1],  # type: ignore[index]
                        Jsonb(list(warnings))]).fetchone()
    version_id = int(row[0])  # type: ignore[index]
    with conn.cursor().copy("COPY version_members (version_id, position, part_id, segmentation_id) FROM STDIN") as copy:
        for position, pid in enumerate(part_ids):
            copy.write_row([version_id, position, pid, segmentations[pid]])
    conn.execute("INSERT INTO version_terms (version_id, term, document_frequency) "
                 "SELECT %s, f.key, sum(f.value::integer) FROM segmentations s, "
                 "jsonb_each_text(s.document_frequencies) f WHERE s.id = ANY(%s) GROUP BY f.key",
                 [version_id, list(segmentations.values())])
    conn.execute("INSERT INTO serving (singleton, version_id, previous_id) VALUES (true, %s, NULL) "
                 "ON CONFLICT (singleton) DO UPDATE SET previous_id = serving.version_id, "
                 "version_id = EXCLUDED.version_id, published_at = now()", [version_id])
    conn.execute("SELECT pg_notify(%s, %s)", [CHANNEL, str(version_id)])
    collect_garbage(conn)
    return version_id


def collect_garbage(conn: psycopg.Connection) -> None:
    """Delete what neither the published version nor the one before it needs (a server may still be
    answering from the previous one); stored documents go only when nothing refers to them."""
    conn.execute("DELETE FROM index_versions WHERE id NOT IN (SELECT version_id FROM serving "
                 "UNION SELECT previous_id FROM serving WHERE previous_id IS NOT NULL)")
    conn.execute("DELETE FROM segmentations s WHERE NOT EXISTS (SELECT 1 FROM version_members m "
                 "WHERE m.segmentation_id = s.id)")
    conn.execute("DELETE FROM parts p WHERE NOT EXISTS (SELECT 1 FROM version_members m WHERE m.part_id = p.id)")
    conn.execute("DELETE FROM documents d WHERE NOT EXISTS (SELECT 1 FROM parts p WHERE p.document_id = d.id) "
                 "AND NOT EXISTS (SELECT 1 FROM uploaded_documents u WHERE u.document_id = d.id)")


def uploaded_entry(conn: psycopg.Connection, name: str, document_id: int | None) -> None:
    """Point the uploaded name at a stored document, or with None withdraw it."""
    if document_id is None:
        conn.execute("DELETE FROM uploaded_documents WHERE name = %s", [name])
        return
    conn.execute("INSERT INTO uploaded_documents (name, look_alike, document_id) VALUES (%s, %s, %s) "
                 "ON CONFLICT (name) DO UPDATE SET document_id = EXCLUDED.document_id",
                 [name, look_alike_key(name), document_id])
