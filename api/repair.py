"""Rebuild the served index when a request finds it damaged, one rebuild at a time.

Damage found at run time (SQLite cannot read the records file, an artifact cannot be read) is
answered 503 by `api.errors`, which calls `request` here. The holder is told (so `/readyz` says
503 until the new pair is installed), and `IndexHolder.load` runs in a background thread: it
opens the index, which verifies every checksum and rebuilds a damaged version, then swaps the new
pair in. Requests meanwhile keep the old pair, and those that touch the damage get 503.
Several worker processes share one index folder, so the rebuild itself is serialised across
processes by a lock in that folder: the second worker finds the version already rebuilt and only
loads it. Repairs are at least `MIN_INTERVAL_S` apart, so an index that cannot be rebuilt is not
rebuilt again on every request.
"""

import logging
import threading
import time

from api.holder import IndexHolder
from assistant.atomic import folder_lock

log = logging.getLogger(__name__)

MIN_INTERVAL_S = 30.0
LOCK_FOLDER = ".repair"  # a dot folder: index clean-up leaves it alone


class Repairer:
    def __init__(self, holder: IndexHolder):
        self.holder = holder
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._last_start = float("-inf")

    def request(self, reason: str) -> bool:
        """Start a rebuild unless one is running or one started less than MIN_INTERVAL_S ago; True if started."""
        with self._lock:
            running = self._thread is not None and self._thread.is_alive()
            if running or time.monotonic() - self._last_start < MIN_INTERVAL_S:
                return False
            self._last_start = time.monotonic()
            self.holder.report_damage(reason)
            self._thread = threading.Thread(target=self._repair, name="index-repair", daemon=True)
            self._thread.start()
            return True

    def _repair(self) -> None:
        with folder_lock(self.holder.settings.index_dir / LOCK_FOLDER):
            self.holder.load()
        log.info("index repair finished: %s", self.holder.state)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for a running repair (tests); True if the holder is ready afterwards."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
        return self.holder.state == "ready"
