"""Every error is JSON `{"error": {"type", "message"}}` with the right status; never a 500 for bad input."""

import logging
import shutil

import pytest
from fastapi.testclient import TestClient

from api.errors import GENERIC_MESSAGE, without_paths
from api.holder import IndexHolder
from api.main import create_app
from assistant.errors import SearchIndexError
from tests.fakes import FakeAssistant, FakeEmbedder


def _error(response, status):
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["type"] and body["message"]
    return body


@pytest.mark.parametrize("body", [
    {}, {"question": 42}, {"question": ["a"]}, {"question": "  "}, {"question": "x", "mode": "poem"},
    {"question": "x", "history": "not a list"}, {"question": "x", "history": [{"answer": "no question"}]},
    {"question": "x", "unexpected": 1},
])
def test_malformed_questions_are_422(client, body):
    assert _error(client.post("/api/ask", json=body), 422)["type"] == "invalid_request"


@pytest.mark.parametrize("content", [b"{not json", b"\xff\xfe\x00", b"", "[]".encode()])
def test_bodies_that_are_not_a_json_object_are_422(client, content):
    _error(client.post("/api/ask", content=content, headers={"Content-Type": "application/json"}), 422)


def test_validation_messages_name_the_field_without_echoing_input(client):
    body = _error(client.post("/api/ask", json={"question": 123456789}), 422)
    assert "question" in body["message"] and "123456789" not in body["message"]


def test_unknown_routes_and_methods_use_the_same_shape(client):
    assert _error(client.get("/api/nothing-here"), 404)["type"] == "not_found"
    assert _error(client.delete("/api/ask"), 405)["type"] == "method_not_allowed"


class BrokenAssistant(FakeAssistant):
    def ask(self, *args, **kwargs):
        raise RuntimeError("internal detail with ASSISTANT_API_KEY=s3cret")


def test_unexpected_errors_are_a_generic_500_and_logged(make_settings, running, caplog):
    settings = make_settings(api_key="s3cret")
    with running(settings, assistant_factory=BrokenAssistant, raise_server_exceptions=False) as client:
        with caplog.at_level(logging.ERROR, logger="api.errors"):
            response = client.post("/api/ask", json={"question": "社會局"},
                                   headers={"Authorization": "Bearer s3cret"})
    body = _error(response, 500)
    assert body == {"type": "internal_error", "message": GENERIC_MESSAGE}
    assert "RuntimeError" in caplog.text, "the traceback is logged"
    assert "Bearer s3cret" not in caplog.text, "request headers are never logged"


@pytest.mark.parametrize("message, expected", [
    ("index file /srv/x/indexes/f741/records.sqlite is damaged", "index file records.sqlite is damaged"),
    ("index at /srv/x/indexes/f741 cannot be read (OSError: [Errno 2] '/srv/x/a b.txt')",
     "index at f741 cannot be read (OSError: [Errno 2] 'a b.txt')"),
    ("GET /readyz says when; see /api/documents/uploads/{id}", "GET /readyz says when; see /api/documents/uploads/{id}"),
    ("no path here, 1/2 of it", "no path here, 1/2 of it"),
])
def test_messages_lose_server_paths(message, expected):
    assert without_paths(message) == expected


def test_no_client_message_names_a_server_folder(settings):

    shutil.rmtree(settings.index_dir)  # no last good version to fall back on either

    class Failing(IndexHolder):
        def open(self):
            raise SearchIndexError(f"index at {settings.index_dir / 'f741'} cannot be read "
                                   f"({settings.corpus_dir / 'manifest.yaml'} is missing)")

    holder = Failing(settings, embedder=FakeEmbedder(), assistant_factory=FakeAssistant)
    with TestClient(create_app(settings, holder)) as client:
        holder.wait(30)
        replies = [client.get("/readyz"), client.post("/api/ask", json={"question": "社會局"})]
    assert [r.status_code for r in replies] == [503, 503]
    for reply in replies:
        assert "f741" in reply.text and "manifest.yaml" in reply.text, "the message still says what is wrong"
        for folder in (settings.index_dir, settings.corpus_dir, settings.index_dir.parent):
            assert str(folder) not in reply.text
