"""Lookups answered from records: KPI targets and actuals, table figures, and the fields of a named row.

A KPI is found by (document, year, code or name), never by code alone; without a year every year's
value is given, labelled. Each value cites the lines from the KPI's name to the value, so a reader
sees which KPI the number belongs to (a slide may print two KPIs' values side by side); where the
value is printed too far from the name, the value's line alone. A value the source never
reported is said to be unreported, citing the source's own remark where it makes one; whether an
ask whose every value is unreported is a refusal is for `refusal.py` to say.
"""

import re
from dataclasses import dataclass

from assistant.answering.citations import escape_source_brackets as plain
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import Item
from assistant.answering.language import agency_label, join_words, pick, status_label
from assistant.answering.record_quotes import cite_record, kpi_cell, name_to_value, status_cell, value_line, \
    value_quote
from assistant.answering.render.charts import budget_trend, kpi_trend
from assistant.corpus.manifest import Document
from assistant.parsing.models import BudgetFigure, KpiResult, ProgressItem, StrategyKpi
from assistant.text.normalize import match_key

# Remarks a source prints where a value is missing (暫無數據): Chinese for "no data yet".
NO_DATA_WORDS = ("暫無數據", "無相關數據", "暫無資料", "無數據", "尚無數據", "尚無資料")
NOTE_REACH = 3  # lines after a KPI's mention that its no-data remark may sit on
KPI_MEASURES: tuple[tuple[str, str, str, str], ...] = (
    ("target", "target_raw", "目標值", "target"), ("actual", "actual_raw", "實際值", "actual"),
    ("achievement", "achievement_raw", "達成度", "achievement"), ("rating", "rating", "自評燈號", "rating"),
    ("score", "score", "KPI總得分", "score"))
VALUE_MEASURES = ("target", "actual", "achievement")
_UNITS_EN = {"百萬元": "million NTD", "千元": "thousand NTD", "元": "NTD", "人": "people"}
# Fields of a 政策項目 a lookup may ask for, with their labels.
ITEM_FIELDS = {"lead_agency": ("主辦", "lead agency"), "co_agencies": ("協辦", "co-organisers"),
               "status_code": ("辦理等級", "status"), "category": ("類別", "category"), "outline": ("綱要", "outline"),
               "domain": ("領域", "domain"), "target": ("年度目標", "target")}


@dataclass
class Value:
    measure: str
    text: str | None
    citation: int | None


def asked_measures(request: Request, record_type: str) -> list[str]:
    """The fields of `record_type` the ask named (目標值 → target), in the order the schema lists them."""
    prefix = f"{record_type}."
    return [m[len(prefix):] for m in request.filters.measures if m.startswith(prefix)]


def _kpi_wanted(request: Request) -> list[str]:
    asked = asked_measures(request, "kpi_result")
    if not asked:
        return ["target", "actual", "achievement", "rating"]
    if "actual" in asked:  # an actual means little without its target and how it rated
        asked = list(dict.fromkeys(["target", "actual", "achievement", "rating", *asked]))
    return [m for m, _, _, _ in KPI_MEASURES if m in asked]


def _no_data_note(doc: Document, record: KpiResult) -> tuple[int, int, str] | None:
    """The source's own remark that a KPI's value is unavailable (暫無數據), if it makes one: the line
    naming the KPI, the line of the remark and the remark."""
    for number, text in enumerate(doc.lines, start=1):
        if record.kpi_code not in text:
            continue
        for near in range(number, min(number + NOTE_REACH, len(doc.lines)) + 1):
            for word in NO_DATA_WORDS:
                if word in doc.line(near):
                    quote = value_quote(doc, near, word)
                    if quote:
                        return number, near, quote
    return None


def cite_no_data(request: Request, record: KpiResult) -> tuple[str, list[int]] | None:
    """Where a KPI-year reports no actual in a year its document reports actuals for, the document's own
    remark on why (暫無數據), and its citations: the line naming the KPI, and the remark's line."""
    if record.actual_raw is not None or not reports_actuals(request, record):
        return None
    note = _no_data_note(request.document(record.file), record)
    if note is None:
        return None
    named, line, quote = note
    cites = [request.citations.cite(record.file, line, line, quote)]
    if named != line:
        cites.insert(0, request.citations.cite_head(record.file, named))
    return quote, cites


