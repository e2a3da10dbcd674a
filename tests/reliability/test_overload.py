"""More questions than the service can work on: beyond its answering threads and their queue, a question
gets 503 with Retry-After at once instead of waiting, and health stays answerable throughout (how the
queue admits requests is tests/api/test_pool.py)."""

import threading
from concurrent.futures import ThreadPoolExecutor

import httpx

from api.holder import IndexHolder
from api.main import create_app
from tests.fakes import FakeAssistant, FakeEmbedder


class BlockingAssistant(FakeAssistant):
    """Every question waits at `gate`; `started` is set when one is being worked on."""

    gate = threading.Event()
    started = threading.Event()

    def ask(self, *args, **kwargs):
        self.started.set()
        assert self.gate.wait(60), "the test never opened the gate"
        return super().ask(*args, **kwargs)


def test_beyond_the_threads_and_queue_questions_are_refused_at_once(make_settings, live_server):
    settings = make_settings(threads=1, max_queued=0)
    holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=BlockingAssistant)
    url = live_server(create_app(settings, holder))
    assert holder.wait(60), holder.error
    with ThreadPoolExecutor(1) as pool:
        working = pool.submit(httpx.post, f"{url}/api/ask", json={"question": "社會局"}, timeout=60)
        assert BlockingAssistant.started.wait(30)
        refused = httpx.post(f"{url}/api/ask", json={"question": "社會局"}, timeout=10)
        health = [httpx.get(f"{url}/healthz", timeout=5), httpx.get(f"{url}/readyz", timeout=5)]
        BlockingAssistant.gate.set()
        assert working.result(60).status_code == 200
    assert refused.status_code == 503 and refused.json()["error"]["type"] == "busy" and refused.headers["retry-after"]
    assert [r.status_code for r in health] == [200, 200]
