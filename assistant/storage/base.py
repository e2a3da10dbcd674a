"""What every storage backend offers the service, the CLI and the upload queue.

A backend keeps the served documents (bundled plus uploaded) and the index versions built from
them, and hands out `SearchIndex` objects: the records, passages, BM25 and dense search of one
version, which is all the answering stage reads. Backends differ in where those live (a folder on
this machine, or one database shared by many servers) and in how a change reaches other processes.
"""

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import TYPE_CHECKING

from assistant.config import Settings
from assistant.corpus.manifest import Corpus
from assistant.errors import ReadOnlyDatabaseError
from assistant.index.embedder import Embedder
from assistant.index.store import SearchIndex

if TYPE_CHECKING:  # ingestion imports every document reader: only uploads need it
    from assistant.index.ingestion import NewDocument

OnRebuild = Callable[[str], None]


class Storage(ABC):
    """Documents and index versions. `embedder` replaces the bundled model (tests pass a fake)."""

    name: str
    shared = False  # whether other processes publish versions this one must pick up (the holder then watches)

    def __init__(self, settings: Settings, embedder: Embedder | None = None):
        self.settings = settings
        self.embedder = embedder

    @abstractmethod
    def open(self, rebuild: bool = False, show_progress: bool = True,
             on_rebuild: OnRebuild | None = None) -> SearchIndex:
        """The index of the served corpus as it is now, built first if missing, stale or damaged;
        `on_rebuild` is told why a build happens."""

    @abstractmethod
    def load_current(self) -> SearchIndex | None:
        """The last complete version, whatever the corpus is now (served while a newer one builds); None if none."""

    @abstractmethod
    def served_corpus(self) -> Corpus:
        """The bundled documents and the uploaded ones, as an upload is checked against them."""

    @abstractmethod
    def ingest(self, doc: "NewDocument", key: str | None = None) -> SearchIndex:
        """Store a checked upload (new, or replacing `doc.replaces`) and return the index serving it; on
        failure nothing of it remains. `key` (the upload id) lets a resumed upload find its own work."""

    @abstractmethod
    def withdraw(self, name: str) -> SearchIndex:
        """Take an uploaded document out of the served corpus and return the index without it."""

    @property
    def writable(self) -> bool:
        """Whether this process may store uploads and build versions (a serving-only database role may not)."""
        return True

    def require_writable(self, what: str) -> None:
        """Refuse a change this process may not make, before anything is queued or parsed."""
        if not self.writable:
            raise ReadOnlyDatabaseError(f"this server's database role may only read, so it cannot {what}: send "
                                        "uploads to a server whose ASSISTANT_DATABASE_URL has the owner role")

    def share_status(self, upload_id: str, status: dict) -> None:
        """Publish an upload's status to the other servers (a shared backend); the queue's own file is the record."""

    def shared_status(self, upload_id: str) -> dict | None:
        """An upload's status as another server published it, if this backend shares them."""
        return None

    def published(self) -> str | None:
        """The version label a server should serve now (for a shared backend, what another server published)."""
        return None

    def wait_for_change(self, timeout: float) -> None:
        """Return when a new version may have been published, or after `timeout` seconds."""
        time.sleep(timeout)

    def close(self) -> None:
        """Release connections and threads."""
