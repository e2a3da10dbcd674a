"""The system under evaluation: the library in this process, or a running server over HTTP.

Both return the same `AnswerResponse`, so the harness scores them identically.
"""

from typing import Protocol

import httpx
from pydantic import ValidationError

from assistant.answering.contract import AnswerResponse, Turn
from assistant.answering.service import Assistant
from assistant.errors import EvaluationError

ASK_PATH = "/api/ask"


class Target(Protocol):
    """Something that answers a question in a conversation."""

    description: str

    def ask(self, question: str, history: list[Turn]) -> AnswerResponse: ...


class LibraryTarget:
    """`Assistant.ask` in this process, in answer mode."""

    def __init__(self, assistant: Assistant) -> None:
        self._assistant = assistant
        self.description = "library"

    def ask(self, question: str, history: list[Turn]) -> AnswerResponse:
        return self._assistant.ask(question, history=history or None, mode="answer")


class ApiTarget:
    """`POST /api/ask` on a running server; a non-2xx status or a body off the contract is an error."""

    def __init__(self, base_url: str, api_key: str | None = None, timeout_s: float = 60.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(base_url=base_url.rstrip("/"), headers=headers, timeout=timeout_s,
                                    transport=transport)
        self.description = f"api {base_url}"

    def ask(self, question: str, history: list[Turn]) -> AnswerResponse:
        body = {"question": question, "history": [t.model_dump(exclude_none=True) for t in history],
                "mode": "answer"}
        try:
            response = self._client.post(ASK_PATH, json=body)
        except httpx.HTTPError as exc:
            raise EvaluationError(f"cannot reach {self._client.base_url}{ASK_PATH}: {exc}") from exc
        if response.status_code >= 300:
            raise EvaluationError(f"HTTP {response.status_code} from {ASK_PATH}: {response.text[:200]}")
        try:
            return AnswerResponse.model_validate(response.json())
        except (ValueError, ValidationError) as exc:
            raise EvaluationError(f"{ASK_PATH} returned a body that is not an AnswerResponse: {exc}") from exc

    def close(self) -> None:
        self._client.close()
