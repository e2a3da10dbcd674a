"""Translate between OpenAI's chat-completions format and the assistant's questions and answers.

Chat clients show only the message text, so the citations go into it as a 「來源」 list; the same
citations (and the list items) also ride along as extra top-level fields for clients that read them.
"""

import time
import uuid
from collections.abc import Iterator

from pydantic import BaseModel, ConfigDict, Field

from api.errors import ApiError
from api.streaming import pieces
from api.usage import usage
from assistant.answering.citations import escape_source_brackets
from assistant.answering.contract import AnswerResponse, Citation, Mode, Turn

MODEL_ID = "policy-qa"
SOURCES_HEADING = "來源："


class ChatMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict] | None = None

    def text(self) -> str:
        """The message text; content parts other than text (images …) are ignored."""
        if isinstance(self.content, list):
            return "".join(str(p.get("text", "")) for p in self.content if p.get("type") == "text")
        return self.content or ""


class ChatCompletionRequest(BaseModel):
    """OpenAI's request; sampling options (temperature, max_tokens …) are accepted and ignored."""

    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[ChatMessage] = Field(min_length=1)
    stream: bool = False
    mode: Mode = Field("answer", description="extension: draft for a press-response draft")
    filters: dict | None = Field(None, description="extension: explicit filters, as in POST /api/ask")


def _strip_sources(answer: str) -> str:
    head, _, _ = answer.partition(f"\n\n{SOURCES_HEADING}\n")
    return head


def prompt_text(request: ChatCompletionRequest) -> str:
    """Every message's text, as `usage` counts the prompt."""
    return "\n".join(message.text() for message in request.messages)


def to_question(request: ChatCompletionRequest) -> tuple[str, list[Turn]]:
    """The last user message is the question; earlier user messages, with the replies to them, are history."""
    turns: list[Turn] = []
    for message in request.messages:
        if message.role == "user":
            turns.append(Turn(question=message.text()))
        elif message.role == "assistant" and turns and turns[-1].answer is None:
            turns[-1] = Turn(question=turns[-1].question, answer=_strip_sources(message.text()))
    if not turns or not turns[-1].question.strip():
        raise ApiError(422, "invalid_request", "the last user message (the question) is missing or empty")
    return turns[-1].question, turns[:-1]


def _cited_lines(citation: Citation) -> str:
    if citation.end_line == citation.line:
        return f"第 {citation.line} 行"
    return f"第 {citation.line}–{citation.end_line} 行"


def with_sources(response: AnswerResponse) -> str:
    """The answer followed by a 來源 list: one line per citation, with document, lines and quote."""
    if not response.citations:
        return response.answer
    sources = [f"[{c.id}] {escape_source_brackets(c.title)}（{c.file} {_cited_lines(c)}）："
               f"「{escape_source_brackets(c.quote)}」" for c in response.citations]
    return "\n".join([response.answer, "", SOURCES_HEADING, *sources])


def _extras(response: AnswerResponse) -> dict:
    return {"citations": [c.model_dump(mode="json") for c in response.citations],
            "items": [i.model_dump(mode="json") for i in response.items],
            "refused": response.refused, "filters": response.filters}


def message_completion(content: str, prompt: str = "") -> dict:
    """A non-streaming completion of `content`; `prompt` (the messages' text) is counted in `usage`."""
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": MODEL_ID,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": usage(prompt, content),
    }


def completion(response: AnswerResponse, prompt: str = "") -> dict:
    return {**message_completion(with_sources(response), prompt), **_extras(response)}


def content_chunks(content: str, prompt: str = "", extras: dict | None = None) -> Iterator[dict]:
    """The role, then the content in pieces, then a last chunk with finish_reason, `usage` and the extras."""
    base = {"id": f"chatcmpl-{uuid.uuid4().hex}", "object": "chat.completion.chunk",
            "created": int(time.time()), "model": MODEL_ID}

    def chunk(delta: dict, finish_reason: str | None = None, **extra: object) -> dict:
        return {**base, "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}], **extra}

    yield chunk({"role": "assistant", "content": ""})
    for piece in pieces(content):
        yield chunk({"content": piece})
    yield chunk({}, "stop", usage=usage(prompt, content), **(extras or {}))


def completion_chunks(response: AnswerResponse, prompt: str = "") -> Iterator[dict]:
    return content_chunks(with_sources(response), prompt, _extras(response))


def model_list() -> dict:
    return {"object": "list",
            "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "policy-qa"}]}
