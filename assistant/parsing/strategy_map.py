"""Record parser for the 107年 strategy map (001): one `StrategyKpi` per KPI row.

The document has one 3-column table per theme (策略目標 | KPI | KPI 主責局處) plus a final
共通性參考指標 table. Cells spill over several physical lines, so a row is built as a draft that
later lines may extend, and only frozen into a record once the whole file is read. Each theme states
its own goal and KPI counts in an intro sentence; the parser checks itself against them.
"""

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.errors import ParseError
from assistant.parsing.models import StrategyKpi, provenance
from assistant.parsing.result import ParseResult

THEME_HEADING = re.compile(r"^#+\s*[一二三四五六七八九十]+、\s*(?P<name>.+?)\s*\((?P<code>[A-Z])\)\s*$")
COMMON_HEADING = re.compile(r"^#+\s*(?:\\?\*)?\s*(?P<name>共通性參考指標)\s*$")
COMMON_THEME_CODE = "T"
ANY_HEADING = re.compile(r"^#+\s")
STATED_COUNTS = re.compile(r"本項策略主題共\s*(?P<goals>\d+)\s*項策略目標、\s*(?P<kpis>\d+)\s*項關鍵績效指標")
# Dividers come with or without <b>, with or without 構面, and once as 學習成長(new).
DIVIDER = re.compile(r"^(?:<b>)?\s*(?P<perspective>顧客|內部流程|學習成長|財務)(?:構面)?\s*(?:\(new\))?\s*(?:</b>)?$")
KPI_CELL = re.compile(r"^(?P<code>[A-Z]{2}\d+\.\d+)\s*(?P<name>.*)$")
GOAL_CELL = re.compile(r"^(?P<code>[A-Z]{2}\d+)(?![.\d])\s*(?P<name>.*)$")
# A subscript belongs to the symbol before it (PM <sub>2.5</sub> → PM2.5); the space after it goes too
# unless a Latin word or number follows.
SUB_SUP = re.compile(r"\s*<(sub|sup)>\s*(?P<text>.*?)\s*</\1>(?:\s+(?![A-Za-z0-9]))?")
CJK = r"\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
SOFT_WRAP = re.compile(rf"(?<=[{CJK}])\s+(?=[{CJK}])")
WCCD = re.compile(r"[(（]\s*WCCD\s*[)）]", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Drop inline tags and the spaces that PDF wrapping left inside Chinese words.

    Spaces next to Latin words or numbers (`SOP 定期`, `107 年`) are real and stay.
    """
    text = SUB_SUP.sub(lambda m: m.group("text"), text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", text))
    return SOFT_WRAP.sub("", text)


@dataclass
class _Theme:
    code: str
    name: str
    line: int
    stated_goals: int | None = None
    stated_kpis: int | None = None


@dataclass
class _Goal:
    """Shared by every KPI under the goal, so a name continuation reaches all of them."""

    code: str
    name_parts: list[str]


@dataclass
class _Draft:
    """A KPI row still open to continuation lines."""

    theme: _Theme
    perspective: str
    goal: _Goal
    kpi_code: str
    line: int
    end_line: int
    name_parts: list[str] = field(default_factory=list)
    agency_parts: list[str] = field(default_factory=list)


@dataclass
class _TableState:
    """Where the reader is inside one theme table."""

    theme: _Theme
    perspective: str | None = None
    goal: _Goal | None = None
    current: _Draft | None = None


def _cells(line: str) -> tuple[str, str, str]:
    parts = [cell.strip() for cell in line.split("\t")] + ["", ""]
    return parts[0], parts[1], parts[2]


def _is_table_header(line: str) -> bool:
    first, second, _ = _cells(line)
    return first == "策略目標" and second.startswith("KPI")


def _read_row(state: _TableState, number: int, line: str, drafts: list[_Draft], warnings: list[str]) -> None:
    """Place one physical table line: a divider, a new KPI, or a continuation of the open row."""
    first, second, third = _cells(line)
    if not (first or second or third):
        return
    divider = DIVIDER.match(first)
    if divider and not (second or third):
        state.perspective, state.goal, state.current = divider["perspective"], None, None
        return
    shifted = KPI_CELL.match(first)
    kpi = shifted or KPI_CELL.match(second)
    if kpi:
        if not shifted:
            goal = GOAL_CELL.match(first)
            if goal:
                state.goal = _Goal(goal["code"], [goal["name"]])
            elif first:
                warnings.append(f"L{number}: goal cell {first!r} has no goal code; kept the goal above")
        agency = second if shifted else third
        if state.perspective is None or state.goal is None:
            warnings.append(f"L{number}: KPI {kpi['code']} has no perspective or goal above it, skipped")
            state.current = None
            return
        state.current = _Draft(state.theme, state.perspective, state.goal, kpi["code"], number, number)
        state.current.name_parts.append(kpi["name"])
        if agency:
            state.current.agency_parts.append(agency)
        drafts.append(state.current)
        return
    goal = GOAL_CELL.match(first)
    if goal and not (second or third):
        state.goal, state.current = _Goal(goal["code"], [goal["name"]]), None
        return
    if (first and state.goal is None) or ((second or third) and state.current is None):
        warnings.append(f"L{number}: continuation row {line.strip()!r} has no row above it, skipped")
        return
    if first:
        state.goal.name_parts.append(first)
    if second:
        state.current.name_parts.append(second)
    if third:
        state.current.agency_parts.append(third)
    if state.current is not None:
        state.current.end_line = number


def _record(doc: Document, draft: _Draft, lexicon: AgencyLexicon, warnings: list[str]) -> StrategyKpi:
    """Freeze a draft: join its cell parts, canonicalise the agencies, note (WCCD)."""
    raw = " ".join(draft.agency_parts)
    # 衛生局(社會局) names both agencies; (WCCD) is a flag, not an agency.
    names = re.sub(r"[()（）]", " ", WCCD.sub(" ", raw))
    agencies, leftovers = lexicon.split(names)
    if leftovers:
        warnings.append(
            f"L{draft.line}: {draft.kpi_code} agency cell {raw!r} has names not in the lexicon: {leftovers}"
        )
    if not raw:
        warnings.append(f"L{draft.line}: {draft.kpi_code} has no KPI 主責局處")
    return StrategyKpi(
        **provenance(doc),
        year_roc=doc.period.year_roc,
        line=draft.line,
        end_line=draft.end_line,
        theme_code=draft.theme.code,
        theme_name=draft.theme.name,
        perspective=draft.perspective,
        goal_code=draft.goal.code,
        goal_name=clean_text(" ".join(draft.goal.name_parts)),
        kpi_code=draft.kpi_code,
        kpi_name=clean_text(" ".join(draft.name_parts)),
        agencies=agencies,
        agencies_raw=raw,
        wccd=bool(WCCD.search(raw)),
    )


def _check_counts(themes: list[_Theme], drafts: list[_Draft]) -> list[str]:
    """Compare each theme's parsed goals and KPIs with the counts its intro sentence states."""
    kpis = Counter(draft.theme.code for draft in drafts)
    goals = Counter(code for code, _ in {(d.theme.code, d.goal.code) for d in drafts})
    warnings: list[str] = []
    for theme in themes:
        if theme.code == COMMON_THEME_CODE:
            continue
        if theme.stated_kpis is None:
            warnings.append(f"L{theme.line}: theme {theme.code} states no goal/KPI counts, not checked")
            continue
        if kpis[theme.code] != theme.stated_kpis:
            warnings.append(
                f"theme {theme.code}: parsed {kpis[theme.code]} KPIs, the document states {theme.stated_kpis}"
            )
        if goals[theme.code] != theme.stated_goals:
            warnings.append(
                f"theme {theme.code}: parsed {goals[theme.code]} goals, the document states {theme.stated_goals}"
            )
    return warnings


def parse(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    """Every KPI of every theme table, with goals forward-filled and multi-line cells joined."""
    themes: list[_Theme] = []
    drafts: list[_Draft] = []
    warnings: list[str] = []
    state: _TableState | None = None
    for number, line in enumerate(doc.lines, start=1):
        if heading := THEME_HEADING.match(line) or COMMON_HEADING.match(line):
            code = heading.groupdict().get("code") or COMMON_THEME_CODE
            themes.append(_Theme(code, heading["name"], number))
            state = None
        elif ANY_HEADING.match(line) or (state is not None and line.strip() and "\t" not in line):
            state = None
        elif state is not None:
            _read_row(state, number, line, drafts, warnings)
        elif themes and _is_table_header(line):
            state = _TableState(themes[-1])
        elif themes and (stated := STATED_COUNTS.search(line)):
            themes[-1].stated_goals, themes[-1].stated_kpis = int(stated["goals"]), int(stated["kpis"])
    if not drafts:
        raise ParseError(f"{doc.file}: no strategy-map KPI table found")
    records = [_record(doc, draft, lexicon, warnings) for draft in drafts]
    return ParseResult(records=records, warnings=warnings + _check_counts(themes, drafts))
