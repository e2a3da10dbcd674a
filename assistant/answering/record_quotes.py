"""What to quote when citing a record: a short, identifying part of its row as printed.

A 000 row is cited by its item cell (`43、…`), a 001 KPI by its KPI cell, a value by the text
around it on the line that prints it. Each function returns an exact piece of the original line
(or None), and `Citations` verifies it again before a number is handed out.
"""

import re
from functools import lru_cache

from assistant.answering.citations import Citations
from assistant.corpus.manifest import Document
from assistant.parsing.models import BudgetFigure, KpiResult, PerformanceGoal, ProgressItem, Record, StrategyKpi
from assistant.text.normalize import match_key

MAX_QUOTE = 60
MAX_NAME_TO_VALUE_LINES = 20  # a value printed further from its KPI's name is quoted on its own line
_CLAUSE_END = "，。；、\t"


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def _clip(text: str, limit: int = MAX_QUOTE) -> str:
    """The text, cut to `limit` characters (a prefix stays a substring of the line)."""
    return text if len(text) <= limit else text[:limit].rstrip()


def item_cell(doc: Document, record: ProgressItem) -> str | None:
    """The 政策項目 cell (`31、提升孕婦愛心專車服務`) of a 000 row, or for an unnamed row its first text."""
    cells = _cells(doc.line(record.line))
    if record.item_no is not None:
        pattern = re.compile(rf"^{record.item_no}\s*、")
        for cell in cells:
            if pattern.match(cell):
                return _clip(cell)
    first = next((c for c in cells if len(c) > 1), None)
    return _clip(first) if first else None


def kpi_cell(doc: Document, record: StrategyKpi | KpiResult) -> str | None:
    """The cell (or line) that names the KPI by its code."""
    for number in range(record.line, record.end_line + 1):
        for cell in _cells(doc.line(number)):
            if record.kpi_code in cell:
                return _clip(cell)
    return None


def value_quote(doc: Document, line: int, value: str) -> str | None:
    """`value` with a little of its line around it, when the line holds it; the whole line if short."""
    text = doc.line(line)
    value = value.strip()
    position = text.find(value) if value else -1
    if position < 0:
        return None
    stripped = text.strip()
    if len(stripped) <= MAX_QUOTE:
        return stripped
    start = position
    while start > 0 and position - start < MAX_QUOTE // 2 and text[start - 1] not in _CLAUSE_END:
        start -= 1
    end = position + len(value)
    while end < len(text) and end - start < MAX_QUOTE and text[end] not in _CLAUSE_END:
        end += 1
    return text[start:end].strip()


def name_to_value(doc: Document, record: StrategyKpi | KpiResult, line: int, value: str) -> tuple[int, str] | None:
    """The KPI's code (or name) through `value` on `line`, as one exact quote: (first line, quote).

    A value alone (3.8%) does not say which KPI it belongs to when a slide prints two; the range
    from the name to the value does. None when the name is not on or above `line` within reach."""
    value = value.strip()
    for start in range(record.line, line + 1):
        text = doc.line(start)
        found = [(text.find(word), word) for word in (record.kpi_code, record.kpi_name) if word and word in text]
        if found:
            break
    else:
        return None
    if not value or line - start > MAX_NAME_TO_VALUE_LINES:
        return None
    column = min(position for position, _ in found)
    after = max(position + len(word) for position, word in found) if start == line else 0
    span = doc.text_between(start, line)
    value_start = len(span) - len(doc.line(line))
    at = span.find(value, value_start + after)
    if at < 0:
        return None
    return start, span[column: at + len(value)]


def status_cell(doc: Document, record: ProgressItem) -> str | None:
    """The 辦理等級 cell of a 000 row (`B執行中`), as printed."""
    wanted = f"{record.status_code}{record.status_label}"
    return next((c for c in reversed(_cells(doc.line(record.line))) if c.replace(" ", "") == wanted.replace(" ", "")),
                None)


def value_line(doc: Document, first: int, last: int, value: str, after: str | None = None) -> int | None:
    """The first line in `first..last` that starts with `value` (after a line containing `after`, if given)."""
    value = value.strip()
    if not value:
        return None
    armed = after is None
    for number in range(first, min(last, len(doc.lines)) + 1):
        text = doc.line(number).strip()
        if not armed:
            armed = after in text
            continue
        if text == value or text.startswith(value + " ") or text.startswith(value + "\t"):
            return number
    return None


def cite_record(citations: Citations, doc: Document, record: Record) -> int:
    """A citation that identifies the record's row (item, KPI, goal or table row)."""
    quote: str | None = None
    if isinstance(record, ProgressItem):
        quote = item_cell(doc, record)
    elif isinstance(record, (StrategyKpi, KpiResult)):
        quote = kpi_cell(doc, record)
    elif isinstance(record, BudgetFigure):
        quote = value_quote(doc, record.line, record.value_raw)
    elif isinstance(record, PerformanceGoal):
        quote = next((c for c in _cells(doc.line(record.line)) if record.goal.replace(" ", "") in c.replace(" ", "")),
                     None)
    return citations.cite_or_head(record.file, record.line, record.end_line, quote)


@lru_cache(maxsize=32)
def _line_keys(sha256: str, lines: tuple[str, ...]) -> tuple[str, ...]:
    """Every line of a document in match_key form, once per document version (`sha256` keys it)."""
    return tuple(match_key(line) for line in lines)


MAX_LIST_GAP = 5  # lines between two entries of one printed list: blank lines, a note wrapped over a line or two


def listed_together(doc: Document, records: list[KpiResult], others: list[Record]) -> dict[int, int]:
    """Where the document prints these KPIs as one list of their own, one per line (a deck's summary
    slide: 「關鍵績效指標（內部流程面）共13項」 over 「DP1.1產業國際交流合作案件數 (達標)」 …), the line
    of each: `{index in records: line}`; else nothing.

    It is the document saying that these rows belong together, so a list of them cites it beside each
    row. A run counts when it holds at least two thirds of the records (three at least) by code and
    name, and no row of another year (`others`) stands between it and the records: a deck reusing codes
    from year to year lists each year's set in that year's part."""
    if len(records) < 3:
        return {}
    by_code: dict[str, list[tuple[int, str]]] = {}
    for index, record in enumerate(records):
        by_code.setdefault(match_key(record.kpi_code), []).append((index, match_key(record.kpi_name)))
    lengths = {len(code) for code in by_code}
    own = {n for r in (*records, *others) for n in range(r.line, r.end_line + 1)}  # rows are not a list of them
    hits: list[tuple[int, int]] = []  # (line, record index)
    for number, key in enumerate(_line_keys(doc.sha256, doc.lines), 1):
        named = [i for n in lengths for i, name in by_code.get(key[:n], ()) if name in key]
        if named and number not in own:
            hits.append((number, named[0]))
    runs: list[list[tuple[int, int]]] = []
    for hit in hits:
        if runs and hit[0] - runs[-1][-1][0] <= MAX_LIST_GAP:
            runs[-1].append(hit)
        else:
            runs.append([hit])
    first, last = min(r.line for r in records), max(r.end_line for r in records)
    between = [r.line for r in others if r.file == doc.file]
    for run in sorted(runs, key=lambda run: -len({i for _, i in run})):
        if 3 * len({i for _, i in run}) < 2 * len(records) or len({i for _, i in run}) < 3:
            break
        start, end = run[0][0], run[-1][0]
        if any(end < n < first or last < n < start for n in between):
            continue
        found: dict[int, int] = {}
        for number, index in run:
            found.setdefault(index, number)
        return found
    return {}
