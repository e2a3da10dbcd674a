"""Server-Sent Events for answers."""

import json

from api.streaming import answer_events, pieces, sse
from assistant.answering.contract import AnswerResponse


def test_pieces_rejoin_to_the_text_and_respect_the_size():
    text = "第一行很長" * 30 + "\n\n- 第二行\n最後"
    parts = list(pieces(text, size=16))
    assert "".join(parts) == text
    assert max(map(len, parts)) <= 16 and len(parts) > 3


def test_event_data_stays_on_one_line():
    event = sse("delta", {"text": "a\n\nb"})
    assert event.count("\n") == 3 and event.endswith("\n\n")
    assert json.loads(event.split("data: ", 1)[1]) == {"text": "a\n\nb"}


def test_answer_events_are_deltas_then_final_then_done():
    response = AnswerResponse(question="q", answer="甲\n乙", kind="free", refused=False, filters={})
    events = [e.split("\n")[0].removeprefix("event: ") for e in answer_events(response)]
    assert events[-2:] == ["final", "done"] and set(events[:-2]) == {"delta"}
