"""Request and response bodies of the `/api` routes (the answer itself is `AnswerResponse`, the contract)."""

from pydantic import BaseModel, ConfigDict, Field, field_validator

from assistant.answering.contract import Mode, Turn

MAX_HISTORY_TURNS = 50


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"question": "社會局主辦、仍為B執行中的項目有哪些？"},
                     {"question": "其中哪些已完成？",
                      "history": [{"question": "社會局主辦的項目有哪些？"}]}]})

    question: str = Field(description="the question, in any script; longer than max_question_chars is 413")
    history: list[Turn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS,
                                description="earlier turns, oldest first; the server keeps no conversation")
    mode: Mode = Field("answer", description="answer, or draft: a press-response draft built on the same facts")
    filters: dict | None = Field(None, description="explicit filters that override the reading of the question")

    @field_validator("question")
    @classmethod
    def _not_blank(cls, question: str) -> str:
        if not question.strip():
            raise ValueError("the question is empty")
        return question


class SearchHitOut(BaseModel):
    rank: int
    id: str
    file: str
    line: int
    end_line: int
    title: str
    context: str
    text: str
    score: float = Field(description="reciprocal-rank-fused score")
    retrievers: dict[str, int] = Field(description="rank of the passage in each retriever that found it")
    bm25_score: float
    dense_score: float


class SearchResponse(BaseModel):
    query: str
    k: int
    hits: list[SearchHitOut]


class RecordsPage(BaseModel):
    total: int
    page: int
    per_page: int
    pages: int
    records: list[dict] = Field(description="each record's fields, with record_type, file, line and end_line")


class CellOut(BaseModel):
    label: str = Field(description="the column's name in the table's header row, as printed")
    text: str


class LineOut(BaseModel):
    number: int
    text: str
    cited: bool = Field(description="inside the requested from–to range (the rest is context)")
    location: str | None = Field(None, description="where the line is in the original file of a converted "
                                                   "document: 工作表「…」第 N 列, 第 P 頁表 T 第 R 列 …")
    cells: list[CellOut] | None = Field(None, description="for a cited table row, its cells named by the table's "
                                                          "header row (None for other lines)")


class LinesResponse(BaseModel):
    file: str
    title: str
    from_: int = Field(alias="from", serialization_alias="from")
    to: int
    total_lines: int
    lines: list[LineOut]

    model_config = ConfigDict(populate_by_name=True)


class Health(BaseModel):
    status: str = "ok"


class Readiness(BaseModel):
    ready: bool
    state: str = Field(description="starting, building, ready, failed, or database_unavailable (ready, but the "
                       "shared database cannot be reached now)")
    message: str
    index_version: str | None = None
    documents: int | None = None
