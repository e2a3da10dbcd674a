"""List and count answers: every matching record, each on its own line with its own citation.

The records come from `record_query.select`, an exact query, so a list is complete by construction.
A count says the number and then lists what it counted. Known gaps of the 000 table (rows whose
item name was lost) are stated where they could change the answer. Zero matches among an agency's
rows is an answer ("沒有…"); an agency with no rows at all in the asked role is a refusal, which still
says where the agency does appear.
"""

from dataclasses import dataclass, replace

from assistant.answering.citations import escape_source_brackets
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import Item
from assistant.answering.language import agency_label, join_words, pick, status_label
from assistant.answering.record_quotes import cite_record, kpi_cell
from assistant.answering.record_query import infer_record_type, select, unnamed_rows
from assistant.answering.subjects import counts_goals, describe
from assistant.index.records_db import Condition
from assistant.parsing.models import KpiResult, ProgressItem, Record, StrategyKpi
from assistant.understanding.models import QuestionFilters

COMMON_THEME = "T"  # 共通性參考指標: reference indicators, not one of the strategy themes
_ITEM_FIELDS = {
    "progress_item": ("item_no", "item_no_inferred", "item_name", "category", "lead_agency", "co_agencies",
                      "status_code", "status_label"),
    "strategy_kpi": ("year_roc", "theme_code", "theme_name", "goal_code", "goal_name", "kpi_code", "kpi_name",
                     "agencies", "wccd"),
    "kpi_result": ("group", "year_roc", "kpi_code", "kpi_name", "target_raw", "actual_raw", "achievement_raw",
                   "rating", "agency"),
    "performance_goal": ("year_roc", "agency", "goal"),
    "budget_figure": ("table", "item", "year_roc", "value_raw", "unit", "agency"),
}


@dataclass
class _Unit:
    """One counted thing: a record, or a goal standing for the records under it."""

    label: str
    fields: dict
    record: Record
    quote: str | None = None


def _fields(record: Record) -> dict:
    data = record.fields()
    picked = {name: data.get(name) for name in _ITEM_FIELDS.get(record.record_type, ())}
    return {**picked, "record_type": record.record_type, "file": record.file, "line": record.line,
            "end_line": record.end_line}


def _progress_line(request: Request, record: ProgressItem, show_co: bool) -> str:
    lang, lexicon = request.lang, request.sources.lexicon
    if record.item_no is not None:
        name = f"#{record.item_no} {record.item_name or ''}".strip()
    else:
        guess = f"，依位置推測為#{record.item_no_inferred}" if record.item_no_inferred else ""
        guess_en = f", #{record.item_no_inferred} by position" if record.item_no_inferred else ""
        name = pick(lang, f"（L{record.line}，項目名稱缺漏{guess}）", f"(L{record.line}, item name lost{guess_en})")
    parts = [name, pick(lang, "主辦：", "lead: ") + agency_label(lexicon, record.lead_agency, lang)]
    if show_co:
        co = join_words([agency_label(lexicon, a, lang) for a in record.co_agencies], lang) or "-"
        parts.append(pick(lang, "協辦：", "co: ") + co)
    parts.append(status_label(record.status_code, lang))
    return "｜".join(parts) if lang == "zh" else " | ".join(parts)


def _kpi_line(request: Request, record: StrategyKpi | KpiResult) -> str:
    lang, lexicon = request.lang, request.sources.lexicon
    sep = "｜" if lang == "zh" else " | "
    if isinstance(record, StrategyKpi):
        agencies = join_words([agency_label(lexicon, a, lang) for a in record.agencies], lang) or record.agencies_raw
        parts = [f"{record.kpi_code} {record.kpi_name}", pick(lang, "主責：", "responsible: ") + agencies]
        if record.wccd:
            parts.append("WCCD")
        return sep.join(parts)
    parts = [pick(lang, f"{record.year_roc}年 ", f"ROC {record.year_roc} ") + f"{record.kpi_code} {record.kpi_name}"]
    for value, zh, en in ((record.target_raw, "目標值", "target"), (record.actual_raw, "實際值", "actual"),
                          (record.achievement_raw, "達成度", "achievement"), (record.rating, "自評燈號", "rating")):
        if value:
            parts.append(pick(lang, f"{zh} {value}", f"{en} {value}"))
    return sep.join(parts)


