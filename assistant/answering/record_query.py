"""Exact queries over the records for list, count and lookup questions: never top-k.

Filters become SQL conditions where equality fits (agency roles, status, year, group, code) and
Python checks over the query result where it does not (substrings of 類別 and 綱要, KPI names,
target outcomes). Results keep source order (file, line).
"""

from collections.abc import Callable

from assistant.answering.context import KIND_RECORD_TYPES, Request
from assistant.answering.terms import squash
from assistant.index.records_db import Condition
from assistant.parsing.models import KpiResult, ProgressItem, Record, StrategyKpi
from assistant.understanding.models import QuestionFilters

# The 000 columns each agency role reads; a KPI role on 000 rows means either column.
_ROLE_FIELDS = {"lead": ("lead_agency",), "co": ("co_agencies",), "lead_or_co": ("lead_agency", "co_agencies")}


def infer_record_type(request: Request) -> str:
    """The record type a list, count or lookup is about, from the reading (understanding's choice first)."""
    f = request.filters
    if f.record_type:
        return f.record_type
    kinds = {request.document(name).info.kind for name in f.files if name in request.sources.documents}
    for kind in sorted(kinds):  # a performance report yields budget figures too, but lists are of its goals
        types = KIND_RECORD_TYPES.get(kind, ())
        if types:
            return "performance_goal" if kind == "performance_report" else types[0]
    years = set(f.years)
    kpi_years = set(request.sources.record_years.get("kpi_result", ()))
    if f.agency_role in ("lead", "co", "lead_or_co") or f.status or f.category or f.outline or \
            f.subject == "item" or f.item_no is not None or f.has_co_agency is not None:
        return "progress_item"
    if f.kpi_code or f.kpi_name or f.goal_code or f.agency_role == "kpi" or f.group or f.subject in ("kpi", "goal") \
            or f.target_met is not None or f.rating or f.wccd:
        if years & kpi_years or (f.group and f.group in _result_groups(request) and 107 not in years):
            return "kpi_result"
        return "strategy_kpi"
    if years and years <= set(request.sources.record_years.get("strategy_kpi", ())):
        return "strategy_kpi"
    return "progress_item"


def _result_groups(request: Request) -> set[str]:
    return {r.group for r in request.sources.index.records.query("kpi_result")}


def _agency_query(request: Request, record_type: str, base: list[Condition]) -> list[Record]:
    """Records of `record_type` where the asked agency has the asked role (union of roles, source order)."""
    f, store = request.filters, request.sources.index.records
    if not f.agency:
        return store.query(record_type, base)
    if record_type == "progress_item":
        fields = _ROLE_FIELDS.get(f.agency_role or "lead_or_co", _ROLE_FIELDS["lead_or_co"])
    elif record_type == "strategy_kpi":
        fields = ("agencies",)
    else:
        fields = ("agency",)
    found: dict[tuple[str, int], Record] = {}
    for name in fields:
        for record in store.query(record_type, [*base, Condition(name, f.agency)]):
            found.setdefault((record.file, record.line, getattr(record, "year_roc", 0), record.label()), record)
    return sorted(found.values(), key=lambda r: (r.file, r.line, getattr(r, "year_roc", 0)))


def kpi_matches(f: QuestionFilters, record: StrategyKpi | KpiResult) -> bool:
    """The record is the KPI (or under the goal) the filters name; a code without `.n` is a goal code."""
    code = f.kpi_code if f.kpi_code and "." in f.kpi_code else None
    goal = f.goal_code or (f.kpi_code if f.kpi_code and "." not in f.kpi_code else None)
    if code and squash(record.kpi_code) != squash(code):
        return False
    if goal and squash(record.goal_code) != squash(goal):
        return False
    if f.goal_name and squash(f.goal_name) not in squash(record.goal_name):
        return False
    return not f.kpi_name or squash(f.kpi_name) in squash(record.kpi_name)


def _outcome_matches(f: QuestionFilters, record: KpiResult) -> bool:
    """Met means 目標達成度 ≥ 100%; a KPI with no reported achievement is neither met nor missed."""
    if f.target_met is not None:
        if record.achievement is None or (record.achievement >= 100) != f.target_met:
            return False
    return f.rating is None or record.rating == f.rating


def select(request: Request, record_type: str) -> list[Record]:
    """Every record of `record_type` that satisfies the question's filters."""
    f = request.filters
    base: list[Condition] = []
    checks: list[Callable[[Record], bool]] = []
    if f.files:
        checks.append(lambda r: r.file in f.files)
    if f.years and record_type != "performance_goal":
        checks.append(lambda r: getattr(r, "year_roc", None) in f.years)
    if record_type == "progress_item":
        if f.status:
            base.append(Condition("status_code", f.status))
        if f.category:
            checks.append(lambda r: squash(f.category) in squash(r.category))
        if f.outline:
            checks.append(lambda r: squash(f.outline) in squash(r.outline))
        if f.has_co_agency is not None:  # a row whose agency cells were lost (no lead) has no known co-agency
            checks.append(lambda r: bool(r.co_agencies) == f.has_co_agency and r.lead_agency is not None)
        if f.item_no is not None:
            checks.append(lambda r: f.item_no in (r.item_no, r.item_no_inferred))
    elif record_type == "strategy_kpi":
        if f.group:
            base.append(Condition("theme_code", f.group))
        if f.wccd is not None:
            checks.append(lambda r: r.wccd == f.wccd)
        checks.append(lambda r: kpi_matches(f, r))
    elif record_type == "kpi_result":
        if f.group:
            base.append(Condition("group", f.group))
        checks.append(lambda r: kpi_matches(f, r))
        checks.append(lambda r: _outcome_matches(f, r))
    elif record_type == "performance_goal":
        if f.goal_name:
            checks.append(lambda r: squash(f.goal_name) in squash(r.goal))
    records = _agency_query(request, record_type, base)
    return [r for r in records if all(check(r) for check in checks)]


def unnamed_rows(request: Request) -> list[ProgressItem]:
    """The 000 rows whose 政策項目 name was lost (item_no None): a known gap answers must mention."""
    return [r for r in request.sources.index.records.query("progress_item") if r.item_no is None]
