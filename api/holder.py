"""The (index, Assistant) pair the service answers from, swapped atomically when the corpus changes.

Each request takes one `snapshot()` at its start and uses only that, so a question asked while a
new document is being indexed is answered entirely from the old pair, and never sees half of a
swap. Old pairs are not closed on swap (a request may still be using one); they are released when
the last request holding them ends. At start-up the last complete version on disk is served at once
(even if the corpus changed, or a build was killed half-way), while the current one builds.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from api.errors import ApiError
from assistant.answering.service import Assistant
from assistant.config import Settings
from assistant.index.embedder import Embedder
from assistant.index.store import SearchIndex, load_current, open_index, served_settings
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
    facade for each index (tests may pass a deterministic fake).
    """

    def __init__(self, settings: Settings, embedder: Embedder | None = None,
                 assistant_factory: AssistantFactory = Assistant):
        self.settings = settings
        self.embedder = embedder
        self.assistant_factory = assistant_factory
        self._lock = threading.Lock()
        self._current: Snapshot | None = None
        self._state: State = "starting"
        self._error: str | None = None
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> State:
        return self._state

    @property
    def error(self) -> str | None:
        return self._error

    def open(self) -> SearchIndex:
        """The index for the corpus as it is on disk now, built first if it is missing or stale."""
        return open_index(self.settings, show_progress=False, embedder=self.embedder, on_rebuild=self._on_rebuild)

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
            last = load_current(self.settings, self.embedder)
            if last is not None:
                self._warm(last)
                self.install(last)
            index = self.open()
            if last is None or index.version != last.version:
                self._warm(index)
                self.install(index)
        except Exception as exc:
            log.exception("the index could not be opened")
            with self._lock:
                self._state = "failed"
                self._error = f"{type(exc).__name__}: {exc}"

    @staticmethod
    def _warm(index: SearchIndex) -> None:
        index.embedder.embed_query("暖機")  # load the model now, not during the first question
        load_converters()  # likewise OpenCC, which Traditional questions never need

    def start(self) -> None:
        """Load in a background thread, so the process answers /healthz (and serves the page) at once."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.load, name="index-loader", daemon=True)
            self._thread.start()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the start-up load to finish; True if the holder is ready."""
        if self._thread is not None:
            self._thread.join(timeout)
        return self._state == "ready"

    def snapshot(self) -> Snapshot:
        """The current pair, or 503 while the index is first being built (or could not be)."""
        with self._lock:
            current, state, error = self._current, self._state, self._error
        if current is not None:
            return current
        if state == "failed":
            raise ApiError(503, "index_unavailable", f"the search index could not be opened: {error}")
        raise ApiError(503, "not_ready", "the search index is still being built (about a minute the first "
                       "time); try again shortly — GET /readyz says when it is ready",
                       headers={"Retry-After": "10"})