def _units(request: Request, record_type: str, records: list[Record]) -> list[_Unit]:
    """What is listed and counted: records, or for goal questions the distinct goals in source order."""
    if counts_goals(request, record_type):
        goals: dict[tuple[str, str], _Unit] = {}
        for r in records:
            if r.theme_code == COMMON_THEME and request.filters.group != COMMON_THEME:
                continue
            goals.setdefault((r.theme_code, r.goal_code), _Unit(
                f"{r.goal_code} {r.goal_name}", {"record_type": "strategy_goal", "theme_code": r.theme_code,
                                                 "goal_code": r.goal_code, "goal_name": r.goal_name,
                                                 "file": r.file, "line": r.line}, r))
        return list(goals.values())
    if record_type == "performance_goal":
        seen: dict[str, _Unit] = {}
        for r in records:
            key = "".join(r.goal.split())
            seen.setdefault(key, _Unit(key, {"record_type": "performance_goal", "goal": key, "file": r.file,
                                             "line": r.line}, r))
        return list(seen.values())
    return [_Unit(r.label(), _fields(r), r) for r in records]


def _unit_line(request: Request, unit: _Unit, show_co: bool) -> str:
    record = unit.record
    if unit.fields.get("record_type") in ("strategy_goal", "performance_goal"):
        return unit.label
    if isinstance(record, ProgressItem):
        return _progress_line(request, record, show_co)
    if isinstance(record, (StrategyKpi, KpiResult)):
        return _kpi_line(request, record)
    return unit.label


def _draft_phrase(request: Request, unit: _Unit) -> str:
    """How a press draft names one counted thing: 第31項「提升孕婦愛心專車服務」."""
    record, lang = unit.record, request.lang
    if isinstance(record, ProgressItem) and unit.fields.get("record_type") == "progress_item":
        if record.item_no is None:
            return pick(lang, f"第L{record.line}列（項目名稱缺漏）", f"row L{record.line} (item name lost)")
        return pick(lang, f"第{record.item_no}項「{record.item_name}」", f"item #{record.item_no} 「{record.item_name}」")
    return f"「{unit.label}」"


def _cite_unit(request: Request, unit: _Unit) -> int:
    record = unit.record
    doc = request.document(record.file)
    if unit.fields.get("record_type") == "strategy_goal":
        line = doc.line(record.line)
        cell = next((c.strip() for c in line.split("\t") if record.goal_code in c), None)
        if cell:
            return request.citations.cite_or_head(record.file, record.line, record.line, cell)
        return request.citations.cite_or_head(record.file, record.line, record.end_line, kpi_cell(doc, record))
    return cite_record(request.citations, doc, record)


def _probable_leads(request: Request) -> dict[tuple[str, int], str]:
    """(file, line) → lead agency for each row with a blank 主辦 cell whose neighbours in the table agree on one.

    One pass over the table per answer, so the cost stays linear in the number of rows.
    """
    rows = request.sources.index.records.query("progress_item")
    leads: dict[tuple[str, int], str] = {}
    for before, row, after in zip(rows, rows[1:], rows[2:]):
        same_table = before.file == row.file == after.file
        if same_table and row.lead_agency is None and before.lead_agency and before.lead_agency == after.lead_agency:
            leads[(row.file, row.line)] = before.lead_agency
    return leads


# Each kind of gap note: (Chinese, English) wording around the rows it concerns.
_GAP_NOTES = {
    "listed": ("這些列在原表中沒有政策項目名稱，上表以列號標示。",
               "these rows have no item name in the source table; they are listed by line."),
    "probable_lead": ("主辦欄空白、也沒有項目名稱；依上下列推測可能由{agency}主辦，未計入上述結果。",
                      "blank lead-agency cell and no item name; the rows around it suggest {agency}, "
                      "but it is not counted above."),
    "co_unknown": ("主辦與協辦欄都空白、也沒有項目名稱，無法判斷有無協辦機關，未計入。",
                   "blank lead and co-agency cells and no item name, so whether it has a co-organiser is "
                   "unknown; not counted."),
    "category_unknown": ("類別與項目名稱在原表中缺漏，無法判斷是否屬於此類別或綱要，未計入。",
                         "category and item name lost in the source table; they may or may not belong here "
                         "and are not counted."),
}


