"""The work pool: CPU work runs on its few threads, and a full queue is a 503, not a longer wait."""

import asyncio
import threading

import pytest

from api.errors import ApiError
from api.pool import WorkPool


def test_work_runs_on_the_pool_threads_and_returns_its_value():
    pool = WorkPool(threads=2, max_queued=4)

    async def scenario():
        return await asyncio.gather(*(pool.run(lambda: threading.current_thread().name) for _ in range(6)))

    names = asyncio.run(asyncio.wait_for(scenario(), 30))
    assert {name.rsplit("_", 1)[0] for name in names} == {"answer"} and len(set(names)) <= 2
    pool.shutdown()


def test_beyond_threads_plus_queue_the_request_is_refused_at_once():
    pool = WorkPool(threads=1, max_queued=1)
    gate = threading.Event()

    async def scenario():
        running = [asyncio.create_task(pool.run(gate.wait)) for _ in range(2)]  # one on the thread, one queued
        await asyncio.sleep(0)
        with pytest.raises(ApiError) as refused:
            await pool.run(lambda: "never run")
        gate.set()
        return refused.value, await asyncio.gather(*running)

    refused, results = asyncio.run(asyncio.wait_for(scenario(), 30))
    assert refused.status_code == 503 and refused.type == "busy" and refused.headers["Retry-After"]
    assert results == [True, True], "the accepted requests were still answered"
    pool.shutdown()


def test_errors_of_the_work_reach_the_caller_and_free_the_slot():
    pool = WorkPool(threads=1, max_queued=0)

    async def scenario():
        with pytest.raises(ZeroDivisionError):
            await pool.run(lambda: 1 / 0)
        return await pool.run(lambda: "next")

    assert asyncio.run(asyncio.wait_for(scenario(), 30)) == "next"
    pool.shutdown()


def test_a_shut_down_pool_starts_again_when_used():
    pool = WorkPool(threads=1, max_queued=1)
    assert asyncio.run(pool.run(lambda: 1)) == 1
    pool.shutdown()
    assert asyncio.run(pool.run(lambda: 2)) == 2, "an app's lifespan may run more than once (test clients)"
    pool.shutdown()
