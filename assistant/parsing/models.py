"""Typed records and passages. Every one carries the file and the 1-based line range it came from,
and its document's period and series, so rows of two periods of one series never mix unlabelled.

Field names are English; `FIELD_ALIASES` maps the Chinese column names a user types
(`主辦=社會局`) onto them. Years and agencies come from the document and its manifest entry, never
from a default here.
"""

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from assistant.corpus.manifest import Document
from assistant.corpus.period import Period


class Record(BaseModel):
    """A row of data with exact provenance. Subclasses set `record_type`."""

    model_config = ConfigDict(frozen=True)
    record_type: ClassVar[str]

    file: str
    line: int = Field(description="1-based first line in the file")
    end_line: int = Field(description="1-based last line in the file (inclusive)")
    period: Period = Field(description="the period of the document the record comes from")
    series: str | None = Field(description="the document's series (manifest `series`), if any")

    def fields(self) -> dict:
        """The record as plain JSON-ready data, with its type."""
        return {"record_type": self.record_type, **self.model_dump(mode="json")}

    def label(self) -> str:
        """A one-line human description, for warnings and answer lists."""
        raise NotImplementedError


def provenance(doc: Document) -> dict:
    """The fields every record takes from its document: file, period and series."""
    return {"file": doc.file, "period": doc.period, "series": doc.info.series}


class ProgressItem(Record):
    """One data row of a half-yearly progress table (白皮書 辦理情形): a 政策項目 with its agencies and status."""

    record_type: ClassVar[str] = "progress_item"
    year_roc: int = Field(description="the year the table reports on (its period's year)")
    item_no: int | None = Field(description="政策項目 number; None where the row's item name was lost")
    item_no_inferred: int | None = Field(None, description="number implied by position for an unnamed row")
    item_name: str | None
    item_cell: str | None = Field(None, description="the 政策項目 cell as printed, number and name (12、建構…)")
    category: str | None = Field(description="類別, forward-filled")
    domain: str | None = Field(description="領域 as printed on this row (blank on continuation rows)")
    outline: str | None = Field(description="綱要 as printed on this row")
    lead_agency: str | None = Field(description="主辦, canonical")
    co_agencies: list[str] = Field(default_factory=list, description="協辦, canonical; empty for '-'")
    target: str = Field(description="年度目標")
    work_items: str = Field(description="重要工作項目")
    results: str = Field(description="辦理情形及成果 of the period")
    status_code: Literal["A", "B"]
    status_label: str

    def label(self) -> str:
        """The item as the table prints it, so a quote of the label is a quote of the row."""
        if self.item_cell:
            return self.item_cell
        number = f"#{self.item_no}" if self.item_no is not None else "(項目名稱缺漏)"
        return f"{number} {self.item_name or ''}".strip()


class StrategyKpi(Record):
    """One KPI of a strategy map (施政綱要): names and responsible agencies, no values."""

    record_type: ClassVar[str] = "strategy_kpi"
    year_roc: int = Field(description="the year of the strategy map (its period's year)")
    theme_code: str = Field(description="A–H, or T for 共通性參考指標")
    theme_name: str
    perspective: Literal["顧客", "內部流程", "學習成長", "財務"]
    goal_code: str
    goal_name: str
    kpi_code: str
    kpi_name: str
    agencies: list[str] = Field(description="KPI 主責局處, canonical")
    agencies_raw: str = Field(description="the cell as printed, continuation lines joined")
    wccd: bool = Field(description="marked (WCCD): a World Council on City Data indicator")

    def label(self) -> str:
        return f"{self.kpi_code} {self.kpi_name}"


class KpiResult(Record):
    """One (document, year, KPI) of the group reports (002, 003): target, actual, achievement, rating.

    A KPI code alone is not a key: codes are reused with other meanings across years and documents.
    Raw texts are kept beside every parsed number.
    """

    record_type: ClassVar[str] = "kpi_result"
    group: str = Field(description="施政 group letter, D or E")
    year_roc: int
    kpi_code: str
    kpi_name: str
    goal_code: str | None = None
    goal_name: str | None = None
    perspective: str | None = None
    target: float | None = None
    target_raw: str | None = None
    actual: float | None = None
    actual_raw: str | None = None
    achievement: float | None = Field(None, description="目標達成度 in percent")
    achievement_raw: str | None = None
    rating: str | None = Field(None, description="自評燈號 as a word: 優/良/可/差/不明")
    rating_raw: str | None = None
    score: float | None = Field(None, description="KPI總得分 / 加權平均")
    agency: str | None = Field(None, description="responsible agency, canonical, where known")
    value_line: int | None = Field(None, description="the line holding the value, for citations")

    def label(self) -> str:
        return f"{self.year_roc}年 {self.kpi_code} {self.kpi_name}"


class BudgetFigure(Record):
    """One cell of a performance report's budget or staffing table: a row label in one year."""

    record_type: ClassVar[str] = "budget_figure"
    table: Literal["預算", "人力"]
    item: str = Field(description="row label as printed, e.g. 預算, 決算, 執行率, 職員")
    year_roc: int
    value: float | None
    value_raw: str
    unit: str | None = Field(description="百萬元, 千元, %, 人 …; None where the table states none")
    agency: str = Field(description="the reporting agency, from the document's issuer")

    def label(self) -> str:
        return f"{self.year_roc}年 {self.item}"


class PerformanceGoal(Record):
    """One row of a performance report's goal table, with page-break splits joined."""

    record_type: ClassVar[str] = "performance_goal"
    year_roc: int = Field(description="the year the report covers (its period's year)")
    agency: str = Field(description="the reporting agency, from the document's issuer")
    goal: str = Field(description="年度目標, forward-filled over page breaks")
    strategy: str = Field(description="推動策略/作為")
    results: str = Field(description="達成效益/成果")
    future: str = Field(description="未來精進方向")

    def label(self) -> str:
        first = self.strategy.strip().split("\n", 1)[0]
        return f"{self.goal}: {first[:30]}"


RECORD_TYPES: dict[str, type[Record]] = {
    cls.record_type: cls for cls in (ProgressItem, StrategyKpi, KpiResult, BudgetFigure, PerformanceGoal)
}

# Chinese column names (and short English ones) that users type in filters.
FIELD_ALIASES: dict[str, str] = {
    "主辦": "lead_agency",
    "協辦": "co_agencies",
    "主責": "agencies",
    "status": "status_code",
    "辦理等級": "status_code",
    "狀態": "status_code",
    "類別": "category",
    "領域": "domain",
    "綱要": "outline",
    "項次": "item_no",
    "政策項目": "item_name",
    "年度": "year_roc",
    "year": "year_roc",
    "type": "record_type",
}


class Passage(BaseModel):
    """A span of original lines, searchable as text.

    `text` is the original lines verbatim (so quotes can be checked against the file);
    `context` is a short heading (document, section, item) that helps retrieval.
    """

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="stable id: file:line-end_line[#part]")
    file: str
    line: int
    end_line: int
    text: str
    context: str = ""
    kind: str = Field("text", description="text, table_row, kpi, heading …")
    period: Period | None = Field(None, description="the document's period (set for every corpus passage)")
    series: str | None = None
