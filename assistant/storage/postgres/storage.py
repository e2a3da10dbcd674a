"""The PostgreSQL backend: one shared database for any number of app servers.

Start-up connects (a clear error if the database is down, the login is refused or the URL is not
PostgreSQL), checks the schema revision (migrating an older one, or refusing with the command), and
serves the published version; a server whose role may write also builds a version when the
bundled corpus or the release changed. Builds, uploads and withdrawals are serialised across
servers by one advisory lock; an upload is parsed and embedded first, then written with its
version in one transaction, so a server killed mid-upload leaves the database as it was. Other
servers learn of a new version by NOTIFY (or by reading `serving` every `database_poll_s`).
"""

import hashlib
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from psycopg.types.json import Jsonb

from assistant.config import Settings
from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import Corpus, Document, DocumentInfo
from assistant.corpus.served import load_served_corpus
from assistant.errors import (
    DatabaseUnavailableError,
    DocumentNotFoundError,
    DuplicateDocumentError,
    SearchIndexError,
)
from assistant.index.embedder import E5_MODEL_ID, Embedder, passage_embedder
from assistant.index.embedding_cache import EmbeddingCache
from assistant.storage.base import OnRebuild, Storage
from assistant.storage.postgres import writer
from assistant.storage.postgres.database import Database
from assistant.storage.postgres.reader import PostgresIndex, database_folder, load_version
from assistant.storage.postgres.schema import ensure_schema

if TYPE_CHECKING:
    from assistant.index.ingestion import NewDocument

log = logging.getLogger(__name__)


@contextmanager
def _same(conn: psycopg.Connection) -> Iterator[psycopg.Connection]:
    yield conn


def uploaded_document(name: str, info: DocumentInfo, lines: list[str], locations: list[str]) -> Document:
    """An upload as a `Document`, exactly as the data directory's text.txt would read back."""
    text = "".join(line + "\n" for line in lines)
    return Document(name, info, tuple(line.removesuffix("\r") for line in lines),
                    hashlib.sha256(text.encode("utf-8")).hexdigest(), tuple(locations))


