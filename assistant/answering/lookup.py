"""Lookups of KPI values, budgets and staffing, answered from the records with the value's own line cited.

A KPI is found by (document, year, code or name), never by code alone. Without a year every
year's value is given, labelled. A value the source never reported is said to be unreported,
citing the source's own note where it has one; if nothing asked for was reported, that is a
refusal. A lookup naming no KPI, budget row or goal returns None and is answered from text.
"""

from dataclasses import dataclass

from assistant.answering.citations import escape_source_brackets
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import Item
from assistant.answering.language import join_words, pick, year_span
from assistant.answering.record_query import kpi_matches
from assistant.answering.record_quotes import cite_record, value_line, value_quote
from assistant.answering.terms import squash
from assistant.corpus.manifest import Document
from assistant.parsing.models import BudgetFigure, KpiResult, StrategyKpi
from assistant.text.dates import roc_to_ad

BUDGET_AGENCY = "秘書處"
NO_DATA_MARKERS = ("暫無數據", "無相關數據", "暫無資料", "無數據", "尚無數據")
_NOTE_REACH = 3  # lines after a KPI's mention that its no-data note may sit on
_BUDGET_LABELS = {
    "預算": ("預算數", "budget"), "決算": ("決算數", "final accounts"),
    "執行率": ("預算執行率", "budget execution rate"),
    "人事費占決算比例": ("人事費占決算比例", "personnel costs as a share of final accounts"),
    "人事費": ("人事費", "personnel costs"), "合計": ("實際員額合計", "total staff"), "職員": ("職員", "officers"),
    "約聘僱人員": ("約聘僱人員", "contract staff"), "警員": ("警員", "police officers"),
    "技工工友": ("技工工友", "technicians and janitors"),
}
_MEASURES = (("target", "target_raw", "目標值", "target"), ("actual", "actual_raw", "實際值", "actual"),
             ("achievement", "achievement_raw", "達成度", "achievement"), ("rating", "rating", "自評燈號", "rating"),
             ("score", "score", "KPI總得分", "score"))


@dataclass
class _Value:
    measure: str
    text: str | None
    citation: int | None


_UNITS_EN = {"百萬元": "million NTD", "千元": "thousand NTD"}


def _fmt_budget(record: BudgetFigure, lang: str) -> str:
    unit = record.unit or ""
    if unit == "%" or not unit:
        return f"{record.value_raw}{unit}"
    return f"{record.value_raw} {_UNITS_EN.get(unit, unit) if lang == 'en' else unit}"


def _budget(request: Request) -> Composed:
    f, lang, store = request.filters, request.lang, request.sources.index.records
    if f.agency and f.agency != BUDGET_AGENCY:
        years = year_span(request.sources.record_years["budget_figure"], lang)
        return Composed(kind="refusal", refused=True, subject=request.understanding.question, headline=pick(
            lang, f"語料庫沒有{f.agency}的預算或員額數字：預算及員額表只有{BUDGET_AGENCY}（{years}）。",
            f"The corpus has no budget or staffing figures for {f.agency}: the only such tables are the "
            f"{BUDGET_AGENCY}'s ({years})."))
    figures = [r for r in store.query("budget_figure") if isinstance(r, BudgetFigure)]
    wanted = {"".join(i.split()) for i in f.budget_items}
    rows = [r for r in figures if not wanted or r.item in wanted]
    in_years = [r for r in rows if not f.years or r.year_roc in f.years]
    if not in_years:
        have = year_span(sorted({r.year_roc for r in rows}), lang)
        asked = year_span(f.years, lang)
        return Composed(kind="refusal", refused=True, subject=request.understanding.question, headline=pick(
            lang, f"{BUDGET_AGENCY}的預算及員額表只有{have}的數字，沒有{asked}。",
            f"The {BUDGET_AGENCY}'s budget and staffing tables cover {have} only, not {asked}."))
    lines, facts, items = [], [], []
    for record in in_years:
        number = cite_record(request.citations, request.document(record.file), record)
        zh, en = _BUDGET_LABELS.get(record.item, (record.item, record.item))
        label = pick(lang, f"{BUDGET_AGENCY}{record.year_roc}年度{zh}",
                     f"the Secretariat's ({BUDGET_AGENCY}) {en} in ROC {record.year_roc} ({roc_to_ad(record.year_roc)})")
        value, shown = _fmt_budget(record, lang), escape_source_brackets(label)
        lines.append(f"- {shown}：{value} [{number}]" if lang == "zh" else f"- {shown}: {value} [{number}]")
        facts.append(pick(lang, f"{shown}為{value} [{number}]", f"{shown[0].upper()}{shown[1:]}: {value} [{number}]"))
        items.append(Item(label=label, fields={**record.fields(), "end_line": record.end_line}, citations=[number]))
    title = request.document(in_years[0].file).info.title
    headline = facts[0] + pick(lang, "。", ".") if len(facts) == 1 else pick(
        lang, f"《{title}》的預算及員額表記載：", f"From the budget and staffing tables of 《{title}》:")
    notes = []
    if any(r.unit is None for r in in_years):
        notes.append(pick(lang, "註：員額表未註明人數的單位。", "Note: the staffing table states no unit for headcounts."))
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=[] if len(facts) == 1 else lines, notes=notes, items=items, draft_facts=facts)


