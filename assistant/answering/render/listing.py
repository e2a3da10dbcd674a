"""List and count answers: every matching record, each on its own line with its own citation.

The records come from `gather.records.select`, an exact query, so a list is complete by construction.
A count says the number, and the document's own stated total where it states one, then what it
counted. Known gaps of a table (rows whose name was lost) are stated where they could change the
answer. Which columns show follows the ask: an agency's role, and any field it asked to see.
"""

from dataclasses import dataclass

from assistant.answering.citations import escape_source_brackets as plain
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import Item
from assistant.answering.gather.passages import theme_passages
from assistant.answering.gather.stated import StatedTotal, stated_totals
from assistant.answering.language import agency_label, join_words, pick, status_label
from assistant.answering.record_quotes import cite_record, kpi_cell, listed_together
from assistant.answering.render.charts import kpi_trend
from assistant.answering.render.subjects import describe
from assistant.answering.render.values import cite_no_data, printed_agencies
from assistant.linking.schema import GOAL_TYPE
from assistant.parsing.models import FIELD_ALIASES, KpiResult, ProgressItem, Record, StrategyKpi
from assistant.parsing.progress_table import MERGED_COLUMNS

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
# Fields a list may be asked to show beyond its usual columns, with their labels.
_SHOWN = {"co_agencies": ("協辦", "co"), "lead_agency": ("主辦", "lead"), "status_code": ("辦理等級", "status"),
          "target": ("年度目標", "target"), "category": ("類別", "category"), "outline": ("綱要", "outline"),
          "domain": ("領域", "domain")}


@dataclass
class Unit:
    """One counted thing: a record, a goal standing for the records under it, or a KPI standing for its years."""

    label: str
    fields: dict
    record: Record
    years: list[Record] | None = None  # a KPI's records, one per year, when the list spans years


def _fields(record: Record) -> dict:
    data = record.fields()
    picked = {name: data.get(name) for name in _ITEM_FIELDS.get(record.record_type, ())}
    return {**picked, "record_type": record.record_type, "file": record.file, "line": record.line,
            "end_line": record.end_line, "period": record.period.label}


def _progress_line(request: Request, record: ProgressItem, shown: list[str]) -> str:
    lang, lexicon = request.lang, request.sources.lexicon
    if record.item_no is not None:
        name = record.label()
    else:  # no name: the row's own target says what it is
        guess = pick(lang, f"，依位置推測為#{record.item_no_inferred}", f", #{record.item_no_inferred} by position") \
            if record.item_no_inferred else ""
        target = pick(lang, f"，年度目標：{record.target}", f", target: {record.target}") if record.target else ""
        name = pick(lang, f"（L{record.line}，項目名稱缺漏{guess}{target}）", f"(L{record.line}, item name lost{guess}{target})")
    parts = [name, pick(lang, "主辦：", "lead: ") + agency_label(lexicon, record.lead_agency, lang)]
    if "co_agencies" in shown:
        co = join_words([agency_label(lexicon, a, lang) for a in record.co_agencies], lang) or "-"
        parts.append(pick(lang, "協辦：", "co: ") + co)
    for field in shown:
        if field in ("co_agencies", "lead_agency", "status_code") or field not in _SHOWN:
            continue
        value = getattr(record, field, None)
        if value:
            zh, en = _SHOWN[field]
            parts.append(pick(lang, f"{zh}：{value}", f"{en}: {value}"))
    parts.append(status_label(record.status_code, record.status_label, lang))
    if "period" in shown:
        parts.insert(0, record.period.label)
    return "｜".join(parts) if lang == "zh" else " | ".join(parts)