def _cite_value(request: Request, record: KpiResult, measure: str, raw: str) -> tuple[int, bool]:
    """Cite a value from the KPI's name to the line that prints it (the value line, the line after its
    label, or the row); and whether the quote names the KPI."""
    doc = request.document(record.file)
    labels = {"target": "目標值", "actual": "達成值", "achievement": "達成度"}
    line = record.value_line if measure == "actual" and record.value_line else None
    if line is None or raw not in doc.line(line):
        line = value_line(doc, record.line, record.end_line, raw, after=labels.get(measure))
    if line is None and record.value_line and raw in doc.line(record.value_line):
        line = record.value_line
    if line is None:
        line = next((n for n in range(record.line, record.end_line + 1) if raw in doc.line(n)), None)
    if line is None:
        return cite_record(request.citations, doc, record), False
    named = name_to_value(doc, record, line, raw)
    if named is not None:
        return request.citations.cite(record.file, named[0], line, named[1]), True
    return request.citations.cite_or_head(record.file, line, line, value_quote(doc, line, raw)), False


def reports_actuals(request: Request, record: KpiResult) -> bool:
    """Whether the document reports any actual for the record's year (a results year, not a plan)."""
    return any(r.actual_raw for r in request.sources.memory.of_type("kpi_result")
               if r.file == record.file and r.year_roc == record.year_roc)


def _press_sentence(record: KpiResult, said: list[tuple[str, str]], lang: str) -> str:
    """One KPI-year in plain prose, by its name: 108年「失業率」指標目標值為3.8%，實際值為3.6%。"""
    if lang == "en":
        values = ", ".join(f"{en} {raw}" for en, raw in said)
        return f"In ROC {record.year_roc}, the 「{record.kpi_name}」 indicator: {values}."
    values = "，".join(f"{zh}{'為' if raw != '未報告' else ''}{raw}" for zh, raw in said)
    return f"{record.year_roc}年「{record.kpi_name}」指標{values}。"


def _kpi_line(request: Request, record: KpiResult, wanted: list[str]) -> tuple[str, list[str], list[int], bool, str]:
    """The labelled values of one KPI-year, notes on values never reported, citations, whether any
    asked was found, and the same in plain prose for a press release."""
    lang = request.lang
    doc = request.document(record.file)
    parts: list[str] = []
    notes: list[str] = []
    cites: list[int] = []
    said: list[tuple[str, str]] = []
    asked = asked_measures(request, "kpi_result") or ["target", "actual"]
    found = named = False
    for measure, field, zh, en in KPI_MEASURES:
        if measure not in wanted:
            continue
        raw = getattr(record, field)
        if measure == "rating" and record.rating_raw:
            raw = record.rating_raw  # as printed, with its mark (×差, ★(優)): what a press release quotes
        if raw is not None:
            number, names = _cite_value(request, record, measure, str(raw))
            named = named or names
            cites.append(number)
            found = found or measure in asked
            parts.append(pick(lang, f"{zh} {plain(str(raw))} [{number}]", f"{en} {plain(str(raw))} [{number}]"))
            said.append((pick(lang, zh, en), str(raw)))
            continue
        if measure not in VALUE_MEASURES[:2]:
            continue
        parts.append(pick(lang, f"{zh}：未報告", f"{en}: not reported"))
        said.append((pick(lang, zh, en), pick(lang, "未報告", "not reported")))
        if measure == "actual" and reports_actuals(request, record):
            note = cite_no_data(request, record)
            if note:
                marks = "".join(f"[{n}]" for n in note[1])
                notes.append(pick(lang, f"{record.year_roc}年 {record.kpi_code} 的實際值沒有報告：原文註明「{plain(note[0])}」{marks}。",
                                  f"The ROC {record.year_roc} actual of {record.kpi_code} was not reported; the source "
                                  f"notes 「{plain(note[0])}」 {marks}."))
        elif measure == "actual":
            notes.append(pick(lang, f"{record.year_roc}年在這份文件中只有目標值，沒有實際值。",
                              f"For ROC {record.year_roc} this document gives targets only, no actuals."))
    marker = ""
    if not named:  # no value quote names the KPI: its name line is cited on its own
        name_cite = request.citations.cite_or_head(record.file, record.line, record.end_line, kpi_cell(doc, record))
        cites.insert(0, name_cite)
        marker = f" [{name_cite}]"
    name = plain(record.kpi_name)
    label = pick(lang, f"{record.year_roc}年 {record.kpi_code} {name}{marker}",
                 f"ROC {record.year_roc} {record.kpi_code} {name}{marker}")
    body = ("，" if lang == "zh" else ", ").join(parts)
    text = f"{label}：{body}" if lang == "zh" else f"{label}: {body}"
    return text, notes, cites, found, _press_sentence(record, said, lang)


