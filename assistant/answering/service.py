"""Placeholder: being written. The facade every interface (CLI, HTTP, evals) calls."""

from assistant.answering.contract import AnswerResponse, Mode, Turn
from assistant.config import Settings
from assistant.index.store import SearchIndex


class Assistant:
    def __init__(self, index: SearchIndex, settings: Settings):
        self.index = index
        self.settings = settings

    def ask(self, question: str, history: list[Turn] | None = None, mode: Mode = "answer",
            filters: dict | None = None) -> AnswerResponse:
        return AnswerResponse(question=question, answer="（尚未實作）", kind="refusal", refused=True, filters={})
