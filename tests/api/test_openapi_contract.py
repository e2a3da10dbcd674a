"""Property-based: whatever schemathesis generates from our OpenAPI document, valid (positive) or
invalid (negative), the API never answers 5xx, and every error carries a message: over the fake
assistant (the HTTP layer) and over the real one (the fake-embedder index), fewer examples there.

Uploads, replacements and withdrawals are left out (each accepted one rebuilds an index; tests/api/routes/test_documents.py covers
them case by case). The app runs in-process over a corpus copy that no other test changes.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from api.holder import IndexHolder
from api.main import create_app
from assistant.answering.service import Assistant
from tests.fakes import FakeAssistant, FakeEmbedder

EXAMPLES_PER_OPERATION = {"fake": 20, "real": 8}
FACTORIES = {"fake": FakeAssistant, "real": Assistant}


@pytest.fixture(scope="module", params=sorted(FACTORIES))
def operations(request, shared_settings):
    holder = IndexHolder(shared_settings, embedder=FakeEmbedder(), assistant_factory=FACTORIES[request.param])
    holder.load()  # from_asgi does not run the lifespan, so open the index here
    app = create_app(shared_settings, holder)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    found = {}
    writes = schema.exclude(path="/api/documents", method="POST").exclude(path="/api/documents/{file}", method="PUT") \
        .exclude(path="/api/documents/{file}", method="DELETE")
    for result in writes.get_all_operations():
        operation = result.ok()
        found[f"{operation.method.upper()} {operation.path}"] = operation
    yield request.param, found
    app.state.uploads.shutdown()  # and stop what the requests started, as the lifespan would
    app.state.pool.shutdown()
    holder.stop()


EXPECTED = ["GET /api/documents", "GET /api/documents/uploads/{upload_id}", "GET /api/documents/{file}/lines",
            "POST /api/documents/inspect",
            "GET /api/records", "GET /api/search", "GET /healthz", "GET /readyz", "GET /v1/models",
            "POST /api/ask", "POST /api/draft", "POST /v1/chat/completions"]


def test_every_operation_is_fuzzed(operations):
    assert sorted(operations[1]) == sorted(EXPECTED)


WITHOUT_INPUT = {"GET /api/documents", "GET /healthz", "GET /readyz", "GET /v1/models"}  # nothing to make invalid
CASES = [(name, schemathesis.GenerationMode.POSITIVE) for name in EXPECTED] + \
        [(name, schemathesis.GenerationMode.NEGATIVE) for name in EXPECTED if name not in WITHOUT_INPUT]


@pytest.mark.parametrize("name, mode", CASES, ids=[f"{n}-{m.value}" for n, m in CASES])
def test_no_input_makes_a_server_error(operations, name, mode):
    assistant, found = operations

    @given(case=found[name].as_strategy(mode))
    @settings(max_examples=EXAMPLES_PER_OPERATION[assistant], deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        response = case.call()
        assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text[:300]}"
        if response.status_code >= 400:
            assert response.json()["error"]["message"]

    check()
