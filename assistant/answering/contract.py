"""The response contract: what `assistant ask --json` prints and `POST /api/ask` returns, field for field."""

from typing import Literal

from pydantic import BaseModel, Field

AnswerKind = Literal["list", "count", "lookup", "free", "refusal"]
Mode = Literal["answer", "draft"]


class Turn(BaseModel):
    """An earlier question in the conversation; the server keeps no state, so clients send these back."""

    question: str
    answer: str | None = None
    filters: dict | None = Field(None, description="the previous response's filters, if the client kept them")


class Citation(BaseModel):
    id: int = Field(description="the n of the [n] marker in the answer text")
    file: str = Field(description="corpus file name")
    line: int = Field(description="1-based first line")
    end_line: int = Field(description="1-based last line (inclusive)")
    quote: str = Field(description="an exact substring of those lines' original text")
    title: str = Field(description="the document's title")


class Item(BaseModel):
    label: str
    fields: dict
    citations: list[int]


class Part(BaseModel):
    """One ask of a compound question (「消防局主辦的有幾項？其中已完成幾項？」 has two)."""

    question: str = Field(description="the ask as typed")
    kind: AnswerKind
    refused: bool
    refusal_rule: str | None = Field(None, description="for a refused part, the scope rule that applied")
    items: list[int] = Field(default_factory=list, description="indexes into the response's items")


class AnswerResponse(BaseModel):
    question: str
    answer: str = Field(description="Markdown with [n] citation markers")
    kind: AnswerKind = Field(description="the first part's kind (a refusal only when every part is refused)")
    refused: bool = Field(description="true when every part is refused")
    filters: dict = Field(description="how the question was read: the last ask's reading, every ask under `asks`")
    items: list[Item] = Field(default_factory=list, description="every matching record of every part, in order")
    citations: list[Citation] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list, description="one per ask, in order")
