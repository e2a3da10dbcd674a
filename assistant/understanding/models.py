"""How a question was read: its intent and the filters it implies. Shown to users in every response."""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Intent = Literal["list", "count", "lookup", "free", "out_of_scope"]
AgencyRole = Literal["lead", "co", "lead_or_co", "kpi"]


class QuestionFilters(BaseModel):
    """Exact constraints read from the question (and carried over from earlier turns)."""

    model_config = ConfigDict(extra="forbid")

    agency: str | None = Field(None, description="canonical agency name")
    agency_role: AgencyRole | None = Field(None, description="主辦 (lead), 協辦 (co), either, or KPI 主責")
    status: Literal["A", "B"] | None = Field(None, description="A 已完成或例行性業務, B 執行中")
    years: list[int] = Field(default_factory=list, description="ROC years asked about")
    files: list[str] = Field(default_factory=list, description="corpus files the question is scoped to")
    record_type: str | None = Field(None, description="progress_item, strategy_kpi, kpi_result, budget_figure, performance_goal")
    kpi_code: str | None = None
    kpi_name: str | None = None
    group: str | None = Field(None, description="施政 group or theme letter (A–H, T)")
    category: str | None = Field(None, description="類別 text to match")
    outline: str | None = Field(None, description="綱要 text to match")
    topic: list[str] = Field(default_factory=list, description="remaining content words")


class Understanding(BaseModel):
    """The full reading of one question."""

    question: str = Field(description="the question as typed")
    normalized: str = Field(description="Traditional script, normalised: what matching runs on")
    language: Literal["zh", "en"]
    intent: Intent
    filters: QuestionFilters
    follow_up: bool = Field(False, description="filters were carried over from the history")
    out_of_scope_reason: str | None = Field(None, description="why the corpus cannot answer, when intent is out_of_scope")
