"""POST /api/ask: JSON and Server-Sent Events, with history, mode and filters passed through."""

import json

import pytest

from assistant.answering.contract import AnswerResponse
from assistant.errors import QueryError
from tests.fakes import FakeAssistant

QUESTION = "社會局主辦、仍為B執行中的項目有哪些？"


def _assistant(client) -> FakeAssistant:
    return client.app.state.holder.snapshot().assistant


def _events(text: str) -> list[tuple[str, dict]]:
    events = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.split("\n"))
        events.append((fields["event"], json.loads(fields["data"])))
    return events


def test_json_answer_follows_the_contract(client):
    response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200
    answer = AnswerResponse.model_validate(response.json())
    assert answer.question == QUESTION and not answer.refused
    assert answer.items and answer.citations
    lines = (client.app.state.settings.corpus_dir / answer.citations[0].file).read_text().split("\n")
    assert answer.citations[0].quote in lines[answer.citations[0].line - 1]


def test_history_mode_and_filters_reach_the_assistant(client):
    body = {"question": "其中哪些已完成？", "mode": "draft", "filters": {"agency": "社會局"},
            "history": [{"question": "社會局主辦的項目有哪些？", "answer": "共 8 項",
                         "filters": {"agency": "社會局"}}]}
    response = client.post("/api/ask", json=body)
    assert response.status_code == 200 and response.json()["answer"].startswith("新聞稿草稿")
    call = _assistant(client).calls[-1]
    assert call["mode"] == "draft" and call["filters"] == {"agency": "社會局"}
    assert [(t.question, t.answer) for t in call["history"]] == [("社會局主辦的項目有哪些？", "共 8 項")]


def test_refusals_are_answers_not_errors(client):
    response = client.post("/api/ask", json={"question": "我不知道的事"})
    assert response.status_code == 200 and response.json()["refused"] is True


def test_event_stream_sends_pieces_then_the_full_response(client):
    plain = client.post("/api/ask", json={"question": QUESTION}).json()
    streamed = client.post("/api/ask", json={"question": QUESTION}, headers={"Accept": "text/event-stream"})
    assert streamed.status_code == 200
    assert streamed.headers["content-type"].startswith("text/event-stream")
    events = _events(streamed.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["final", "done"] and names[:-2] and set(names[:-2]) == {"delta"}
    assert "".join(data["text"] for name, data in events if name == "delta") == plain["answer"]
    assert events[-2][1] == plain


def test_query_errors_from_the_assistant_are_422(make_settings, running):
    class Picky(FakeAssistant):
        def ask(self, *args, **kwargs):
            raise QueryError("unknown filter field 'colour'")

    with running(make_settings(), assistant_factory=Picky) as client:
        response = client.post("/api/ask", json={"question": QUESTION, "filters": {"colour": "red"}})
    assert response.status_code == 422
    assert response.json()["error"] == {"type": "invalid_query", "message": "unknown filter field 'colour'"}


@pytest.mark.parametrize("history", [[{"question": "q"}] * 51])
def test_overlong_history_is_422(client, history):
    assert client.post("/api/ask", json={"question": QUESTION, "history": history}).status_code == 422