def kpi_values(request: Request, results: list[KpiResult], catalogue: list[StrategyKpi]) -> tuple[Composed, bool]:
    """The asked values of every KPI-year in `results`; and whether any asked value was reported."""
    lang, wanted = request.lang, _kpi_wanted(request)
    lines, notes, items, facts, press, reported = [], [], [], [], [], False
    for record in results:
        text, own, cites, found, prose = _kpi_line(request, record, wanted)
        reported = reported or found
        lines.append(f"- {text}")
        facts.append(text)
        press.append(prose)
        notes += own
        items.append(Item(label=record.label(), fields={**record.fields(), "end_line": record.end_line},
                          citations=list(dict.fromkeys(cites))))
    for record in catalogue:
        number = cite_record(request.citations, request.document(record.file), record)
        title, name = plain(request.sources.title(record.file)), plain(record.kpi_name)
        notes.append(pick(lang, f"註：《{title}》的 {record.kpi_code}「{name}」只列主責機關，沒有數值[{number}]。",
                          f"Note: 《{title}》 lists {record.kpi_code} 「{name}」 with its agency but no values [{number}]."))
    if len({(r.kpi_code, r.kpi_name) for r in results}) > 1 and not request.filters.kpi_name:
        notes.append(pick(lang, "註：KPI代碼會在不同文件與年度重複使用、指不同的指標，請依各行的名稱判讀。",
                          "Note: KPI codes are reused across documents and years for different indicators; "
                          "read each line by its name."))
    if len(lines) == 1:
        headline, lines = facts[0] + pick(lang, "。", "."), []
    else:
        headline = pick(lang, "各年度數值如下：", "The values, year by year:")
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=lines, notes=list(dict.fromkeys(notes)), items=items, draft_facts=facts, press=press,
                    chart=kpi_trend(results, lang)), reported


def printed_agencies(record: StrategyKpi, lang: str) -> str:
    """A catalogue KPI's agencies as printed, then by their full names where those differ (翡翠局（翡翠水庫
    管理局）, 北水處(WCCD)（臺北自來水事業處）): the cell is what a press office quotes, the name what it means."""
    full = join_words(record.agencies, lang)
    printed = record.agencies_raw.strip() if record.agencies_raw else ""
    bare = _ASIDE.sub("", printed)  # 工務局(WCCD) is 工務局: the aside marks the KPI, it names no agency
    return f"{printed}（{full}）" if printed and full and match_key(bare) != match_key(full) else printed or full


_ASIDE = re.compile(r"[（(][^（）()]*[）)]")


def catalogue_only(request: Request, records: list[StrategyKpi]) -> list[str]:
    """Lines naming KPIs a catalogue lists without values, with their agencies: what the refusal shows."""
    lang = request.lang
    lines = []
    for record in records:
        number = cite_record(request.citations, request.document(record.file), record)
        agencies = plain(printed_agencies(record, lang))
        title, name = plain(request.sources.title(record.file)), plain(record.kpi_name)
        lines.append(pick(lang, f"- 《{title}》{record.kpi_code} {name}（主責：{agencies}）[{number}]",
                          f"- 《{title}》 {record.kpi_code} {name} (responsible: {agencies}) [{number}]"))
    return lines


