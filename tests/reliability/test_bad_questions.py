"""Hostile and odd questions, through the real Assistant and through POST /api/ask: each gets a 4xx,
a refusal or a sensible answer, within a time limit, and the records database is unchanged.

Empty, blank, 100 kB and non-JSON bodies are covered in tests/api (FakeAssistant) and
tests/answering (Assistant); here they are only sent to the real Assistant over HTTP once more
where the path differs (a JSON string with broken bytes or a lone surrogate)."""

import json
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from api.holder import IndexHolder
from assistant.answering.contract import AnswerResponse
from assistant.answering.service import Assistant
from assistant.errors import AssistantError
from assistant.index.store import open_index
from tests.fakes import FakeEmbedder
from tests.reliability.conftest import row_counts

TIME_LIMIT_S = 30
AGENCY_ONLY = "社會局"
INJECTIONS = ["'; DROP TABLE progress_items; --", "社會局' OR '1'='1", "<script>alert(1)</script>",
              "[x](javascript:alert(1))", "社會局主辦的項目 <img src=x onerror=alert(1)>"]
REFUSED = ["😀😀😀", "🏛️📄❓", "ما هي سياسات الرعاية الاجتماعية؟", "นโยบายสวัสดิการสังคมคืออะไร"]
UNREADABLE = ["", " \t\n ", "問" * 100_000, "社會局\x07\x1b[31m主辦", "社會局\x00", "\ud800社會局"]


@pytest.fixture(scope="module")
def in_time() -> Iterator[Callable]:
    """`in_time(call, *args)` runs `call` in a worker and fails the test (not hang) past the limit."""
    with ThreadPoolExecutor(max_workers=4) as pool:
        yield lambda call, *args: pool.submit(call, *args).result(timeout=TIME_LIMIT_S)


def _check_answer(question: str, response: AnswerResponse) -> None:
    if question == AGENCY_ONLY:
        assert not response.refused and response.citations
        assert any(AGENCY_ONLY in c.quote for c in response.citations), "the answer is about the agency"
    elif question in REFUSED:
        assert response.refused and not response.citations
    for dangerous in ("<script", "<img", "javascript:", "DROP TABLE"):
        assert dangerous not in response.answer, "the question is never echoed into the answer"


@pytest.fixture(scope="module")
def assistant(shared_settings) -> Iterator[Assistant]:
    index = open_index(shared_settings, show_progress=False, embedder=FakeEmbedder())
    yield Assistant(index, shared_settings)
    index.close()


@pytest.fixture(scope="module")
def client(shared_settings, running):
    holder = IndexHolder(shared_settings, embedder=FakeEmbedder(), assistant_factory=Assistant)
    with running(shared_settings, holder=holder) as client:
        client.holder = holder
        yield client


@pytest.mark.parametrize("question", [AGENCY_ONLY, *INJECTIONS, *REFUSED, *UNREADABLE])
def test_assistant_answers_refuses_or_raises_a_typed_error(assistant, in_time, question):
    before = row_counts(assistant.index.folder)
    try:
        response = in_time(assistant.ask, question)
    except AssistantError:
        assert question in UNREADABLE
    else:
        assert question not in UNREADABLE
        _check_answer(question, response)
    assert row_counts(assistant.index.folder) == before


@pytest.mark.parametrize("question", [AGENCY_ONLY, *INJECTIONS, *REFUSED, "社會局\x07\x1b[31m主辦", "\ud800社會局"])
def test_http_answers_refuses_or_is_4xx(client, in_time, question):
    folder = client.holder.snapshot().index.folder
    before = row_counts(folder)
    body = json.dumps({"question": question}).encode()  # ASCII escapes, so a lone surrogate can be sent
    reply = in_time(lambda: client.post("/api/ask", content=body, headers={"Content-Type": "application/json"}))
    if question.isprintable() and not any("\ud800" <= c <= "\udfff" for c in question):
        assert reply.status_code == 200, reply.text
        _check_answer(question, AnswerResponse.model_validate(reply.json()))
    else:
        assert reply.status_code == 422 and reply.json()["error"]["message"]
    assert row_counts(folder) == before


@pytest.mark.parametrize("body", [b'{"question": "\xff\xfe\xe7\xa4"}', b'{"question": "\xe7\xa4\xbe\xe6"}',
                                  b'{"question": "' + bytes(range(1, 32)) + b'"}'])
def test_http_broken_bytes_inside_the_json_string_are_422(client, in_time, body):
    reply = in_time(lambda: client.post("/api/ask", content=body, headers={"Content-Type": "application/json"}))
    assert reply.status_code == 422 and reply.json()["error"]["type"] == "invalid_request"


@pytest.mark.parametrize("history", [True, 113, 0.5, "社會局主辦的項目有哪些？", {"question": "q"}])
def test_a_history_that_is_not_a_list_of_turns_is_a_query_error(assistant, in_time, history):
    """Found by evals/fuzz.py: a number or boolean as history was a TypeError (a 500 for any caller)."""
    with pytest.raises(AssistantError, match="history"):
        in_time(assistant.ask, "社會局主辦的項目有哪些？", history)
