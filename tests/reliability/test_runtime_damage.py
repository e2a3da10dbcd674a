"""The records file damaged under a live server: a query that reads it gets 503 (never 500) and the
index is not ready until it is rebuilt, then the same answers again; questions, answered from the
records held in memory since start-up, keep their answers throughout. The rebuild is held at a gate
so every state is seen."""

import threading

import pytest

from api.holder import IndexHolder
from assistant.answering.service import Assistant
from tests.fakes import FakeEmbedder

QUESTION = {"question": "社會局主辦、仍為B執行中的項目有哪些？"}
FILTER = {"主辦": "社會局", "status": "B"}


class GatedHolder(IndexHolder):
    """After the first load, opening the index waits for the test."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gate = threading.Event()
        self.loaded_once = False

    def open(self):
        if self.loaded_once:
            assert self.gate.wait(60), "the test never opened the gate"
        self.loaded_once = True
        return super().open()


@pytest.mark.parametrize("damage", [b"not a database" * 100, b""], ids=["garbage", "truncated"])
def test_a_records_file_damaged_at_run_time_is_503_then_rebuilt(settings, running, damage):
    holder = GatedHolder(settings, embedder=FakeEmbedder(), assistant_factory=Assistant)
    with running(settings, holder=holder, raise_server_exceptions=False) as client:
        before = client.get("/api/records", params=FILTER).json()
        answer = client.post("/api/ask", json=QUESTION).json()
        (holder.snapshot().index.folder / "records.sqlite").write_bytes(damage)  # same file, under the server

        reply = client.get("/api/records", params=FILTER)
        assert reply.status_code == 503, reply.text
        assert reply.json()["error"]["type"] == "index_damaged" and reply.headers["retry-after"]
        assert str(settings.index_dir) not in reply.text
        readiness = client.get("/readyz")
        assert readiness.status_code == 503 and readiness.json()["state"] == "building"
        assert client.get("/healthz").status_code == 200

        holder.gate.set()
        assert client.app.state.repair.wait(60)
        assert client.get("/readyz").status_code == 200
        assert client.get("/api/records", params=FILTER).json() == before
        assert client.post("/api/ask", json=QUESTION).json() == answer
