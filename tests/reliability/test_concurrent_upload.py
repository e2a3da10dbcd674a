"""Questions asked from many threads while a document is uploaded and indexed: every answer comes
from one index version, cites only documents of that version, and nothing fails."""

import shutil
import threading
import time

import httpx

from api.holder import IndexHolder
from api.main import create_app
from assistant.answering.contract import AnswerResponse
from assistant.answering.service import Assistant
from tests.fakes import FakeEmbedder

NEW = "005_youth.txt"
QUESTIONS = ["社會局主辦的項目有哪些？", "青年住宅租金補貼的申請資格是什麼？", "秘書處的預算是多少？"]
THREADS = 6


class SlowEmbedder(FakeEmbedder):
    """Only new text reaches the embedder (the rest is cached): slowing it keeps the rebuild in flight."""

    def embed_passages(self, texts):
        time.sleep(0.5)
        return super().embed_passages(texts)


def _recording_factory(seen: list[tuple[str, AnswerResponse]]):
    """The real Assistant, noting which index version produced each answer."""

    class Recording(Assistant):
        def ask(self, *args, **kwargs) -> AnswerResponse:
            response = super().ask(*args, **kwargs)
            seen.append((self.index.version, response))
            return response

    return Recording


def test_questions_during_an_upload_each_see_one_consistent_version(make_settings, built_corpus, tmp_path,
                                                                  live_server):
    shutil.copytree(built_corpus / "cache", tmp_path / "cache")  # a private cache: the new text is never in it
    settings = make_settings(cache_dir=tmp_path / "cache")
    seen: list[tuple[str, AnswerResponse]] = []
    holder = IndexHolder(settings, embedder=SlowEmbedder(), assistant_factory=_recording_factory(seen))
    base = live_server(create_app(settings, holder))
    assert holder.wait(60), holder.error
    old = holder.snapshot().index
    statuses: list[int] = []
    document_counts: set[int] = set()
    done = threading.Event()

    def ask_repeatedly(worker: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            n = worker
            while not done.is_set():
                reply = client.post("/api/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
                statuses.append(reply.status_code)
                listed = client.get("/api/documents")
                statuses.append(listed.status_code)
                document_counts.add(len(listed.json()))
                n += 1

    workers = [threading.Thread(target=ask_repeatedly, args=(w,)) for w in range(THREADS)]
    for worker in workers:
        worker.start()
    with httpx.Client(base_url=base, timeout=60) as client:
        text = "臺北市113年青年住宅租金補貼說明\n申請資格：設籍本市之青年。\n"
        form = {"title": "青年住宅租金補貼說明", "issuer": "臺北市政府都市發展局", "year_roc": "113"}
        accepted = client.post("/api/documents", files={"file": (NEW, text.encode(), "text/plain")}, data=form)
        assert accepted.status_code == 202, accepted.text
        deadline = time.monotonic() + 60
        while (state := client.get(f"/api/documents/uploads/{accepted.json()['id']}").json()["state"]) \
                not in ("ready", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert state == "ready"
        answered_before_swap, deadline = len(seen), time.monotonic() + 60
        while len(seen) < answered_before_swap + 3 * THREADS:  # keep asking on the new version a while
            assert time.monotonic() < deadline
            time.sleep(0.05)
    done.set()
    for worker in workers:
        worker.join(60)

    new = holder.snapshot().index
    documents = {old.version: set(old.manifest["documents"]), new.version: set(new.manifest["documents"])}
    assert set(statuses) == {200}
    assert {version for version, _ in seen} == {old.version, new.version}, "questions straddled the swap"
    assert document_counts == {len(documents[old.version]), len(documents[new.version])}
    lines = {file: (new.corpus_dir / file).read_text(encoding="utf-8").split("\n") for file in documents[new.version]}
    listings = set()
    for version, response in seen:
        for citation in response.citations:
            assert citation.file in documents[version], f"{version} answer cites {citation.file}"
            assert citation.quote in "\n".join(lines[citation.file][citation.line - 1:citation.end_line])
        if response.question == QUESTIONS[0]:
            listings.add(tuple(item.label for item in response.items))
    assert len(listings) == 1, "an upload of a text document never changes a record list"
    assert any(c.file == NEW for v, r in seen if v == new.version for c in r.citations), \
        "the new document answers once it is indexed"
