"""How a question was read: its intent and the filters it implies. Shown to users in every response.

The answering stage puts `Understanding.model_dump(mode="json")` into the response's `filters`, and a
client sends it back as `Turn.filters` so that a follow-up can reuse it (see `followup.py`). Every
field after `topic` is optional and defaults to "not asked", so older dumps still validate.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Intent = Literal["list", "count", "lookup", "free", "out_of_scope"]
AgencyRole = Literal["lead", "co", "lead_or_co", "kpi"]
Subject = Literal["item", "kpi", "goal"]
Measure = Literal["target", "actual", "achievement", "rating", "score"]


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
    kpi_name: str | None = Field(
        None, description="KPI name as a record prints it; documents differ in punctuation ((兩年一次) vs "
                          "（兩年一次）), so compare after assistant.text.normalize")
    group: str | None = Field(None, description="施政 group or theme letter (A–H, T)")
    category: str | None = Field(None, description="類別 text to match")
    outline: str | None = Field(None, description="綱要 text to match")
    topic: list[str] = Field(default_factory=list, description="remaining content words")

    subject: Subject | None = Field(
        None, description="what a list or count enumerates: 政策項目 rows, KPIs, or goals (策略目標/年度目標)")
    goal_code: str | None = Field(None, description="策略目標 code such as DP3 (a KPI code without its .n)")
    goal_name: str | None = Field(None, description="策略目標 name (001–003) or 年度目標 (004), as the records print it")
    measures: list[Measure] = Field(
        default_factory=list, description="KPI values asked for: 目標值, 實際值/達成值, 達成度, 自評燈號, 總得分")
    budget_items: list[str] = Field(
        default_factory=list, description="rows of the 秘書處 budget/staffing tables asked for, as printed (執行率, 合計 …)")
    target_met: bool | None = Field(None, description="KPIs that met (True) or missed (False) their target")
    rating: str | None = Field(None, description="自評燈號 word: 優, 良, 可, 差 or 不明")
    wccd: bool | None = Field(None, description="only KPIs marked (WCCD)")
    has_co_agency: bool | None = Field(None, description="False: 政策項目 with no 協辦 agency ('-')")
    item_no: int | None = Field(None, description="政策項目 number (第31項, #31)")


class Understanding(BaseModel):
    """The full reading of one question."""

    question: str = Field(description="the question as typed")
    normalized: str = Field(description="Traditional script, normalised: what matching runs on")
    language: Literal["zh", "en"]
    intent: Intent
    filters: QuestionFilters
    follow_up: bool = Field(False, description="filters were carried over from the history")
    out_of_scope_reason: str | None = Field(None, description="why the corpus cannot answer, when intent is out_of_scope")