class PostgresStorage(Storage):
    name = "postgres"
    shared = True

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        super().__init__(settings, embedder)
        assert settings.database_url is not None
        self.database = Database(settings.database_url, settings.database_timeout_s, settings.database_pool_size)
        self._connected = False
        self._connect_lock = threading.Lock()

    # --- connection and schema ------------------------------------------------------------------

    def connect(self) -> None:
        """Connect and check (or migrate) the schema, once; raises a DatabaseError saying what is wrong."""
        with self._connect_lock:
            if self._connected:
                return
            self.database.open()
            try:
                ensure_schema(self.database, self.settings.database_migrate)
            except BaseException:
                self.database.close()  # a refused schema leaves no pool threads behind
                raise
            self._connected = True

    @cached_property
    def writable(self) -> bool:  # type: ignore[override]
        """Whether this server's role may write (build, upload); a serving-only role may not."""
        self.connect()
        with self.database.connection() as conn:
            row = conn.execute("SELECT has_table_privilege('parts', 'INSERT') AND "
                               "has_table_privilege('serving', 'UPDATE')").fetchone()
        return bool(row and row[0])

    @cached_property
    def model_id(self) -> str:
        return self.embedder.model_id if self.embedder else E5_MODEL_ID

    @cached_property
    def code_key(self) -> str:
        return writer.code_key(self.model_id)

    @cached_property
    def cache(self) -> Path:
        return database_folder(self.database, self.settings.index_dir)

    # --- reading --------------------------------------------------------------------------------

    def _serving(self) -> tuple[int, str, str] | None:
        with self.database.connection() as conn:
            row = conn.execute("SELECT v.id, v.fingerprint, v.code_key FROM serving s "
                               "JOIN index_versions v ON v.id = s.version_id").fetchone()
        return (int(row[0]), row[1], row[2]) if row else None

    def published(self) -> str | None:
        """The label of the version published now (what a server should be serving)."""
        self.connect()
        serving = self._serving()
        return f"pg{serving[0]}-{serving[1][:12]}" if serving else None

    def _load(self, version_id: int) -> PostgresIndex:
        return load_version(self.database, version_id, self.cache, self.settings.embed_threads, self.embedder)

    def load_current(self) -> PostgresIndex | None:
        self.connect()
        serving = self._serving()
        if serving is None:
            return None
        try:
            return self._load(serving[0])
        except SearchIndexError as exc:
            log.warning("the published index version cannot be served: %s", exc)
            return None

    def served_corpus(self, conn: psycopg.Connection | None = None) -> Corpus:
        """Bundled documents and the uploaded ones; through `conn` inside a transaction that changes them."""
        self.connect()
        with self.database.connection() if conn is None else _same(conn) as use:
            rows = use.execute("SELECT u.name, d.info, d.lines, d.sha256, d.locations FROM uploaded_documents u "
                               "JOIN documents d ON d.id = u.document_id ORDER BY u.name").fetchall()
        uploaded = [Document(name, DocumentInfo.model_validate(info), tuple(lines), sha256, tuple(locations))
                    for name, info, lines, sha256, locations in rows]
        return load_served_corpus(self.settings, uploaded)

    def _fresh(self, corpus: Corpus) -> int | None:
        """The published version's id if it serves exactly `corpus` with this release, else None."""
        serving = self._serving()
        expected = writer.version_fingerprint(self.code_key, [writer.identity(d) for d in corpus.documents])
        return serving[0] if serving and serving[1] == expected else None

    # --- writing --------------------------------------------------------------------------------

    @contextmanager
    def _writing(self) -> Iterator[psycopg.Connection]:
        """A connection holding the build lock: one writer of versions at a time, across servers."""
        with self.database.connection() as conn:
            conn.execute("SELECT pg_advisory_lock(%s)", [writer.BUILD_LOCK])
            try:
                yield conn
            finally:
                if not conn.closed:
                    conn.execute("SELECT pg_advisory_unlock(%s)", [writer.BUILD_LOCK])

    @contextmanager
    def _parts_maker(self) -> Iterator:
        """`make(doc)` parses and embeds one document (embeddings cached by content, as for the folder)."""
        lexicon = load_lexicon()
        embedder = self.embedder or passage_embedder(self.settings)
        cache = EmbeddingCache(self.settings.cache_dir / "embeddings.sqlite")
        try:
            yield lambda doc: writer.prepare_part(doc, lexicon, embedder, cache)
        finally:
            cache.close()

    def _part_of(self, conn: psycopg.Connection, document_id: int) -> int | None:
        row = conn.execute("SELECT id FROM parts WHERE document_id = %s AND code_key = %s ORDER BY id DESC LIMIT 1",
                           [document_id, self.code_key]).fetchone()
        return int(row[0]) if row else None

    def _publish(self, conn: psycopg.Connection, corpus: Corpus, made: dict[str, writer.PreparedPart]) -> int:
        """Store each document of `corpus` with its part for this release (from `made`, an existing part, or
        made now), then write and publish their version. Inside a transaction holding the build lock."""
        members = []
        for doc in corpus.documents:
            document_id = writer.store_document(conn, doc)
            part_id = None if doc.file in made else self._part_of(conn, document_id)
            if part_id is None:
                if doc.file not in made:  # a document no version of this release has indexed yet
                    with self._parts_maker() as make:
                        made[doc.file] = make(doc)
                part_id = writer.insert_part(conn, document_id, self.code_key, made[doc.file])
            members.append(writer.Member(doc, document_id, part_id))
        return writer.publish(conn, members, self.code_key, self.model_id, corpus.warnings)

    def open(self, rebuild: bool = False, show_progress: bool = True,
             on_rebuild: OnRebuild | None = None) -> PostgresIndex:
        self.connect()
        corpus = self.served_corpus()
        fresh = None if rebuild else self._fresh(corpus)
        if fresh is not None:
            return self._load(fresh)
        serving = self._serving()
        if not self.writable:
            if serving is not None:
                log.warning("the published index version is not this release's or corpus's, and this server "
                            "may only read: serving it until a server with the owner role publishes a new one")
                return self._load(serving[0])
            self.require_writable("build the first index version")
        reason = ("rebuild requested" if rebuild else "no index version yet" if serving is None
                  else "corpus or code changed since the last build")
        if on_rebuild:
            on_rebuild(reason)
        log.warning("building index version in PostgreSQL: %s", reason)
        with self._writing() as conn:
            corpus = self.served_corpus(conn)  # again under the lock: another server may have just built it
            fresh = None if rebuild else self._fresh(corpus)
            if fresh is None:
                with self._parts_maker() as make:  # the slow part, before the transaction
                    made = {d.file: make(d) for d in corpus.documents if rebuild or not self._has_part(conn, d)}
                with conn.transaction():
                    fresh = self._publish(conn, corpus, made)
        return self._load(fresh)

    def _has_part(self, conn: psycopg.Connection, doc: Document) -> bool:
        row = conn.execute("SELECT 1 FROM parts p JOIN documents d ON d.id = p.document_id "
                           "WHERE d.identity = %s AND p.code_key = %s", [writer.identity(doc), self.code_key]).fetchone()
        return row is not None

    def ingest(self, doc: "NewDocument", key: str | None = None) -> PostgresIndex:
        from assistant.index.ingestion import check_conflicts

        self.connect()
        self.require_writable("store an upload")
        key = key or uuid.uuid4().hex
        document = uploaded_document(doc.name, doc.info.model_copy(update={"stored": key}), doc.extracted.lines,
                                     doc.extracted.locations)
        with self._parts_maker() as make:
            part = make(document)  # parsed and embedded before the lock: other uploads go on meanwhile
        with self._writing() as conn:
            with conn.transaction():
                current = conn.execute("SELECT d.info ->> 'stored' FROM uploaded_documents u JOIN documents d "
                                       "ON d.id = u.document_id WHERE u.name = %s", [doc.name]).fetchone()
                if current is not None and current[0] == key:  # a resumed upload whose transaction committed
                    version = self._fresh(self.served_corpus())
                    if version is not None:
                        return self._load(version)
                elif current is not None and doc.replaces is None:
                    raise DuplicateDocumentError(f"a document named {doc.name!r} was added meanwhile")
                check_conflicts(self.served_corpus(conn).documents, doc.name, doc.info, doc.replaces, ())
                document_id = writer.store_document(conn, document, doc.source_name, doc.original)
                writer.uploaded_entry(conn, doc.name, document_id)
                version = self._publish(conn, self.served_corpus(conn), {doc.name: part})
        return self._load(version)

    def withdraw(self, name: str) -> PostgresIndex:
        self.connect()
        self.require_writable("withdraw a document")
        with self._writing() as conn:
            with conn.transaction():
                served = self.served_corpus(conn)
                found = next((d for d in served.documents if d.file == name), None)
                if found is None:
                    raise DocumentNotFoundError(f"no uploaded document named {name!r}")
                if found.origin == "bundled":
                    raise DuplicateDocumentError(f"{name} is an official (bundled) document: it cannot be withdrawn")
                writer.uploaded_entry(conn, name, None)
                version = self._publish(conn, self.served_corpus(conn), {})
        return self._load(version)

    # --- following other servers ----------------------------------------------------------------

    def share_status(self, upload_id: str, status: dict) -> None:
        if not self.writable:
            return
        with self.database.connection() as conn:
            conn.execute("INSERT INTO upload_statuses (id, status) VALUES (%s, %s) ON CONFLICT (id) DO UPDATE "
                         "SET status = EXCLUDED.status, updated_at = now()", [upload_id, Jsonb(status)])
            conn.execute("DELETE FROM upload_statuses WHERE updated_at < now() - interval '30 days'")

    def shared_status(self, upload_id: str) -> dict | None:
        self.connect()
        with self.database.connection() as conn:
            row = conn.execute("SELECT status FROM upload_statuses WHERE id = %s", [upload_id]).fetchone()
        return row[0] if row else None

    def wait_for_change(self, timeout: float) -> None:
        """Return when a version is published (NOTIFY) or after `timeout` seconds, whichever is first."""
        deadline = time.monotonic() + timeout
        try:
            for _ in self._listener().notifies(timeout=timeout, stop_after=1):
                pass
        except (DatabaseUnavailableError, psycopg.Error, OSError):
            self._drop_listener()
            time.sleep(max(0.0, deadline - time.monotonic()))

    def _listener(self) -> psycopg.Connection:
        listener = getattr(self, "_listen_conn", None)
        if listener is None or listener.closed:
            listener = psycopg.connect(self.database.url, autocommit=True,
                                       connect_timeout=max(1, round(self.settings.database_timeout_s)))
            listener.execute(f"LISTEN {writer.CHANNEL}")
            self._listen_conn = listener
        return listener

    def _drop_listener(self) -> None:
        listener = getattr(self, "_listen_conn", None)
        if listener is not None:
            try:
                listener.close()
            except psycopg.Error:
                pass
        self._listen_conn = None

    def close(self) -> None:
        self._drop_listener()
        with self._connect_lock:
            self.database.close()
            self._connected = False
