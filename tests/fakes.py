"""Deterministic stand-ins for the slow or unfinished parts, shared by every test package.

`FakeEmbedder` replaces the bundled embedding model (fast, no weights); `FakeAssistant` replaces
the answering service (simonw/llm style: a fixed, inspectable behaviour) so API tests check the
plumbing of the HTTP layer, not the quality of answers; `FakeLLM` is an OpenAI-compatible server
on 127.0.0.1 whose reply and misbehaviour (slow, hung, trickling) each test sets.
"""

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np

from assistant.answering.contract import AnswerResponse, Citation, Item, Mode, PressRelease, Turn
from assistant.config import Settings
from assistant.index.store import SearchIndex

REFUSE_MARKER = "不知道"
ANSWER_START, ANSWER_END = "<<<答案開始>>>", "<<<答案結束>>>"  # how prompts/llm_user.txt delimits the answer


class FakeEmbedder:
    """Bag of character bigrams hashed into `dim` dimensions (64; the PostgreSQL backend stores 384):
    similar texts get similar unit vectors."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim
        self.model_id = f"fake-bigram-{dim}"
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            vector[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def fake_embedder_for(settings: Settings) -> FakeEmbedder:
    """The fake embedder a backend can store: 384 dimensions for PostgreSQL's vector(384), else 64."""
    return FakeEmbedder(384 if settings.database_url is not None else 64)


class FakeAssistant:
    """Refuses questions containing 「不知道」; otherwise lists the first three progress items, each
    cited by its row with an exact quote. Every call is kept in `calls`."""

    LIST_SIZE = 3

    def __init__(self, index: SearchIndex, settings: Settings):
        self.index = index
        self.settings = settings
        self.calls: list[dict] = []

    def _quote(self, file: str, line: int, name: str | None) -> str:
        text = (self.settings.corpus_dir / file).read_text(encoding="utf-8").split("\n")[line - 1]
        return next((cell for cell in text.split("\t") if name and name in cell), text[:20])

    def ask(self, question: str, history: list[Turn] | None = None, mode: Mode = "answer",
            filters: dict | None = None) -> AnswerResponse:
        self.calls.append({"question": question, "history": history, "mode": mode, "filters": filters})
        if REFUSE_MARKER in question:
            return AnswerResponse(question=question, answer="資料中沒有這項資訊，無法回答。", kind="refusal",
                                  refused=True, filters={})
        records = self.index.records.query("progress_item")[: self.LIST_SIZE]
        titles = {p.file: p.title for p in self.index.passages}
        citations = [Citation(id=n, file=r.file, line=r.line, end_line=r.end_line, title=titles[r.file],
                              quote=self._quote(r.file, r.line, r.item_name))
                     for n, r in enumerate(records, start=1)]
        items = [Item(label=r.label(), citations=[n],
                      fields={"lead_agency": r.lead_agency, "co_agencies": r.co_agencies,
                              "status_code": r.status_code, "status_label": r.status_label})
                 for n, r in enumerate(records, start=1)]
        lines = [f"- **{r.label()}**（主辦：{r.lead_agency}）[{n}]" for n, r in enumerate(records, start=1)]
        lead = "新聞稿草稿：" if mode == "draft" else ""
        release = PressRelease(title=f"測試新聞稿共{len(records)}項", lead="本府說明測試項目。",
                               body=[f"共{len(records)}項。"],
                               sources=[f"{c.id}. 《{c.title}》：「{c.quote}」" for c in citations]) \
            if mode == "draft" else None
        return AnswerResponse(question=question, answer=f"{lead}共 {len(records)} 項：\n" + "\n".join(lines),
                              kind="list", refused=False,
                              filters={"record_type": "progress_item", **(filters or {})},
                              items=items, citations=citations, summary=f"{lead}共 {len(records)} 項：", draft=release)


@dataclass
class FakeLLM:
    """An OpenAI-compatible /v1/chat/completions endpoint that answers `reply` and records requests.

    `delay` seconds pass before it answers (a long delay is a hung server); with `trickle_s` it sends
    the body one byte every `trickle_s` seconds. With `echo` it replies with the answer it was asked
    to reword, unchanged (a perfectly faithful model). `received` is set when a request has arrived.
    """

    url: str = ""
    reply: str | None = "改寫後的答案 [1]"
    delay: float = 0.0
    trickle_s: float = 0.0
    echo: bool = False
    requests: list[dict] = field(default_factory=list)
    received: threading.Event = field(default_factory=threading.Event)

    def payload(self, body: dict) -> bytes:
        reply = self.reply
        if self.echo:
            prompt = body["messages"][-1]["content"]
            reply = prompt.split(ANSWER_START, 1)[1].split(ANSWER_END, 1)[0].strip("\n")
        return json.dumps({"id": "fake", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
                           "choices": [{"index": 0, "finish_reason": "stop",
                                        "message": {"role": "assistant", "content": reply}}],
                           "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}).encode()

    @classmethod
    @contextmanager
    def serving(cls) -> Iterator["FakeLLM"]:
        state = cls()
        closing = threading.Event()  # set on exit: a hung reply ends, so closing joins every handler

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                state.requests.append({"path": self.path, "body": body})
                state.received.set()
                closing.wait(state.delay)
                data = state.payload(body)
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    chunks = [data[i:i + 1] for i in range(len(data))] if state.trickle_s else [data]
                    for chunk in chunks:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        closing.wait(state.trickle_s)
                except OSError:  # the client gave up (deadline tests)
                    pass

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = False  # server_close() joins the handler threads
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        try:
            yield state
        finally:
            closing.set()
            server.shutdown()
            server.server_close()