def _no_data_note(doc: Document, record: KpiResult) -> tuple[int, str] | None:
    """The source's own remark that a KPI's value is unavailable (e.g. `暫無數據`), if it makes one."""
    for number, text in enumerate(doc.lines, start=1):
        if record.kpi_code not in text:
            continue
        for near in range(number, min(number + _NOTE_REACH, len(doc.lines)) + 1):
            for word in NO_DATA_MARKERS:
                if word in doc.line(near):
                    quote = value_quote(doc, near, word)
                    if quote:
                        return near, quote
    return None


def _cite_value(request: Request, record: KpiResult, measure: str, raw: str) -> int:
    """Cite a value on the line that prints it: the value line, the line after its label, or the row."""
    doc = request.document(record.file)
    labels = {"target": "目標值", "actual": "達成值", "achievement": "達成度"}
    line = None
    if measure == "actual" and record.value_line:
        line = record.value_line
    if line is None or raw not in doc.line(line):
        line = value_line(doc, record.line, record.end_line, raw, after=labels.get(measure))
    if line is None and record.value_line and raw in doc.line(record.value_line):
        line = record.value_line
    if line is None:
        line = next((n for n in range(record.line, record.end_line + 1) if raw in doc.line(n)), None)
    if line is None:
        return cite_record(request.citations, doc, record)
    return request.citations.cite_or_head(record.file, line, line, value_quote(doc, line, raw))


def _wanted(request: Request) -> list[str]:
    asked = list(request.filters.measures)
    if not asked:
        return ["target", "actual", "achievement", "rating"]
    if "actual" in asked:  # an actual means little without its target and how it rated
        asked = list(dict.fromkeys(["target", "actual", "achievement", "rating", *asked]))
    return asked


def _values(request: Request, record: KpiResult, wanted: list[str]) -> list[_Value]:
    values = []
    for measure, field, _, _ in _MEASURES:
        if measure not in wanted:
            continue
        raw = getattr(record, field)
        raw = None if raw is None else str(raw)
        values.append(_Value(measure, raw, _cite_value(request, record, measure, raw) if raw else None))
    return values


def _reports_actuals(request: Request, record: KpiResult) -> bool:
    """Whether the document reports any actual value for the record's year (a results year, not a plan)."""
    return any(r.actual_raw for r in request.sources.index.records.query("kpi_result")
               if isinstance(r, KpiResult) and r.file == record.file and r.year_roc == record.year_roc)


def _with_markers(parts: list[tuple[str, int | None]]) -> list[str]:
    """Labelled values with their markers; consecutive values from the same source share one marker."""
    shown = []
    for position, (text, citation) in enumerate(parts):
        following = parts[position + 1][1] if position + 1 < len(parts) else None
        shown.append(text if citation is None or citation == following else f"{text} [{citation}]")
    return shown


def _kpi_line(request: Request, record: KpiResult, values: list[_Value]) -> tuple[str, list[str]]:
    """The labelled values of one KPI-year, and notes on the values that were never reported."""
    lang = request.lang
    names = {m: (zh, en) for m, _, zh, en in _MEASURES}
    parts: list[tuple[str, int | None]] = []
    notes = []
    for value in values:
        zh, en = names[value.measure]
        if value.text is not None:
            shown = escape_source_brackets(value.text)
            parts.append((pick(lang, f"{zh} {shown}", f"{en} {shown}"), value.citation))
            continue
        if value.measure in ("achievement", "rating", "score"):
            continue
        parts.append((pick(lang, f"{zh}：未報告", f"{en}: not reported"), None))
        if value.measure == "actual" and _reports_actuals(request, record):
            note = _no_data_note(request.document(record.file), record)
            if note:
                cite, quoted = request.citations.cite(record.file, note[0], note[0], note[1]), escape_source_brackets(note[1])
                notes.append(pick(lang, f"{record.year_roc}年 {record.kpi_code} 的實際值沒有報告：原文註明「{quoted}」[{cite}]。",
                                  f"The ROC {record.year_roc} actual of {record.kpi_code} was not reported; the source "
                                  f"notes 「{quoted}」 [{cite}]."))
        elif value.measure == "actual":
            notes.append(pick(lang, f"{record.year_roc}年在這份文件中只有目標值，沒有實際值。",
                              f"For ROC {record.year_roc} this document gives targets only, no actuals."))
    label = escape_source_brackets(pick(lang, f"{record.year_roc}年{record.group}組 {record.kpi_code} {record.kpi_name}",
                                        f"ROC {record.year_roc} group {record.group} {record.kpi_code} {record.kpi_name}"))
    body = ("，" if lang == "zh" else ", ").join(_with_markers(parts))
    return (f"{label}：{body}" if lang == "zh" else f"{label}: {body}"), list(dict.fromkeys(notes))


