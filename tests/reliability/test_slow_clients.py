"""Slow and idle clients against the running service on 127.0.0.1 (uvicorn with `api.protocol` and the
settings `assistant serve` uses): they are cut off on time, cannot crowd out real requests, and a
kept-alive connection keeps working after any error. Bounded: a few dozen sockets, seconds each."""

import http.client
import socket
import time

import pytest

from api.holder import IndexHolder
from api.main import create_app
from api.protocol import TimedHttpToolsProtocol
from assistant.config import get_settings
from tests.fakes import FakeAssistant, FakeEmbedder

HEAD_TIMEOUT_S = 1.0
BODY_TIMEOUT_S = 1.0
GIVE_UP_S = 10.0  # far beyond both deadlines: a connection still open by then was never cut off
IDLE_CONNECTIONS = 40


class ExplodingAssistant(FakeAssistant):
    def ask(self, question, *args, **kwargs):
        if question == "爆炸":
            raise RuntimeError("boom")
        return super().ask(question, *args, **kwargs)


@pytest.fixture
def address(make_settings, live_server, monkeypatch) -> tuple[str, int]:
    monkeypatch.setenv("ASSISTANT_HEADER_TIMEOUT_S", str(HEAD_TIMEOUT_S))  # the protocol reads process settings
    get_settings.cache_clear()
    settings = make_settings(body_timeout_s=BODY_TIMEOUT_S)
    holder = IndexHolder(settings, embedder=FakeEmbedder(), assistant_factory=ExplodingAssistant)
    url = live_server(create_app(settings, holder), http=TimedHttpToolsProtocol, loop="uvloop", timeout_keep_alive=2,
                      limit_concurrency=IDLE_CONNECTIONS + 10)
    assert holder.wait(60), holder.error
    yield "127.0.0.1", int(url.rsplit(":", 1)[1])
    get_settings.cache_clear()


def _connect(address: tuple[str, int]) -> socket.socket:
    sock = socket.create_connection(address, timeout=GIVE_UP_S)
    return sock


def _closed_by_server(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (raises on GIVE_UP_S)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def test_a_connection_that_sends_nothing_is_closed(address):
    with _connect(address) as sock:
        started = time.monotonic()
        assert _closed_by_server(sock) == b""
        assert time.monotonic() - started < GIVE_UP_S


def test_a_request_head_sent_a_byte_at_a_time_is_cut_off(address):
    head = b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Slow: " + b"a" * 200
    with _connect(address) as sock:
        started = time.monotonic()
        with pytest.raises(OSError):  # the server closes mid-head: sending fails, or we read the end
            for byte in head:
                sock.sendall(bytes([byte]))
                time.sleep(0.1)
            if not sock.recv(1):
                raise ConnectionResetError("closed by the server")
        assert time.monotonic() - started < GIVE_UP_S


def test_a_body_that_stops_arriving_gets_408(address):
    with _connect(address) as sock:
        sock.sendall(b"POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 100\r\n\r\n{\"question\": ")
        reply = _closed_by_server(sock)
    assert reply.startswith(b"HTTP/1.1 408") and b'"timeout"' in reply


def test_idle_connections_do_not_crowd_out_real_requests_and_are_closed(address):
    idle = [_connect(address) for _ in range(IDLE_CONNECTIONS)]
    try:
        connection = http.client.HTTPConnection(*address, timeout=GIVE_UP_S)
        connection.request("GET", "/healthz")
        assert connection.getresponse().status == 200
        connection.close()
        for sock in idle:
            assert _closed_by_server(sock) == b"", "every idle connection was cut off"
    finally:
        for sock in idle:
            sock.close()


def test_a_kept_alive_connection_survives_every_kind_of_error(address):
    connection = http.client.HTTPConnection(*address, timeout=GIVE_UP_S)
    exchanges = [("POST", "/api/ask", b"{not json", 422), ("GET", "/api/nothing", None, 404),
                 ("GET", "/api/records?line=99999999999999999999", None, 422),
                 ("POST", "/api/ask", '{"question": "爆炸"}'.encode(), 500),
                 ("POST", "/api/ask", '{"question": "社會局"}'.encode(), 200), ("GET", "/healthz", None, 200)]
    connection.connect()
    first = connection.sock
    for method, path, body, status in exchanges:
        connection.request(method, path, body=body, headers={"Content-Type": "application/json"})
        reply = connection.getresponse()
        reply.read()
        assert reply.status == status, (method, path)
        assert connection.sock is first, f"the connection was closed after {method} {path} ({status})"
    connection.close()
