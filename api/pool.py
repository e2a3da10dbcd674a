"""The few threads that do the CPU work of requests, so the event loop never waits and threads never convoy.

Routes are async; what costs CPU (answering, search, record queries, encoding the JSON reply) runs
here, on `threads` threads (about one per core). More threads only make them fight for the GIL: a
4 ms records query took 2.4 s beside two busy threads in a 40-thread pool. A request is one hop to
a thread and back. Beyond `max_queued` waiting requests the service answers 503 at once instead of
building a queue no client will wait for.
"""

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from api.errors import ApiError

T = TypeVar("T")

RETRY_AFTER_S = "2"


class WorkPool:
    """A bounded thread pool with a bounded queue, awaited from the event loop."""

    def __init__(self, threads: int, max_queued: int):
        self.threads = threads
        self.max_queued = max_queued
        self._executor: ThreadPoolExecutor | None = None  # made on first use, again after a shutdown
        self._in_flight = 0  # only touched on the event loop thread

    async def run(self, work: Callable[[], T]) -> T:
        """`work()` on a pool thread; 503 when `threads + max_queued` requests are already in."""
        if self._in_flight >= self.threads + self.max_queued:
            raise ApiError(503, "busy", "the service is answering as many questions as it can; try again shortly",
                           headers={"Retry-After": RETRY_AFTER_S})
        self._in_flight += 1
        try:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self.threads, thread_name_prefix="answer")
            return await asyncio.wrap_future(self._executor.submit(work))
        finally:
            self._in_flight -= 1

    def shutdown(self) -> None:
        """Finish what is running; what has not started is dropped (its clients are gone with the server)."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