def _kpi_line(request: Request, record: StrategyKpi | KpiResult) -> str:
    lang, lexicon = request.lang, request.sources.lexicon
    sep = "｜" if lang == "zh" else " | "
    if isinstance(record, StrategyKpi):
        # the cell as printed in Chinese (北水處(WCCD)), a quotable fact; English readers get the names
        agencies = printed_agencies(record, lang) if lang == "zh" else \
            join_words([agency_label(lexicon, a, lang) for a in record.agencies], lang) or record.agencies_raw
        parts = [f"{record.kpi_code} {record.kpi_name}", pick(lang, "主責：", "responsible: ") + agencies]
        if record.wccd and "WCCD" not in agencies:
            parts.append("WCCD")
        return sep.join(parts)
    parts = [pick(lang, f"{record.year_roc}年 ", f"ROC {record.year_roc} ") + f"{record.kpi_code} {record.kpi_name}"]
    f = request.filters
    # the score a rating is given by, when the ask filters or ranks on either (自評為優, 總得分最高)
    score = record.score if f.rating or "kpi_result.score" in f.measures or any(
        t.field == "kpi_result.score" for t in f.thresholds) or (f.superlative and f.superlative.field in (
            "kpi_result.score", "kpi_result.rating")) else None
    for value, zh, en in ((record.target_raw, "目標值", "target"), (record.actual_raw, "實際值", "actual"),
                          (record.achievement_raw, "達成度", "achievement"), (score, "KPI總得分", "score"),
                          (record.rating_raw or record.rating, "自評燈號", "rating")):  # as printed: ★(優)
        if value:
            parts.append(pick(lang, f"{zh} {value}", f"{en} {value}"))
    return sep.join(parts)


def units(record_type: str, records: list[Record]) -> list[Unit]:
    """What is listed and counted: records, or for goals the distinct goals of each document in source
    order (a deck reporting several years heads each year's KPIs with the same goals)."""
    if record_type == GOAL_TYPE:
        goals: dict[tuple[str, str, str | None], Unit] = {}
        for r in records:
            goals.setdefault((r.file, r.goal_code, r.goal_name), Unit(
                f"{r.goal_code} {r.goal_name}" if r.goal_name else r.goal_code,
                {"record_type": GOAL_TYPE, "goal_code": r.goal_code,
                                                 "goal_name": r.goal_name, "year_roc": getattr(r, "year_roc", None),
                                                 "file": r.file, "line": r.line, "end_line": r.line,
                                                 "period": r.period.label}, r))
        return list(goals.values())
    if record_type == "performance_goal":
        seen: dict[str, Unit] = {}
        for r in records:
            key = "".join(r.goal.split())
            seen.setdefault(key, Unit(key, {"record_type": "performance_goal", "goal": key, "file": r.file,
                                            "line": r.line, "end_line": r.line, "period": r.period.label}, r))
        return list(seen.values())
    if record_type == "kpi_result" and len({r.year_roc for r in records}) > 1:
        kpis: dict[tuple[str, str, str], list[Record]] = {}
        for r in records:
            kpis.setdefault((r.file, r.kpi_code, r.kpi_name), []).append(r)
        return [Unit(f"{code} {name}", {**_fields(rs[0]), "years": [r.year_roc for r in rs]}, rs[0], rs)
                for (_, code, name), rs in kpis.items()]
    return [Unit(r.label(), _fields(r), r) for r in records]


def unit_line(request: Request, unit: Unit, shown: list[str]) -> str:
    record = unit.record
    if unit.years:
        values = [_kpi_line(request, r).split("｜" if request.lang == "zh" else " | ", 1) for r in unit.years]
        years = ("；" if request.lang == "zh" else "; ").join(
            f"{r.year_roc}年 {v[1]}" if request.lang == "zh" and len(v) > 1 else f"ROC {r.year_roc} {v[1]}"
            if len(v) > 1 else str(r.year_roc) for r, v in zip(unit.years, values))
        return f"{unit.label}｜{years}" if request.lang == "zh" else f"{unit.label} | {years}"
    if unit.fields.get("record_type") in (GOAL_TYPE, "performance_goal"):
        return unit.label
    if isinstance(record, ProgressItem):
        return _progress_line(request, record, shown)
    if isinstance(record, (StrategyKpi, KpiResult)):
        return _kpi_line(request, record)
    return unit.label


