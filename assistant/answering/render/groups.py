"""Breakdowns: 「各局處B執行中的項目各有幾項」 → one row per group, with its count and its items.

The answer leads with the table (group, count, the items behind each count), largest group first;
for 「哪個主題最多」 the headline names the top group. Every item keeps its own citation. The chart
plots the same counts, split by status where the rows have one and the grouping is not by status.
"""

from collections import Counter, defaultdict

from assistant.answering.citations import escape_source_brackets as plain
from assistant.answering.composed import Composed
from assistant.answering.context import Request
from assistant.answering.contract import Item
from assistant.answering.language import agency_label, pick, status_label
from assistant.answering.render.charts import group_counts
from assistant.answering.render.listing import cite_unit, units
from assistant.answering.render.subjects import describe
from assistant.parsing.models import Record

_LIST_FIELDS = ("co_agencies", "agencies")


NO_VALUE = "-"  # the group of rows whose list field (co-agencies) is empty, as the table prints it


def _group_values(request: Request, record: Record, field: str) -> list[str]:
    value = getattr(record, field, None)
    if field == "status_code":
        return [status_label(record.status_code, getattr(record, "status_label", None), request.lang)]
    if isinstance(value, list):
        return [agency_label(request.sources.lexicon, v, request.lang) for v in value] or [NO_VALUE]
    if field in ("lead_agency", "agency"):
        return [agency_label(request.sources.lexicon, value, request.lang)]
    return [str(value) if value not in (None, "") else _not_stated(request.lang)]


def _not_stated(lang: str) -> str:
    return pick(lang, "（未載）", "(not stated)")


def render_groups(request: Request, record_type: str, records: list[Record], field: str) -> Composed:
    lang = request.lang
    groups: dict[str, list[Item]] = defaultdict(list)
    statuses: dict[str, Counter] = defaultdict(Counter)
    for unit in units(record_type, records):
        number = cite_unit(request, unit)
        code = getattr(unit.record, "status_code", None)
        status = status_label(code, getattr(unit.record, "status_label", None), lang) \
            if code and field != "status_code" else ""
        for value in _group_values(request, unit.record, field):
            groups[value].append(Item(label=unit.label, fields={**unit.fields, "group": value}, citations=[number]))
            statuses[value][status] += 1
    unstated = {NO_VALUE, _not_stated(lang)}
    # Largest first; the rows that leave the field blank last, as they belong to no group.
    ordered = sorted(groups.items(), key=lambda pair: (pair[0] in unstated, -len(pair[1]), pair[0]))
    subject = describe(request, record_type, records)
    lines = [pick(lang, "| 分組 | 項數 | 項目 |", "| group | count | items |"), "|---|---|---|"]
    facts = []
    for value, items in ordered:
        labels = "、".join(f"{plain(i.label)} [{i.citations[0]}]" for i in items)
        lines.append(f"| {plain(value)} | {len(items)} | {labels} |")
        facts.append(pick(lang, f"{plain(value)} {len(items)} 項", f"{plain(value)}: {len(items)}"))
    total = len(units(record_type, records))
    ranked = [(value, items) for value, items in ordered if value not in unstated]
    blank = sum(len(items) for value, items in ordered if value in unstated)
    if request.filters.extreme and ranked:
        most = len(ranked[0][1])
        top = [plain(v) for v, items in ranked if len(items) == most]
        headline = pick(lang, f"{subject}共 {total} 項，最多的是{'、'.join(top)}（{most} 項）。",
                        f"Of {total} {subject}, the most are in {', '.join(top)} ({most}).")
    else:
        aside = pick(lang, f"（另 {blank} 項此欄空白）", f" ({blank} with the field blank)") if blank else ""
        headline = pick(lang, f"{subject}共 {total} 項，分為 {len(ranked)} 組{aside}：",
                        f"{total} {subject}, in {len(ranked)} groups{aside}:")
    items = [item for _, group in ordered for item in group]
    press = pick(lang, f"{subject}共{total}項，依分組為：{'、'.join(f.replace(' ', '') for f in facts)}。",
                 f"{total} {subject}: {'; '.join(facts)}.")
    chart = group_counts([(value, statuses[value]) for value, _ in ordered],
                         pick(lang, f"{subject}分組項數", f"{subject} by group"), lang)
    return Composed(kind="count", refused=False, subject=request.understanding.question, headline=headline,
                    lines=lines, items=items, draft_facts=facts, press=[press], chart=chart, itemised=True)
