"""Readiness while the index is first built, failure to open it, and the atomic swap."""

import threading

from fastapi.testclient import TestClient

from api.holder import IndexHolder
from api.main import create_app
from tests.fakes import FakeAssistant, FakeEmbedder


class GatedEmbedder(FakeEmbedder):
    """Embedding (so the whole build) waits until the test opens the gate."""

    def __init__(self) -> None:
        super().__init__()
        self.gate = threading.Event()

    def embed_passages(self, texts):
        assert self.gate.wait(30), "the test never opened the gate"
        return super().embed_passages(texts)


def test_not_ready_while_building_then_ready(make_settings, tmp_path):
    settings = make_settings(index_dir=tmp_path / "fresh-index", cache_dir=tmp_path / "fresh-cache")
    embedder = GatedEmbedder()
    holder = IndexHolder(settings, embedder=embedder, assistant_factory=FakeAssistant)
    with TestClient(create_app(settings, holder)) as client:
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 200
        readiness = client.get("/readyz")
        assert readiness.status_code == 503 and readiness.json()["ready"] is False
        asked = client.post("/api/ask", json={"question": "社會局主辦的項目？"})
        assert asked.status_code == 503
        assert asked.json()["error"]["type"] == "not_ready" and asked.headers["retry-after"]
        assert client.get("/api/documents").status_code == 503
        assert holder.state in ("starting", "building")

        embedder.gate.set()
        assert holder.wait(60)
        ready = client.get("/readyz").json()
        assert ready["ready"] is True and ready["documents"] == 5 and ready["index_version"]
        assert client.post("/api/ask", json={"question": "社會局主辦的項目？"}).status_code == 200


class BrokenHolder(IndexHolder):
    def open(self):
        raise RuntimeError("records.sqlite is damaged")


def test_the_last_good_version_serves_when_the_current_one_cannot_be_built(settings):
    holder = BrokenHolder(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    with TestClient(create_app(settings, holder)) as client:
        holder.wait(30)
        assert client.post("/api/ask", json={"question": "社會局"}).status_code == 200


def test_an_index_that_cannot_open_is_reported(settings):
    (settings.index_dir / "CURRENT").unlink()  # no last good version to fall back on
    holder = BrokenHolder(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    with TestClient(create_app(settings, holder)) as client:
        holder.wait(30)
        readiness = client.get("/readyz")
        assert readiness.status_code == 503
        assert readiness.json()["state"] == "failed" and "damaged" in readiness.json()["message"]
        asked = client.post("/api/ask", json={"question": "社會局"})
        assert asked.status_code == 503 and asked.json()["error"]["type"] == "index_unavailable"
        assert client.get("/healthz").status_code == 200


def test_a_snapshot_keeps_its_pair_across_a_swap(settings):
    holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    holder.load()
    before = holder.snapshot()
    holder.install(holder.open())
    after = holder.snapshot()
    assert after.index is not before.index and after.assistant is not before.assistant
    assert before.assistant.index is before.index, "an old snapshot still answers from its own index"
    assert after.assistant.index is after.index


def test_the_server_loads_everything_before_its_first_question(settings):
    """BM25, the dense index and OpenCC load lazily elsewhere; the server loads them at start-up and
    loads the indexes of every new version before swapping it in."""
    from assistant.text import script

    script._converter.cache_clear()
    holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    holder.load()
    assert {"bm25", "dense"} <= vars(holder.snapshot().index).keys()
    assert script._converter.cache_info().currsize == 2
    snapshot = holder.install(holder.open())
    assert {"bm25", "dense"} <= vars(snapshot.index).keys()
