"""Name what a list or count question asked for, in words: 「社會局主辦、狀態為B執行中的政策項目」.

The same phrase heads the answer, fills the draft template and says what a zero result means,
so a reader can check at a glance that the question was read as meant.
"""

from assistant.answering.context import Request
from assistant.answering.language import agency_label, pick, status_label, year_span

_ROLE_ZH = {"lead": "主辦", "co": "協辦", "lead_or_co": "主辦或協辦"}
_ROLE_EN = {"lead": "led by", "co": "co-organised by", "lead_or_co": "led or co-organised by"}


def counts_goals(request: Request, record_type: str) -> bool:
    """A 107 question that enumerates 策略目標 rather than KPIs."""
    return record_type == "strategy_kpi" and request.filters.subject == "goal"


def _progress(request: Request) -> str:
    f, lang = request.filters, request.lang
    agency = agency_label(request.sources.lexicon, f.agency, lang) if f.agency else ""
    role = f.agency_role if f.agency_role in _ROLE_ZH else "lead_or_co"
    no_co = f.has_co_agency is False
    if lang == "en":
        parts = ["white-paper items"]
        if f.agency:
            parts.append(f"{_ROLE_EN[role]} {agency}")
        if f.status:
            parts.append(f"with status {status_label(f.status, lang)}")
        if f.category:
            parts.append(f"in category 「{f.category}」")
        if f.outline:
            parts.append(f"under outline 「{f.outline}」")
        if no_co:
            parts.append("with no co-organiser")
        if f.item_no is not None:
            parts.append(f"numbered #{f.item_no}")
        return " ".join(parts)
    parts = []
    if f.agency:
        parts.append(f"{agency}{_ROLE_ZH[role]}")
    if f.status:
        parts.append(f"狀態為{status_label(f.status, lang)}")
    if f.category:
        parts.append(f"類別含「{f.category}」")
    if f.outline:
        parts.append(f"綱要含「{f.outline}」")
    if no_co:
        parts.append("沒有協辦機關")
    if f.item_no is not None:
        parts.append(f"編號#{f.item_no}")
    return ("、".join(parts) + "的" if parts else "") + "政策項目"


def _kpis(request: Request, record_type: str) -> str:
    f, lang = request.filters, request.lang
    years = f.years or list(request.sources.record_years.get(record_type, ()))
    when = year_span(years, lang)
    agency = agency_label(request.sources.lexicon, f.agency, lang) if f.agency else ""
    goal = f.goal_code or (f.kpi_code if f.kpi_code and "." not in f.kpi_code else None)
    goals = counts_goals(request, record_type)
    if lang == "en":
        parts = [f"{when} {'strategic goals' if goals else 'KPIs'}"]
        if f.group:
            parts.append(f"of {'theme' if record_type == 'strategy_kpi' else 'group'} {f.group}")
        if goal:
            parts.append(f"under goal {goal}")
        if f.agency:
            parts.append(f"with {agency} responsible")
        if f.wccd:
            parts.append("marked WCCD")
        if f.target_met is not None:
            parts.append("that met their target" if f.target_met else "that did not meet their target")
        if f.rating:
            parts.append(f"rated 「{f.rating}」")
        return " ".join(parts)
    scope = when + (f"{f.group}{'主題' if record_type == 'strategy_kpi' else '組'}" if f.group else "")
    parts = []
    if goal:
        parts.append(f"策略目標{goal}之下")
    if f.agency:
        parts.append(f"{agency}主責")
    if f.wccd:
        parts.append("屬WCCD指標")
    if f.target_met is not None:
        parts.append("達成目標值" if f.target_met else "未達目標值")
    if f.rating:
        parts.append(f"自評燈號為「{f.rating}」")
    return scope + ("、".join(parts) + "的" if parts else "") + ("策略目標" if goals else "KPI")


def describe(request: Request, record_type: str) -> str:
    """The asked-for set as a noun phrase in the answer language."""
    if record_type == "progress_item":
        return _progress(request)
    if record_type in ("strategy_kpi", "kpi_result"):
        return _kpis(request, record_type)
    if record_type == "performance_goal":
        return pick(request.lang, "秘書處112年度的重要年度施政目標", "the Secretariat's key goals for ROC 112")
    return pick(request.lang, "預算及員額數字", "budget and staffing figures")
