"""How a question was read: its asks, each with an intent, the filters it implies and what it linked.

The answering stage puts the last ask's `Understanding.model_dump(mode="json")` into the response's
`filters` (with every ask under `asks`), and a client sends it back as `Turn.filters` so that a
follow-up can reuse it (see `followup.py`). Every field defaults to "not asked", so older dumps
still validate.
"""

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Intent = Literal["list", "count", "group", "lookup", "free"]
AgencyRole = Literal["lead", "co", "lead_or_co", "kpi"]
Subject = Literal["item", "kpi", "goal"]


class YearComparison(BaseModel):
    """A field's value in one year against another's (111年目標值比110年低: target in 111 < in 110)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str = Field(description="record_type.field")
    year: int = Field(description="the year whose value is compared (ROC)")
    than: int = Field(description="the year it is compared with (ROC)")
    op: Literal["<", ">"]
    text: str = Field(description="the phrase as typed, for the answer to repeat")


class Threshold(BaseModel):
    """A bound on a numeric field (達成度超過100%: achievement > 100), as the ask typed it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str = Field(description="record_type.field")
    op: Literal[">", ">=", "<", "<="]
    value: float
    text: str = Field(description="the phrase as typed, for the answer to repeat")


class Superlative(BaseModel):
    """The records with the highest or lowest value of a numeric field (達成度最高), as the ask typed it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    field: str = Field(description="record_type.field")
    order: Literal["max", "min"]
    text: str = Field(description="the phrase as typed, for the answer to repeat")


class QuestionFilters(BaseModel):
    """Exact constraints read from an ask (and carried over from earlier asks and turns)."""

    model_config = ConfigDict(extra="forbid")

    agency: str | None = Field(None, description="canonical agency name")
    with_agencies: list[str] = Field(default_factory=list, description="agencies a row must also involve, in any "
                                     "role (教育局和文化局一起負責)")
    agency_role: AgencyRole | None = Field(None, description="主辦 (lead), 協辦 (co), either, or KPI 主責")
    status: str | None = Field(None, description="status code as the records print it (A, B)")
    years: list[int] = Field(default_factory=list, description="ROC years asked about")
    periods: list[str] = Field(default_factory=list, description="half years asked about, as printed (112年下半年)")
    files: list[str] = Field(default_factory=list, description="corpus files the ask is scoped to")
    record_type: str | None = Field(None, description="progress_item, strategy_kpi, kpi_result, budget_figure, "
                                                      "performance_goal, or strategy_goal (the goals of KPIs)")
    kpi_code: str | None = None
    kpi_name: str | None = Field(None, description="KPI name as a record prints it")
    group: str | None = Field(None, description="施政 group or theme letter (A–H, T)")
    category: str | None = Field(None, description="類別 as printed")
    outline: str | None = Field(None, description="綱要 as printed")
    domain: str | None = Field(None, description="領域 as printed")
    perspective: list[str] = Field(default_factory=list, description="KPI 構面 as printed (顧客, 內部流程 …)")
    topic: list[str] = Field(default_factory=list, description="content words not linked to a name")
    names: list[str] = Field(default_factory=list, description="text a row's name must contain")
    about: list[str] = Field(default_factory=list, description="what a row must be about (any one): words its "
                             "name, headings or target hold (跟長照有關的 → 長照)")
    items: list[str] = Field(default_factory=list, description="政策項目 named in the ask, as printed")
    subject: Subject | None = Field(None, description="what a list or count enumerates")
    goal_code: str | None = Field(None, description="策略目標 code such as DP3")
    goal_name: str | None = Field(None, description="策略目標 or 年度目標 name as printed")
    measures: list[str] = Field(default_factory=list, description="fields asked for: target, actual, lead_agency …")
    show: list[str] = Field(default_factory=list, description="fields to show for every listed row")
    rows: list[str] = Field(default_factory=list, description="table row labels asked for (預算, 職員 …)")
    tables: list[str] = Field(default_factory=list, description="tables asked for whole, by their names (人力)")
    thresholds: list[Threshold] = Field(default_factory=list, description="bounds on numeric fields")
    superlative: Superlative | None = Field(None, description="keep the records at a numeric field's extreme")
    facts: list[str] = Field(default_factory=list, description="document facts asked for: presenter, date, as_of, parts")
    target_met: bool | None = Field(None, description="KPIs that met (True) or missed (False) their target")
    rating: str | None = Field(None, description="自評燈號 word: 優, 良, 可, 差 or 不明")
    wccd: bool | None = Field(None, description="only KPIs marked (WCCD)")
    has_co_agency: bool | None = Field(None, description="rows with (True) or without (False) another agency: a 政策項目's 協辦, "
                                         "a catalogue KPI's second 主責")
    lacking: list[str] = Field(default_factory=list, description="fields the rows report no value in (沒有實際值)")
    unchanged: list[str] = Field(default_factory=list, description="fields a KPI holds the same value in through "
                                 "every asked year (目標值都沒調整)")
    year_compare: list[YearComparison] = Field(default_factory=list, description="a KPI's field in one year "
                                               "against another year (111年目標值比110年低)")
    item_nos: list[int] = Field(default_factory=list, description="政策項目 numbers (第31項, #31, 第30到34項)")
    group_by: str | None = Field(None, description="field a breakdown groups by")
    extreme: bool = Field(False, description="the breakdown's top group is the answer (哪個…最多)")
    compare: bool = Field(False, description="compare two periods of one series: the rows whose status changed")


class LinkInfo(BaseModel):
    """One corpus name the ask mentions, as shown to users."""

    kind: str
    text: str = Field(description="the name as the corpus prints it")
    typed: str = Field(description="what the question typed")
    how: str = Field(description="exact, edit (a typo), fragment (part of the name), english, code, semantic")
    score: float


class Understanding(BaseModel):
    """The reading of one ask."""

    question: str = Field(description="the ask as typed (the whole question for a one-part question)")
    normalized: str = Field(description="Traditional script, normalised: what matching runs on")
    language: Literal["zh", "en"]
    intent: Intent
    filters: QuestionFilters
    follow_up: bool = Field(False, description="filters were carried over from an earlier ask or turn")
    narrows: bool = Field(False, description="the ask narrows the earlier set (其中, of these)")
    links: list[LinkInfo] = Field(default_factory=list)
    counted: str | None = Field(None, description="what a count counts when it is not a record noun (幾項MOU)")
