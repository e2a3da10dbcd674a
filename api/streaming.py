"""Server-Sent Events for `/api/ask`: the answer text in pieces, then the full response, then done.

The default answer path is extractive and computed at once, so the pieces are cut from the
finished text: a client renders progressively either way, and the final event carries the
citations and items it needs to make the markers clickable.
"""

import json
from collections.abc import Iterator

from assistant.answering.contract import AnswerResponse

PIECE_CHARS = 48


def pieces(text: str, size: int = PIECE_CHARS) -> Iterator[str]:
    """`text` cut into pieces of at most `size` characters, at line ends where possible; joined, they are `text`."""
    for line in text.splitlines(keepends=True):
        for start in range(0, len(line), size):
            yield line[start : start + size]


def sse(event: str, data: object) -> str:
    """One event; `data` is JSON on a single line, so it can never end the event early."""
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


def answer_events(response: AnswerResponse) -> Iterator[str]:
    for piece in pieces(response.answer):
        yield sse("delta", {"text": piece})
    yield sse("final", response.model_dump(mode="json"))
    yield sse("done", {})
