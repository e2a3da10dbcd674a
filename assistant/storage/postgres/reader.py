"""Reading one published version from PostgreSQL into a `SearchIndex` that answering uses unchanged.

Each worker process holds its own copy of what answering reads on every question: the records
(through `RecordMemory`, filled from the record tables), the passages with their metadata, the
segmenter and the token document frequencies. It is filled once per version and replaced when a
new version is published (the `serving` row). Search itself stays in the database: candidates by
the GIN index over tokens, neighbours by the HNSW index over vectors (`search.py`). The version's
documents are written once per machine into `<index_dir>/postgres/<database>/<version>/corpus`,
the plain corpus folder citations and `/api/documents/{file}/lines` read, beside which
`assistant.index.derived` keeps what start-up derives from the version.
"""

import shutil
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from assistant.atomic import rename_folder
from assistant.corpus.manifest import Corpus, Document, DocumentInfo
from assistant.corpus.period import Period
from assistant.corpus.served import write_corpus_folder
from assistant.errors import SearchIndexError
from assistant.index.embedder import Embedder
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.store import SearchIndex
from assistant.storage.postgres.database import Database
from assistant.storage.postgres.records import PostgresRecordStore
from assistant.storage.postgres.search import PostgresDense, PostgresLexical
from assistant.text.segment import Segmenter

_PASSAGE_COLUMNS = ("passage_key", "file", "line", "end_line", "text", "context", "kind", "period", "series",
                    "doc_kind", "title", "years", "agencies")


@dataclass
class PostgresIndex(SearchIndex):
    """A `SearchIndex` whose records, BM25 and dense search are queries on one version in PostgreSQL."""

    database: Database | None = None
    version_id: int = 0
    part_ids: tuple[int, ...] = ()
    passage_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    frequencies: dict[str, int] = field(default_factory=dict)
    tokens: int = 0

    @cached_property
    def positions(self) -> dict[int, int]:
        """Passage position in `passages` by its database id."""
        return {int(pid): position for position, pid in enumerate(self.passage_ids.tolist())}

    @cached_property
    def bm25(self) -> PostgresLexical:  # type: ignore[override]
        assert self.database is not None
        return PostgresLexical(self.database, self.version_id, self.passage_ids, self.frequencies,
                               self.tokens)

    @cached_property
    def dense(self) -> PostgresDense:  # type: ignore[override]
        assert self.database is not None
        return PostgresDense(self.database, self.part_ids, self.passage_ids, self.positions)


def database_folder(database: Database, index_dir: Path) -> Path:
    """This machine's cache of one database's versions (a database is known by its system id and name)."""
    with database.connection() as conn:
        system, name = conn.execute("SELECT system_identifier::text, current_database() FROM pg_control_system()"
                                    ).fetchone()  # type: ignore[misc]
    return index_dir / "postgres" / f"{name}-{system}"


def _write_corpus(folder: Path, documents: list[Document]) -> None:
    """The version's documents as a corpus folder, written once (tmp + rename, as index versions are)."""
    target = folder / "corpus"
    if (target / "manifest.yaml").is_file():
        return
    folder.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".corpus-"))
    try:
        write_corpus_folder(tmp / "corpus", Corpus(documents))
        try:
            rename_folder(tmp / "corpus", target)
        except OSError:  # another worker wrote it first
            if not (target / "manifest.yaml").is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load_version(database: Database, version_id: int, cache: Path, embed_threads: int = 2,
                 embedder: Embedder | None = None) -> PostgresIndex:
    """Read version `version_id` (records stay in the database; passages, segmenter and frequencies in memory)."""
    with database.connection() as conn, conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")  # one snapshot of the version
        row = conn.execute("SELECT fingerprint, model, terms, tokens, warnings, built_at FROM index_versions "
                           "WHERE id = %s", [version_id]).fetchone()
        if row is None:
            raise SearchIndexError(f"index version {version_id} is no longer in the database")
        fingerprint, model, terms, tokens, warnings, built_at = row
        members = conn.execute(
            "SELECT m.part_id, d.name, d.info, d.lines, d.locations, d.sha256, p.records, p.passages, p.warnings "
            "FROM version_members m JOIN parts p ON p.id = m.part_id JOIN documents d ON d.id = p.document_id "
            "WHERE m.version_id = %s ORDER BY m.position", [version_id]).fetchall()
        rows = conn.execute(
            f"SELECT p.id, {', '.join('p.' + c for c in _PASSAGE_COLUMNS)} FROM version_members m "
            "JOIN passages p ON p.part_id = m.part_id WHERE m.version_id = %s ORDER BY m.position, p.ordinal",
            [version_id]).fetchall()
        frequencies = dict(conn.execute("SELECT term, document_frequency FROM version_terms WHERE version_id = %s",
                                        [version_id]).fetchall())
    if embedder is not None and embedder.model_id != model:
        raise SearchIndexError(f"index version {version_id} was built with {model}, not {embedder.model_id}")
    documents = [Document(name, DocumentInfo.model_validate(info), tuple(lines), sha256, tuple(locations))
                 for _, name, info, lines, locations, sha256, *_ in members]
    passages = [IndexedPassage(id=key, file=file, line=line, end_line=end, text=text, context=context, kind=kind,
                               period=Period.model_validate(period) if period else None, series=series,
                               doc_kind=doc_kind, title=title, years=tuple(years), agencies=tuple(agencies))
                for _, key, file, line, end, text, context, kind, period, series, doc_kind, title, years, agencies
                in rows]
    label = f"pg{version_id}-{fingerprint[:12]}"
    folder = cache / label
    _write_corpus(folder, documents)
    manifest = {
        "fingerprint": fingerprint, "model": model, "backend": "postgres", "version_id": version_id,
        "built_at": built_at.isoformat(), "warnings": list(warnings), "checksums": {"version": label},
        "documents": {name: {"sha256": sha256, "records": records, "passages": count, "origin": info.get("origin"),
                             "warnings": list(part_warnings)}
                      for _, name, info, _, _, sha256, records, count, part_warnings in members},
    }
    return PostgresIndex(folder, manifest, PostgresRecordStore(database, version_id), passages, Segmenter(terms),
                         embed_threads, embedder, database=database, version_id=version_id,
                         part_ids=tuple(int(m[0]) for m in members),
                         passage_ids=np.asarray([r[0] for r in rows], dtype=np.int64),
                         frequencies=frequencies, tokens=int(tokens))