def _draft_phrase(request: Request, unit: Unit) -> str:
    """How a press release names one counted thing: 第31項「提升孕婦愛心專車服務」, 「失業率」指標 (a
    KPI by its name, not its code)."""
    record, lang = unit.record, request.lang
    if isinstance(record, ProgressItem) and unit.fields.get("record_type") == "progress_item":
        if record.item_no is None:
            return pick(lang, f"原表第{record.line}列（項目名稱缺漏）", f"row {record.line} of the table (item name lost)")
        return pick(lang, f"第{record.item_no}項「{record.item_name}」", f"item #{record.item_no} 「{record.item_name}」")
    if isinstance(record, (StrategyKpi, KpiResult)) and unit.fields.get("record_type") != GOAL_TYPE:
        return pick(lang, f"「{record.kpi_name}」指標", f"the 「{record.kpi_name}」 indicator")
    if unit.fields.get("record_type") == GOAL_TYPE:
        return f"「{unit.fields.get('goal_name') or unit.label}」"
    return f"「{unit.label}」"


# The field a count is broken down by, per record type, when its rows differ in it.
_BREAKDOWN = {"progress_item": "status_code", "strategy_kpi": "theme_name"}
MAX_BREAKDOWN = 10  # more groups than this read as a list, not a breakdown


def breakdown(request: Request, found: list[Unit]) -> list[tuple[str, int]]:
    """(value, count) of the counted units by their type's breakdown field, largest first; empty when
    they do not differ in it or differ too much to read as one sentence."""
    counts: dict[str, int] = {}
    for unit in found:
        field = _BREAKDOWN.get(unit.fields.get("record_type", ""))
        if field is None:
            return []
        value = getattr(unit.record, field, None)
        if field == "status_code":
            value = status_label(value, getattr(unit.record, "status_label", None), request.lang)
        counts[str(value)] = counts.get(str(value), 0) + 1
    if not 2 <= len(counts) <= MAX_BREAKDOWN:
        return []
    return sorted(counts.items(), key=lambda pair: -pair[1])


def _breakdown_clause(request: Request, parts: list[tuple[str, int]]) -> str:
    if not parts:
        return ""
    if request.lang == "en":
        return ", of which " + ", ".join(f"{value} {n}" for value, n in parts)
    return "，其中" + "、".join(f"{value} {n} 項" for value, n in parts)


def cite_unit(request: Request, unit: Unit) -> int:
    record = unit.record
    doc = request.document(record.file)
    for other in (unit.years or [])[1:]:  # every year's row is cited; the first is the unit's marker
        cite_record(request.citations, doc, other)
    if unit.fields.get("record_type") == GOAL_TYPE:
        cell = next((c.strip() for c in doc.line(record.line).split("\t") if record.goal_code in c), None)
        if cell:
            return request.citations.cite_or_head(record.file, record.line, record.line, cell)
        return request.citations.cite_or_head(record.file, record.line, record.end_line, kpi_cell(doc, record))
    return cite_record(request.citations, doc, record)


def _listed_together(request: Request, found: list[Unit]) -> dict[int, int]:
    """Citations of the lines where the document lists these KPIs as a set of their own (a summary
    slide), by unit index: the document's word that they belong together."""
    records = [u.record for u in found if isinstance(u.record, KpiResult)]
    if not records or len(records) < len(found) or len({r.file for r in records}) > 1:
        return {}
    years = {r.year_roc for r in records}
    others = [r for r in request.sources.memory.of_type("kpi_result") if r.file == records[0].file
              and r.year_roc not in years]
    doc = request.document(records[0].file)
    lines = listed_together(doc, records, others)
    return {at: request.citations.cite(doc.file, line, line, doc.line(line).strip()) for at, line in lines.items()}