def _gap_kind(request: Request, row: ProgressItem, matched_lines: set[int],
              probable_leads: dict[tuple[str, int], str]) -> str | None:
    """Which gap note an unnamed row needs for this question, if any."""
    f = request.filters
    if row.line in matched_lines:
        return "listed"
    if f.status and row.status_code != f.status:
        return None
    if f.agency and f.agency_role in ("lead", "lead_or_co", None) and row.lead_agency is None \
            and probable_leads.get((row.file, row.line)) == f.agency:
        return "probable_lead"
    if f.has_co_agency is False and row.lead_agency is None and not row.co_agencies:
        return "co_unknown"
    if (f.category or f.outline) and row.category is None:
        return "category_unknown"
    return None


def _gap_notes(request: Request, matched: list[Record]) -> list[str]:
    """Notes on the 000 rows whose item name was lost, where they are in the answer or could be."""
    f, lang = request.filters, request.lang
    matched_lines = {r.line for r in matched}
    rows_by_kind: dict[str, list[ProgressItem]] = {}
    unnamed = unnamed_rows(request)
    probable_leads = _probable_leads(request) if unnamed and request.filters.agency else {}
    for row in unnamed:
        kind = _gap_kind(request, row, matched_lines, probable_leads)
        if kind:
            rows_by_kind.setdefault(kind, []).append(row)
    notes = []
    for kind, rows in rows_by_kind.items():
        where = "、".join(f"L{r.line}" for r in rows) if lang == "zh" else ", ".join(f"L{r.line}" for r in rows)
        cites = "".join(f"[{request.citations.cite_head(r.file, r.line)}]" for r in rows)
        zh, en = _GAP_NOTES[kind]
        notes.append(pick(lang, f"註：{where}{cites}：" + zh.format(agency=f.agency),
                          f"Note: {where} {cites}: " + en.format(agency=f.agency)))
    if not any((f.agency, f.status, f.category, f.outline, f.has_co_agency is not None, f.item_no)):
        numbers = sorted(r.item_no for r in request.sources.index.records.query("progress_item") if r.item_no)
        missing = [n for n in range(1, numbers[-1] + 1) if n not in numbers] if numbers else []
        if missing:
            listed = "、".join(f"#{n}" for n in missing)
            notes.append(pick(lang, f"註：政策項目編號 1–{numbers[-1]} 中，原表沒有 {listed} 這一列。",
                              f"Note: of item numbers 1–{numbers[-1]}, the table has no row {listed}."))
    return notes


def _common_theme_note(request: Request, records: list[Record]) -> list[str]:
    """Say how the 共通性參考指標 (T) enter a 107 count, since Table 1 of 001 counts goals without them."""
    if request.filters.group:
        return []
    common = [r for r in records if isinstance(r, StrategyKpi) and r.theme_code == COMMON_THEME]
    if not common:
        return []
    if counts_goals(request, "strategy_kpi"):
        goals = len({r.goal_code for r in common})
        return [pick(request.lang, f"註：以上為8個策略主題的策略目標；另有「共通性參考指標」{goals}項目標未計入。",
                     f"Note: these are the goals of the 8 strategy themes; the common reference indicators add "
                     f"{goals} more goals, not counted.")]
    return [pick(request.lang, f"註：其中 {len(common)} 項屬「共通性參考指標」。",
                 f"Note: {len(common)} of them are common reference indicators.")]


def _alternatives(request: Request) -> tuple[list[str], bool]:
    """Lines saying where the asked agency does appear, and whether it appears anywhere at all."""
    f, lang, store = request.filters, request.lang, request.sources.index.records
    lines: list[str] = []
    any_rows = False
    asked_field = {"lead": "lead_agency", "co": "co_agencies"}.get(f.agency_role or "")
    for field, zh, en in (("lead_agency", "主辦", "leads"), ("co_agencies", "協辦", "co-organises")):
        rows = store.query("progress_item", [Condition(field, f.agency)])
        any_rows = any_rows or bool(rows)
        if rows and field != asked_field:
            lines.append(pick(lang, f"{f.agency}在112年白皮書一覽表中{zh}的項目（{len(rows)}項）：",
                              f"In the 112 white-paper table {f.agency} {en} {len(rows)} item(s):"))
            for row in rows:
                number = cite_record(request.citations, request.document(row.file), row)
                lines.append(f"- {_progress_line(request, row, field == 'co_agencies')} [{number}]")
    for record_type, zh, en in (("strategy_kpi", "107年施政綱要中主責的KPI", "107 strategy-map KPIs it is responsible for"),
                                ("kpi_result", "D/E組簡報中主責的KPI", "group-deck KPIs it is responsible for")):
        field = "agencies" if record_type == "strategy_kpi" else "agency"
        rows = store.query(record_type, [Condition(field, f.agency)])
        any_rows = any_rows or bool(rows)
        if rows and request.filters.agency_role != "kpi":
            first = rows[0]
            cite = cite_record(request.citations, request.document(first.file), first)
            lines.append(pick(lang, f"{zh}：{len(rows)}項，例如 {first.label()} [{cite}]。",
                              f"{en}: {len(rows)}, e.g. {first.label()} [{cite}]."))
    return lines, any_rows


