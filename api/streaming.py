"""Server-Sent Events for `/api/ask`: the answer text in pieces, then the full response, then done.

The default answer path is extractive and computed at once, so the pieces are cut from the
finished text: a client renders progressively either way, and the final event carries the
citations and items it needs to make the markers clickable. The events are made with the answer
(on a pool thread) and sent by an async iterator, so sending them never hops to a thread.
"""

import json
from collections.abc import AsyncIterator, Iterator

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


def answer_events(response: AnswerResponse) -> list[str]:
    return [*(sse("delta", {"text": piece}) for piece in pieces(response.answer)),
            sse("final", response.model_dump(mode="json")), sse("done", {})]


async def sent(events: list[str]) -> AsyncIterator[str]:
    """Events already made, as the async iterator a StreamingResponse sends without a thread."""
    for event in events:
        yield event
