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


class Chart(BaseModel):
    """A chart of the answer's own records: the rows it plots and a Vega-Lite spec that draws them.

    `spec` carries no data; a client draws it with `data` as its values (the page does, with
    vega-embed). Every value in `data` comes from a record the answer cites."""

    kind: Literal["group_counts", "kpi_trend", "budget_trend"] = Field(
        description="group_counts: items per group (and status); kpi_trend: KPI target against actual by year; "
                    "budget_trend: budget and staff figures by year")
    title: str
    description: str = Field(description="the chart in one sentence, for screen readers and as alt text")
    data: list[dict] = Field(description="the plotted rows, flat JSON objects")
    spec: dict = Field(description="a Vega-Lite v6 spec without data; draw it with `data` as its values")


class PressRelease(BaseModel):
    """Draft mode's 新聞稿: headline, lead, body in plain prose (no [n] inside sentences), then the
    sources as numbered notes (note n is citation n)."""

    title: str = Field(description="標題")
    lead: str = Field(description="導言: who, what, when")
    body: list[str] = Field(description="paragraphs stating the facts in plain prose")
    sources: list[str] = Field(description="資料來源: one numbered note per citation, in citation order")


class AnswerResponse(BaseModel):
    question: str
    answer: str = Field(description="Markdown with [n] citation markers")
    kind: AnswerKind = Field(description="the first part's kind (a refusal only when every part is refused)")
    refused: bool = Field(description="true when every part is refused")
    filters: dict = Field(description="how the question was read: the last ask's reading, every ask under `asks`")
    items: list[Item] = Field(default_factory=list, description="every matching record of every part, in order")
    citations: list[Citation] = Field(default_factory=list)
    parts: list[Part] = Field(default_factory=list, description="one per ask, in order")
    summary: str = Field("", description="the answer without the lines that repeat `items` one by one: what a "
                                         "client that shows `items` as a table puts above it (equal to `answer` "
                                         "when nothing is itemised)")
    chart: Chart | None = Field(None, description="a chart of the records behind the answer, when they have one")
    draft: PressRelease | None = Field(None, description="in draft mode, the press release the answer text spells out")