def shown_fields(request: Request) -> list[str]:
    """The columns a list shows beyond its usual ones: those asked to be shown, and an item field the
    ask asks for of every row (項目的年度目標各是什麼)."""
    f = request.filters
    shown = list(f.show)
    asked = [m.split(".", 1)[1] for m in f.measures if m.startswith("progress_item.")]
    # not a column the rows all share because the ask filters on it (綱要「性別友善」底下)
    shown += [m for m in asked if m in _SHOWN and m not in ("lead_agency", "status_code") and not getattr(f, m, None)]
    if f.agency_role in ("co", "lead_or_co") or f.has_co_agency is not None:
        shown.append("co_agencies")
    return list(dict.fromkeys(shown))


def _probable_leads(request: Request) -> dict[tuple[str, int], str]:
    """(file, line) → lead agency for each row with a blank 主辦 cell whose neighbours in the table agree on one."""
    rows = request.sources.memory.of_type("progress_item")
    leads: dict[tuple[str, int], str] = {}
    for before, row, after in zip(rows, rows[1:], rows[2:]):
        same_table = before.file == row.file == after.file
        if same_table and row.lead_agency is None and before.lead_agency and before.lead_agency == after.lead_agency:
            leads[(row.file, row.line)] = before.lead_agency
    return leads