def _budget_value(record: BudgetFigure, lang: str) -> str:
    unit = record.unit or ""
    if unit == "%" or not unit:
        return f"{record.value_raw}{unit}"
    return f"{record.value_raw} {_UNITS_EN.get(unit, unit) if lang == 'en' else unit}"


def table_values(request: Request, figures: list[BudgetFigure]) -> Composed:
    """Each figure labelled by its agency, year and row as printed, citing the cell's line."""
    lang = request.lang
    lines, facts, items, press = [], [], [], []
    for record in figures:
        number = cite_record(request.citations, request.document(record.file), record)
        label = pick(lang, f"{record.agency}{record.year_roc}年度{plain(record.item)}",
                     f"{agency_label(request.sources.lexicon, record.agency, lang)}, ROC {record.year_roc}, {plain(record.item)}")
        value = plain(_budget_value(record, lang))
        lines.append(f"- {label}：{value} [{number}]" if lang == "zh" else f"- {label}: {value} [{number}]")
        facts.append(pick(lang, f"{label}為{value} [{number}]", f"{label}: {value} [{number}]"))
        press.append(pick(lang, f"{label}為{value}。", f"{label}: {value}."))
        items.append(Item(label=label, fields={**record.fields(), "end_line": record.end_line}, citations=[number]))
    files = sorted({r.file for r in figures})
    title = "、".join(f"《{plain(request.sources.title(f))}》" for f in files)
    headline = facts[0] + pick(lang, "。", ".") if len(facts) == 1 else pick(
        lang, f"{title}的表格記載：", f"From the tables of {title}:")
    notes = []
    if any(r.unit is None for r in figures):
        notes.append(pick(lang, "註：原表未註明這些數字的單位。", "Note: the table states no unit for these figures."))
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=[] if len(facts) == 1 else lines, notes=notes, items=items, draft_facts=facts,
                    press=["".join(press)] if lang == "zh" else [" ".join(press)], chart=budget_trend(figures, lang))


def _item_value(request: Request, record: ProgressItem, field: str) -> str:
    lang, lexicon = request.lang, request.sources.lexicon
    if field == "lead_agency":
        return agency_label(lexicon, record.lead_agency, lang)
    if field == "co_agencies":
        return join_words([agency_label(lexicon, a, lang) for a in record.co_agencies], lang) or "-"
    if field == "status_code":
        return status_label(record.status_code, record.status_label, lang)
    return getattr(record, field) or pick(lang, "（未載）", "(not stated)")


def item_fields(request: Request, rows: list[ProgressItem], fields: list[str]) -> Composed:
    """The asked fields of the named rows, each row cited by its item cell."""
    lang = request.lang
    lines, facts, items = [], [], []
    for record in rows:
        doc = request.document(record.file)
        number = cite_record(request.citations, doc, record)
        cites = [number]
        values = []
        for f in fields:
            value = plain(_item_value(request, record, f))
            cell = status_cell(doc, record) if f == "status_code" else None
            if cell:  # a claimed status quotes the status cell itself
                cites.append(request.citations.cite(record.file, record.line, record.line, cell))
                value = f"{value} [{cites[-1]}]"
            values.append(pick(lang, f"{ITEM_FIELDS[f][0]}：{value}", f"{ITEM_FIELDS[f][1]}: {value}"))
        text = f"{plain(record.label())} [{number}]（{'，'.join(values)}）" if lang == "zh" else \
            f"{plain(record.label())} [{number}] ({'; '.join(values)})"
        lines.append(f"- {text}")
        facts.append(text)
        items.append(Item(label=record.label(), fields={**record.fields(), "end_line": record.end_line},
                          citations=cites))
    headline = facts[0] + pick(lang, "。", ".") if len(facts) == 1 else pick(lang, "相關政策項目如下：", "The items:")
    return Composed(kind="lookup", refused=False, subject=request.understanding.question, headline=headline,
                    lines=[] if len(facts) == 1 else lines, items=items, draft_facts=facts)
