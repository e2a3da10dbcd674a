"""Answering fixtures: the real `Assistant` and its sources, requests read against the toy corpus, a
fake OpenAI-compatible LLM server on 127.0.0.1, and a citation check that reads the files from disk."""

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from assistant.answering.context import Request, Sources
from assistant.answering.contract import AnswerResponse
from assistant.config import Settings

PROJECT = Path(__file__).resolve().parents[2]
CORPUS = PROJECT / "corpus"


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings(corpus_dir=CORPUS, index_dir=PROJECT / "indexes")


@pytest.fixture(scope="session")
def assistant(real_index, settings: Settings):
    from assistant.answering.service import Assistant

    return Assistant(real_index, settings)


@pytest.fixture(scope="session")
def sources(assistant) -> Sources:
    """The real corpus's sources: for tests of what is quoted from the real documents' lines."""
    return assistant.sources


@pytest.fixture(scope="session")
def toy_request(toy_assistant) -> Callable[..., Request]:
    """`toy_request(question)`: the first ask of a question read against the toy corpus, ready to answer."""
    from assistant.answering.citations import Citations
    from assistant.understanding.reading import read_question

    def make(question: str, **filters: object) -> Request:
        reading = read_question(question, [], toy_assistant.sources.vocabulary)[0]
        if filters:
            reading.understanding = reading.understanding.model_copy(
                update={"filters": reading.filters.model_copy(update=filters)})
        return Request(toy_assistant.sources, reading, Citations(toy_assistant.sources.documents))

    return make


@pytest.fixture(scope="session")
def file_lines(toy_settings) -> dict[str, list[str]]:
    """Every corpus file's physical lines (the real and the toy corpus), read straight from disk (not
    through the code under test)."""
    lines = {}
    for path in [*CORPUS.glob("*.txt"), *toy_settings.corpus_dir.glob("*.txt")]:
        text = path.read_text(encoding="utf-8").split("\n")
        lines[path.name] = text[:-1] if text and text[-1] == "" else text
    return lines


@pytest.fixture(scope="session")
def assert_cited(file_lines: dict[str, list[str]]) -> Callable[[AnswerResponse], None]:
    """Every quote is at its lines, every marker has a citation, and numbers run 1, 2, … by first use."""
    import re

    def check(response: AnswerResponse) -> None:
        ids = [c.id for c in response.citations]
        assert ids == list(range(1, len(ids) + 1))
        for c in response.citations:
            text = "\n".join(file_lines[c.file][c.line - 1:c.end_line])
            assert c.quote and c.quote in text, f"[{c.id}] {c.quote!r} not at {c.file}:{c.line}-{c.end_line}"
        markers = [int(m) for m in re.findall(r"\[(\d+)\]", response.answer)]
        assert set(markers) <= set(ids)
        first_use = list(dict.fromkeys(markers))
        assert first_use == ids[:len(first_use)]
        for item in response.items:
            assert set(item.citations) <= set(ids)

    return check


@dataclass
class FakeLLM:
    """An OpenAI-compatible /v1/chat/completions endpoint that answers `reply` and records requests."""

    url: str
    reply: str | None = "改寫後的答案 [1]"
    delay: float = 0.0
    requests: list[dict] = field(default_factory=list)


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    state = FakeLLM(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            state.requests.append({"path": self.path, "body": body})
            time.sleep(state.delay)
            payload = {"id": "fake", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
                       "choices": [{"index": 0, "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": state.reply}}],
                       "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
            data = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            try:
                self.wfile.write(data)
            except OSError:  # the client gave up (timeout test)
                pass

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    yield state
    server.shutdown()
    server.server_close()
