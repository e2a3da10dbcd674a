"""The (index, Assistant) pair the service answers from, swapped atomically when the corpus changes.

Each request takes one `snapshot()` at its start and uses only that, so a question asked while a
new document is being indexed is answered entirely from the old pair, and never sees half of a
swap. Old pairs are not closed on swap (a request may still be using one); they are released when
the last request holding them ends. At start-up the last complete version on disk is served at once
(even if the corpus changed, or a build was killed half-way), while the current one builds.
With a shared backend (PostgreSQL) a watcher thread installs each version another server publishes,
retries a start-up that failed (the database was down), and tells /readyz while the database is
unreachable.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from api.errors import ApiError
from assistant.answering.service import Assistant
from assistant.config import Settings
from assistant.errors import AssistantError, DatabaseError, DatabaseUnavailableError
from assistant.index.embedder import Embedder
from assistant.index.store import SearchIndex, served_settings
from assistant.storage import Storage, open_storage
from assistant.text.script import load_converters

log = logging.getLogger(__name__)

State = Literal["starting", "building", "ready", "failed"]
AssistantFactory = Callable[[SearchIndex, Settings], Assistant]


@dataclass(frozen=True)
class Snapshot:
    index: SearchIndex
    assistant: Assistant


class IndexHolder:
    """Opens the index in the background at start-up, then serves snapshots of the current pair.

    `embedder` replaces the bundled model (tests pass a fake); `assistant_factory` builds the
    facade for each index (tests may pass a deterministic fake); `storage` is the backend
    (default: the one `settings` selects).
    """

    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 assistant_factory: AssistantFactory = Assistant, storage: Storage | None = None):
        self.settings = settings
        self.embedder = embedder
        self.assistant_factory = assistant_factory
        self.storage = storage or open_storage(settings, embedder)
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._state: State = "starting"
        self._error: str | None = None
        self._thread: threading.Thread | None = None
        self._watcher: threading.Thread | None = None
        self._stop = threading.Event()
        self.unavailable: str | None = None  # why the shared database cannot be reached now, if it cannot
        self._database_down = False  # the start-up load failed because the database could not be reached

    @property
    def state(self) -> State:
        return self._state

    @property
    def error(self) -> str | None:
        return self._error

    def open(self) -> SearchIndex:
        """The index for the served corpus as it is now, built first if it is missing or stale."""
        return self.storage.open(show_progress=False, on_rebuild=self._on_rebuild)

    def _on_rebuild(self, reason: str) -> None:
        if self._current is None:
            self._state = "building"
        log.warning("building the index (%s)", reason)

    def install(self, index: SearchIndex) -> Snapshot:
        """Make `index` (with a fresh Assistant) the pair new requests get, fully loaded first."""
        index.preload()
        snapshot = Snapshot(index, self.assistant_factory(index, served_settings(self.settings, index)))
        with self._lock:
            self._current = snapshot
            self._state = "ready"
            self._error = None
        return snapshot

    def report_damage(self, reason: str) -> None:
        """A request found the served pair damaged: not ready (for /readyz) until `load` installs a new one."""
        with self._lock:
            self._state = "building"
            self._error = reason

    def load(self) -> None:
        """Serve the last complete version at once, then the current one (built first if stale);
        a failure is kept for /readyz and logged, never raised."""
        try:
            last = self.storage.load_current()
            if last is not None:
                self._warm(last)
                self.install(last)
            index = self.open()
            if last is None or index.version != last.version:
                self._warm(index)
                self.install(index)
        except DatabaseError as exc:  # expected (down, login refused, schema): said plainly, retried by the watcher
            log.error("the index could not be opened: %s", exc)
            self._fail(f"{type(exc).__name__}: {exc}", database=isinstance(exc, DatabaseUnavailableError))
        except Exception as exc:
            log.exception("the index could not be opened")
            self._fail(f"{type(exc).__name__}: {exc}")

    def _fail(self, error: str, database: bool = False) -> None:
        """Not ready, for `error`; `database`: because the database cannot be reached (503 database_unavailable)."""
        with self._lock:
            self._state = "failed"
            self._error = error
            self._database_down = database

    @staticmethod
    def _warm(index: SearchIndex) -> None:
        index.embedder.embed_query("暖機")  # load the model now, not during the first question
        load_converters()  # likewise OpenCC, which Traditional questions never need

    def start(self) -> None:
        """Load in a background thread, so the process answers /healthz (and serves the page) at once;
        with a shared backend, then watch for versions other servers publish."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.load, name="index-loader", daemon=True)
            self._thread.start()
        if self.storage.shared and self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="index-watcher", daemon=True)
            self._watcher.start()

    def stop(self) -> None:
        """Stop watching and release the backend's connections (at shutdown)."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(self.settings.database_poll_s + self.settings.database_timeout_s + 5)
        self.storage.close()

    def _watch(self) -> None:
        """Install each newly published version; retry a failed start-up; note an unreachable database."""
        self.wait()
        while not self._stop.is_set():
            self.storage.wait_for_change(self.settings.database_poll_s)
            if self._stop.is_set():
                return
            try:
                if self._current is None:
                    self.load()
                    continue
                published = self.storage.published()
                if self.unavailable is not None:
                    log.warning("the database is reachable again")
                self.unavailable = None
                if published is not None and published != self._current.index.version:
                    index = self.storage.load_current()
                    if index is not None and index.version == published:
                        self._warm(index)
                        self.install(index)
                        log.info("serving index version %s, published by another server", index.version)
            except AssistantError as exc:
                if self.unavailable is None:
                    log.error("the database is unreachable: %s", exc)
                self.unavailable = str(exc)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the start-up load to finish; True if the holder is ready."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._state == "ready"

    def snapshot(self) -> Snapshot:
        """The current pair, or 503 while the index is first being built (or could not be)."""
        with self._lock:
            current, state, error, database_down = self._current, self._state, self._error, self._database_down
        if current is not None:
            return current
        if state == "failed" and database_down:
            raise ApiError(503, "database_unavailable", str(error).split(": ", 1)[-1], headers={"Retry-After": "10"})
        if state == "failed":
            raise ApiError(503, "index_unavailable", f"the search index could not be opened: {error}")
        raise ApiError(503, "not_ready", "the search index is still being built (about a minute the first "
                       "time); try again shortly — GET /readyz says when it is ready",
                       headers={"Retry-After": "10"})