def _strategy_only(request: Request, records: list[StrategyKpi]) -> Composed:
    lang = request.lang
    lines = []
    for record in records:
        number = cite_record(request.citations, request.document(record.file), record)
        agencies = join_words(record.agencies, lang) or record.agencies_raw
        lines.append(pick(lang, f"- {record.kpi_code} {record.kpi_name}（主責：{agencies}）[{number}]",
                          f"- {record.kpi_code} {record.kpi_name} (responsible: {agencies}) [{number}]"))
    headline = pick(lang, "107年施政綱要只列出這項KPI及其主責機關，沒有任何目標值或實際值，因此無法回答數值：",
                    "The ROC 107 strategy map lists this KPI and its responsible agency but reports no target or "
                    "actual values, so the value cannot be given:")
    return Composed(kind="refusal", refused=True, subject=request.understanding.question, headline=headline,
                    lines=lines, draft_facts=[line.lstrip("- ") for line in lines])


def _not_in_years(request: Request, records: list[KpiResult | StrategyKpi]) -> Composed:
    lang = request.lang
    name = records[0].kpi_name
    have = year_span(sorted({r.year_roc for r in records}), lang)
    asked = year_span(request.filters.years, lang)
    example = max(records, key=lambda r: r.year_roc)
    number = cite_record(request.citations, request.document(example.file), example)
    headline = pick(lang, f"語料庫沒有{asked}的「{name}」：這項指標只見於{have}（例如 {example.label()} [{number}]），無法回答。",
                    f"The corpus has no {asked} value for 「{name}」: it appears only for {have} "
                    f"(e.g. {example.label()} [{number}]).")
    return Composed(kind="refusal", refused=True, subject=request.understanding.question, headline=headline)


def _kpi(request: Request) -> Composed | None:
    f, store = request.filters, request.sources.index.records
    named = bool(f.kpi_code or f.kpi_name or f.goal_code or f.goal_name)
    if not named and not f.group:
        return None
    candidates = [r for t in ("strategy_kpi", "kpi_result") for r in store.query(t)
                  if isinstance(r, (StrategyKpi, KpiResult)) and kpi_matches(f, r)
                  and (not f.files or r.file in f.files)
                  and (not f.group or getattr(r, "group", getattr(r, "theme_code", None)) == f.group)]
    if not candidates:
        return None
    if f.kpi_name:  # 失業率 names DC1.1, not also 青年失業率
        exact = [r for r in candidates if squash(r.kpi_name) == squash(f.kpi_name)]
        candidates = exact or candidates
    in_years = [r for r in candidates if not f.years or r.year_roc in f.years]
    if not in_years:
        return _not_in_years(request, candidates) if named else None
    results = [r for r in in_years if isinstance(r, KpiResult)]
    strategy = [r for r in in_years if isinstance(r, StrategyKpi)]
    if not results:
        return _strategy_only(request, strategy)
    lang, wanted = request.lang, _wanted(request)
    asked = f.measures or ["target", "actual"]
    lines, notes, items, facts, reported = [], [], [], [], False
    for record in results:
        values = _values(request, record, wanted)
        reported = reported or any(v.text for v in values if v.measure in asked)
        text, own_notes = _kpi_line(request, record, values)
        lines.append(f"- {text}")
        facts.append(text)
        notes += own_notes
        items.append(Item(label=record.label(), fields={**record.fields(), "end_line": record.end_line},
                          citations=[v.citation for v in values if v.citation]))
    for record in strategy:
        number = cite_record(request.citations, request.document(record.file), record)
        notes.append(pick(lang, f"註：107年施政綱要的 {record.kpi_code}「{record.kpi_name}」只列主責機關，沒有數值[{number}]。",
                          f"Note: the ROC 107 strategy map's {record.kpi_code} 「{record.kpi_name}」 lists its agency "
                          f"but no values [{number}]."))
    if len({squash(r.kpi_name) for r in [*results, *strategy]}) > 1 and not f.kpi_name:
        notes.append(pick(lang, "註：KPI代碼會在不同文件與年度重複使用、指不同的指標，請依各行的名稱判讀。",
                          "Note: KPI codes are reused across documents and years for different indicators; "
                          "read each line by its name."))
    notes = list(dict.fromkeys(notes))
    if not reported:
        names = {m: (zh, en) for m, _, zh, en in _MEASURES}
        what_zh = "、".join(names[m][0] for m in asked if m in names)
        what_en = ", ".join(names[m][1] for m in asked if m in names)
        headline = pick(lang, f"語料庫沒有報告所問的{what_zh}，無法回答；記載的內容如下：",
                        f"The corpus does not report the {what_en} asked for; what it does record:")
        return Composed(kind="refusal", refused=True, subject=request.understanding.question, headline=headline,
                        lines=lines, notes=notes, items=items, draft_facts=facts)
    if len(lines) == 1:
        headline, lines = facts[0] + pick(lang, "。", "."), []
    else:
        headline = pick(lang, "各年度數值如下：", "The values, year by year:")
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=lines, notes=notes, items=items, draft_facts=facts)


def answer_lookup(request: Request) -> Composed | None:
    """A value from the records, or None when the question names nothing the records hold."""
    f = request.filters
    if f.record_type == "budget_figure" or f.budget_items:
        return _budget(request)
    return _kpi(request)
