"""The API key is checked from the request head: a request without it is refused before its body is read."""

import asyncio

import pytest
from pydantic import SecretStr

from api.auth import is_guarded, key_error
from api.main import create_app
from tests.api.asgi import http_scope
from tests.fakes import FakeAssistant

KEY = "s3cret-key"


@pytest.mark.parametrize("header, ok", [(b"Bearer s3cret-key", True), (b"bearer  s3cret-key ", True),
                                        (b"Bearer wrong", False), (b"Basic s3cret-key", False),
                                        (b"s3cret-key", False), (b"", False), (None, False),
                                        ("Bearer s3cret-key\u00e9".encode("latin-1"), False)])
def test_only_the_bearer_key_passes(header, ok):
    error = key_error(header, KEY)
    assert (error is None) == ok
    if error is not None:
        assert error.status_code == 401 and error.headers == {"WWW-Authenticate": "Bearer"}


@pytest.mark.parametrize("path, guarded", [("/api/ask", True), ("/api", True), ("/v1/models", True),
                                           ("/apix", False), ("/healthz", False), ("/", False), ("/docs", False)])
def test_api_and_v1_are_guarded_the_rest_is_open(path, guarded):
    assert is_guarded(path) == guarded


def _call(app, headers: list[tuple[bytes, bytes]]) -> tuple[int, bool]:
    """POST /api/ask straight through ASGI; (status, whether the app asked for the body)."""
    read = False
    status = 0

    async def receive():
        nonlocal read
        read = True
        return {"type": "http.request", "body": b'{"question": "q"}', "more_body": False}

    async def send(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = http_scope("POST", "/api/ask", [(b"content-type", b"application/json"), (b"content-length", b"17"),
                                            *headers])
    asyncio.run(asyncio.wait_for(app(scope, receive, send), 30))
    return status, read


def test_a_request_without_the_key_is_refused_before_its_body_is_read(shared_settings):
    app = create_app(shared_settings.model_copy(update={"api_key": SecretStr(KEY)}))
    assert _call(app, []) == (401, False)
    assert _call(app, [(b"authorization", b"Bearer nope")]) == (401, False)
    status, read = _call(app, [(b"authorization", f"Bearer {KEY}".encode())])
    assert read and status == 503, "with the key the body is read (503: this app's index was never loaded)"


def test_cors_preflights_pass_without_the_key(make_settings, running):
    settings = make_settings(api_key=KEY, cors_origins=["https://intranet.example"])
    with running(settings, assistant_factory=FakeAssistant) as client:
        preflight = client.options("/api/ask", headers={"Origin": "https://intranet.example",
                                                        "Access-Control-Request-Method": "POST",
                                                        "Access-Control-Request-Headers": "authorization"})
        refused = client.post("/api/ask", json={"question": "q"}, headers={"Origin": "https://intranet.example"})
    assert preflight.status_code == 200
    assert refused.status_code == 401 and refused.headers["access-control-allow-origin"] == "https://intranet.example"