# Each kind of gap note: (Chinese, English) wording around the rows it concerns.
_GAP_NOTES = {
    "listed": ("這些列在原表中沒有項目名稱，上表以列號標示。",
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


def _gap_kind(request: Request, row: ProgressItem, matched: set[tuple[str, int]],
              probable: dict[tuple[str, int], str]) -> str | None:
    f = request.filters
    if (row.file, row.line) in matched:
        return "listed"
    if f.files and row.file not in f.files:
        return None
    if f.status and row.status_code != f.status:
        return None
    if f.agency and f.agency_role in ("lead", "lead_or_co", None) and row.lead_agency is None \
            and probable.get((row.file, row.line)) == f.agency:
        return "probable_lead"
    if f.has_co_agency is False and row.lead_agency is None and not row.co_agencies:
        return "co_unknown"
    if (f.category or f.outline or f.domain) and row.category is None:
        return "category_unknown"
    return None


# The merged columns an ask may name a label of (the parser's), by their Chinese column names and their own.
_MERGED_NAMES = {column: (next(zh for zh, field in FIELD_ALIASES.items() if field == column and not zh.isascii()),
                          column) for column in MERGED_COLUMNS}


def position_notes(request: Request, matched: list[Record]) -> list[str]:
    """A note on the rows placed under a named 綱要 or 領域 by position: the table prints the label once
    for its block and leaves the cell blank below (or around) it, so which block a blank row is in is
    read from where it stands, not from a printed label (`gather.blocks`)."""
    f, lang = request.filters, request.lang
    asked = [(column, names, label) for column, names in _MERGED_NAMES.items() if (label := getattr(f, column))]
    blank = [r for r in matched if isinstance(r, ProgressItem) and any(getattr(r, c) is None for c, _, _ in asked)]
    if not blank:
        return []
    columns = [(names, label) for column, names, label in asked if any(getattr(r, column) is None for r in blank)]
    where = ("、" if lang == "zh" else ", ").join(f"L{r.line}" for r in blank)
    cites = "".join(f"[{cite_record(request.citations, request.document(r.file), r)}]" for r in blank)
    zh_cells = "、".join(f"「{names[0]}」" for names, _ in columns)
    en_cells = " and ".join(names[1] for names, _ in columns)
    labels = "、".join(dict.fromkeys(f"「{plain(label)}」" for _, label in columns))
    return [pick(lang, f"註：{where}{cites}的{zh_cells}欄在原表為空白（合併儲存格只印一次），依所在位置歸入{labels}，請以原表核對。",
                 f"Note: {where} {cites}: the {en_cells} cell is blank in the source table (a merged cell is "
                 f"printed once); these rows are placed under {labels} by their position.")]


def gap_notes(request: Request, matched: list[Record]) -> list[str]:
    """Notes on the rows whose name was lost, where they are in the answer or could be."""
    f, lang = request.filters, request.lang
    rows = [r for r in request.sources.memory.of_type("progress_item") if r.item_no is None]
    matched_at = {(r.file, r.line) for r in matched}
    probable = _probable_leads(request) if rows and f.agency else {}
    by_kind: dict[str, list[ProgressItem]] = {}
    for row in rows:
        kind = _gap_kind(request, row, matched_at, probable)
        if kind:
            by_kind.setdefault(kind, []).append(row)
    notes = []
    for kind, found in by_kind.items():
        where = ("、" if lang == "zh" else ", ").join(f"L{r.line}" for r in found)
        cites = "".join(f"[{request.citations.cite_head(r.file, r.line)}]" for r in found)
        zh, en = _GAP_NOTES[kind]
        notes.append(pick(lang, f"註：{where}{cites}：" + zh.format(agency=f.agency),
                          f"Note: {where} {cites}: " + en.format(agency=f.agency)))
    if not any((f.agency, f.status, f.category, f.outline, f.domain, f.has_co_agency is not None, f.item_nos, f.names,
                f.about)):
        for file in sorted({r.file for r in matched}):
            numbers = sorted(r.item_no for r in request.sources.memory.of_type("progress_item")
                             if r.item_no and r.file == file)
            missing = [n for n in range(1, numbers[-1] + 1) if n not in numbers] if numbers else []
            if missing:
                listed = "、".join(f"#{n}" for n in missing)
                notes.append(pick(lang, f"註：編號 1–{numbers[-1]} 中，原表沒有 {listed} 這一列。",
                                  f"Note: of numbers 1–{numbers[-1]}, the table has no row {listed}."))
    return notes


# Fields that split a document's rows into its own sections: a stated total may leave one section out.
_SECTION_FIELDS = ("theme_name", "group", "domain")


def stated_total(request: Request, record_type: str, records: list[Record]) -> StatedTotal | None:
    """The document's own statement of the total of these rows, when the count's scope is the document's."""
    if not records:
        return None
    f = request.filters
    if any((f.agency, f.status, f.category, f.outline, f.domain, f.perspective, f.target_met is not None,
            f.rating, f.wccd, f.names, f.about, f.goal_code, f.goal_name, f.kpi_code, f.kpi_name)):
        return None  # a subset of the rows: the document states no total for it
    nouns = list(request.sources.vocabulary.schema.nouns.get(record_type, ()))
    files = {r.file for r in records}
    scope = theme_passages(request, records) if f.group else \
        [p for p in request.sources.index.passages if p.file in files]
    totals = stated_totals(scope, nouns)
    return totals[0] if totals else None


def _section_outside(found: list[Unit], difference: int) -> tuple[str, str] | None:
    """(field, value) of the one section whose rows are exactly the difference between the count and
    the document's stated total: the rows the document's own total does not count."""
    for field in _SECTION_FIELDS:
        values = [getattr(u.record, field, None) for u in found]
        if None in values:
            continue
        sizes: dict[str, int] = {}
        for value in values:
            sizes[value] = sizes.get(value, 0) + 1
        matching = [v for v, size in sizes.items() if size == difference]
        if len(matching) == 1 and len(sizes) > 1:
            return field, matching[0]
    return None


def _stated_sentence(request: Request, total: StatedTotal, count: int, outside: tuple[str, str] | None) -> str:
    number = request.citations.cite_or_head(total.passage.file, total.line, total.line, total.quote)
    value = int(total.number) if total.number.is_integer() else total.number
    quote = plain(total.quote)
    if value == count:
        return pick(request.lang, f"文件本身也載明此數：「{quote}」[{number}]",
                    f"The document states the same total: 「{quote}」 [{number}]")
    if outside:
        return pick(request.lang, f"文件本身載明：「{quote}」[{number}]；其總數不含「{plain(outside[1])}」。",
                    f"The document states: 「{quote}」 [{number}]; its total leaves out 「{plain(outside[1])}」.")
    return pick(request.lang, f"註：文件本身載明的是 {value}：「{quote}」[{number}]；上列為依紀錄逐筆計數。",
                f"Note: the document itself states {value}: 「{quote}」 [{number}]; the count above is of the "
                f"records one by one.")


def render_records(request: Request, record_type: str, records: list[Record], count: bool) -> Composed:
    """The complete list (or count) of `records`, which are not empty."""
    subject = describe(request, record_type, records)
    found = units(record_type, records)
    lang = request.lang
    total = stated_total(request, record_type, records) if count else None
    outside = _section_outside(found, len(found) - int(total.number)) \
        if total and total.number.is_integer() and 0 < total.number < len(found) else None
    left_out = [u for u in found if outside and getattr(u.record, outside[0], None) == outside[1]]
    found = [u for u in found if u not in left_out]  # counted as the document counts them; the rest below
    shown = shown_fields(request)
    if len({r.period.label for r in records}) > 1 and record_type == "progress_item":
        shown.append("period")  # rows of several periods are labelled with theirs
    lines, items, phrases, named = [], [], [], []
    together = _listed_together(request, found)
    for at, unit in enumerate(found):
        number = cite_unit(request, unit)
        numbers = [number, *([together[at]] if at in together else [])]
        line = f"- {plain(unit_line(request, unit, shown))} {''.join(f'[{n}]' for n in numbers)}"
        missing = cite_no_data(request, unit.record) if isinstance(unit.record, KpiResult) and not unit.years else None
        if missing:  # a row without its actual: the document's own remark on why, cited where it names the row
            line += pick(lang, f"（實際值未報告，原文註明「{plain(missing[0])}」", f" (actual not reported; the source notes "
                         f"「{plain(missing[0])}」") + "".join(f"[{n}]" for n in missing[1]) + pick(lang, "）", ")")
            numbers += missing[1]
        lines.append(line)
        items.append(Item(label=unit.label, fields=unit.fields, citations=numbers))
        phrases.append(f"{plain(_draft_phrase(request, unit))}[{number}]")
        named.append(_draft_phrase(request, unit))
    n = len(found)
    parts = breakdown(request, found) if count else []
    clause = _breakdown_clause(request, parts)
    if count:
        headline = pick(lang, f"{subject}共 {n} 項{clause}。", f"There are {n} {subject}{clause}.")
    else:
        headline = pick(lang, f"{subject}共 {n} 項：", f"There are {n} {subject}:")
    notes = []
    if record_type == "progress_item":
        notes += position_notes(request, records) + gap_notes(request, records)
    if total:
        notes.append(_stated_sentence(request, total, n, outside))
    if left_out:
        numbers = "".join(f"[{cite_unit(request, u)}]" for u in left_out)
        notes.append(pick(lang, f"另有「{plain(outside[1])}」{len(left_out)} 項{numbers}，不在文件所載的總數內。",
                          f"Another {len(left_out)} in 「{plain(outside[1])}」 {numbers} are outside the document's total."))
    if count and n > request.sources.settings.max_listed_in_count:
        lines = []  # the number leads; the items are the table's, not the text's
    if count and (parts or n > request.sources.settings.max_listed_in_count):
        press = pick(lang, f"{subject}計有{n}項{clause.replace(' ', '')}。", f"There are {n} {subject}{clause}.")
    else:
        press = pick(lang, f"{subject}計有{n}項，分別為{'、'.join(named)}。",
                     f"There are {n} {subject}: {'; '.join(named)}.")
    return Composed(kind="count" if count else "list", refused=False, subject=subject, headline=headline,
                    lines=lines, notes=notes, items=items, draft_facts=phrases, press=[press], itemised=True,
                    chart=kpi_trend([r for r in records if isinstance(r, KpiResult)], lang)
                    if record_type == "kpi_result" else None)
