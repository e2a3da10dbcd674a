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


class AnswerResponse(BaseModel):
    question: str
    answer: str = Field(description="Markdown with [n] citation markers")
    kind: AnswerKind
    refused: bool
    filters: dict = Field(description="how the question was read")
    items: list[Item] = Field(default_factory=list, description="every matching record, for list and count")
    citations: list[Citation] = Field(default_factory=list)
