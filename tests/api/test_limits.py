"""Oversized input is a 413, whether the client declares its size or streams it."""

import asyncio
import json

import pytest

from api.limits import MULTIPART_OVERHEAD, body_limit
from api.main import create_app
from tests.api.asgi import http_scope


@pytest.fixture(scope="module")
def small(shared_settings, running):
    settings = shared_settings.model_copy(
        update={"max_request_bytes": 2_000, "max_question_chars": 50, "max_upload_bytes": 10_000})
    with running(settings) as client:
        yield client


def _too_large(response):
    assert response.status_code == 413, response.text
    assert response.json()["error"]["type"] == "too_large"


def test_uploads_get_their_own_limit(settings):
    assert body_limit(settings, "POST", "/api/documents") == settings.max_upload_bytes + MULTIPART_OVERHEAD
    assert body_limit(settings, "POST", "/api/ask") == settings.max_request_bytes
    assert body_limit(settings, "GET", "/api/documents") == settings.max_request_bytes


def test_declared_oversized_body_is_refused(small):
    _too_large(small.post("/api/ask", json={"question": "社", "filters": {"pad": "x" * 3_000}}))


def test_streamed_oversized_body_is_refused(small):
    body = json.dumps({"question": "社", "filters": {"pad": "x" * 3_000}}).encode()

    def chunks():  # no Content-Length: the server must count what arrives
        for start in range(0, len(body), 500):
            yield body[start : start + 500]

    _too_large(small.post("/api/ask", content=chunks(), headers={"Content-Type": "application/json"}))


def test_a_body_under_the_limit_is_read(small):
    assert small.post("/api/ask", json={"question": "社會局"}).status_code == 200


def test_long_questions_are_413_and_say_the_limit(small):
    response = small.post("/api/ask", json={"question": "社" * 51})
    _too_large(response)
    assert "50" in response.json()["error"]["message"]
    _too_large(small.post("/api/ask", json={"question": "短", "history": [{"question": "社" * 51}]}))
    _too_large(small.get("/api/search", params={"q": "社" * 51}))
    _too_large(small.post("/v1/chat/completions", json={"messages": [{"role": "user", "content": "社" * 51}]}))


def test_a_100kb_question_is_refused_without_reaching_the_assistant(client):
    calls = len(client.app.state.holder.snapshot().assistant.calls)
    _too_large(client.post("/api/ask", json={"question": "社" * 100_000}))
    assert len(client.app.state.holder.snapshot().assistant.calls) == calls


def test_a_non_numeric_content_length_is_malformed(small):
    response = small.post("/api/ask", content=b"{}", headers={"Content-Type": "application/json",
                                                              "Content-Length": "lots"})
    assert response.status_code == 422
    assert "Content-Length" in response.json()["error"]["message"]


def test_a_body_that_stops_arriving_is_408_at_the_deadline(shared_settings):
    """Straight through ASGI: the client sends part of the body, then nothing."""
    app = create_app(shared_settings.model_copy(update={"body_timeout_s": 0.2}))
    sent: list[dict] = []
    parts = [{"type": "http.request", "body": b'{"question": ', "more_body": True}]

    async def receive():
        if parts:
            return parts.pop()
        await asyncio.sleep(3600)  # a slow client: the rest never comes

    async def send(message):
        sent.append(message)

    scope = http_scope("POST", "/api/ask", [(b"content-type", b"application/json"), (b"content-length", b"40")])
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    assert sent[0]["status"] == 408
    assert json.loads(sent[1]["body"])["error"]["type"] == "timeout"