def _has_rows_in_role(request: Request, record_type: str) -> bool:
    """Whether the asked agency has any row of `record_type` in the asked role, whatever the other filters."""
    f = request.filters
    only_agency = QuestionFilters(agency=f.agency, agency_role=f.agency_role)
    reading = request.understanding.model_copy(update={"filters": only_agency})
    return bool(select(replace(request, understanding=reading), record_type))


def _zero(request: Request, subject: str, record_type: str, count: bool) -> Composed:
    lang, f = request.lang, request.filters
    kind = "count" if count else "list"
    if f.agency:
        lines, known = _alternatives(request)
        if not known:
            return Composed(kind="refusal", refused=True, subject=subject, headline=pick(
                lang, f"語料庫中沒有{f.agency}的任何紀錄（辦理情形、KPI或預算），無法回答。",
                f"The corpus has no rows at all for {f.agency} (items, KPIs or budgets), so it cannot answer this."))
        if not _has_rows_in_role(request, record_type):
            headline = pick(lang, f"語料庫中沒有{subject}，無法列出。",
                            f"The corpus has no {subject}, so there is nothing to list.")
            return Composed(kind="refusal", refused=True, subject=subject, headline=headline, lines=lines,
                            reason=headline)
        headline = pick(lang, f"沒有：{subject}共 0 項。", f"None: there are 0 {subject}.")
        return Composed(kind=kind, refused=False, subject=subject, headline=headline, lines=lines,
                        draft_facts=[headline, *[line.lstrip("- ") for line in lines]])
    total = request.sources.index.records.count(record_type)
    headline = pick(lang, f"沒有：{subject}共 0 項（語料中此類紀錄共 {total} 筆，皆不符合）。",
                    f"None: there are 0 {subject} (none of the {total} records of this kind match).")
    return Composed(kind=kind, refused=False, subject=subject, headline=headline, draft_facts=[headline])


def answer_records(request: Request, count: bool) -> Composed:
    """The complete list (or count) of records matching the question."""
    record_type = infer_record_type(request)
    records = select(request, record_type)
    subject = describe(request, record_type)
    units = _units(request, record_type, records)
    if not units:
        return _zero(request, subject, record_type, count)
    lang = request.lang
    show_co = request.filters.agency_role in ("co", "lead_or_co") or request.filters.has_co_agency is not None
    lines, items, phrases = [], [], []
    for unit in units:
        number = _cite_unit(request, unit)
        text = escape_source_brackets(_unit_line(request, unit, show_co))
        lines.append(f"- {text} [{number}]")
        items.append(Item(label=unit.label, fields=unit.fields, citations=[number]))
        phrases.append(f"{escape_source_brackets(_draft_phrase(request, unit))}[{number}]")
    n = len(units)
    if count:
        headline = pick(lang, f"{subject}共 {n} 項，計入的項目如下：", f"There are {n} {subject}. Counted:")
    else:
        headline = pick(lang, f"{subject}共 {n} 項：", f"There are {n} {subject}:")
    notes = []
    if record_type == "progress_item":
        notes += _gap_notes(request, records)
        if request.filters.status == "A":
            notes.append(pick(lang, "註：A 級的原文是「已完成或例行性業務」，包含例行性業務，不一定代表已完成。",
                              "Note: status A reads 「已完成或例行性業務」, completed *or routine*, so it does not "
                              "always mean finished."))
    if record_type == "strategy_kpi":
        notes += _common_theme_note(request, records)
    return Composed(kind="count" if count else "list", refused=False, subject=subject, headline=headline,
                    lines=lines, notes=notes, items=items, draft_facts=phrases)
