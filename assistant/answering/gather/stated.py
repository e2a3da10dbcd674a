"""Totals a document states: in words (「本項策略主題共 18 項策略目標、35 項關鍵績效指標以及 14 項施政重點」)
or in a table's total row (「合計 11 10 21 20 27 25」 under 「策略目標 KPI 行動計畫」 / 「修訂前 修訂後 …」).

A count answers from the records, and a document often says its own total; citing that line lets a
reader check the count against the source, and a count of things no record holds (施政重點, MOU,
行動計畫) can only be answered from it. A stated total in words is a number followed by a classifier
and the counted noun, in a sentence that also says 共 / 計 / 合計 / 總計 (a total, not a passing mention).
A total in a table is the row a total word opens, under a header naming the counted noun.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.index.indexed_passage import IndexedPassage
from assistant.text.normalize import match_key
from assistant.text.numbers import parse_number

_TOTAL_WORD = re.compile(r"共|計|合計|總計|總共")
# A sentence ends at a sentence mark, a line end, a table cell or markup (<p>); a bullet opening it is not
# part of it.
_SENTENCE = re.compile(r"[^。；;\n\t<>]+")
_BULLET = " \u3000▶►•·●◆■□-*"
_CLASSIFIER = r"\s*(?:項|個|筆|條|件|處|家|場|則|位|大)\s*"  # 8 大策略主題: N大 counts too


@dataclass(frozen=True)
class StatedTotal:
    passage: IndexedPassage
    number: float
    quote: str  # the sentence as printed, an exact substring of the passage text

    @property
    def line(self) -> int:
        if "#" in self.passage.id:
            return self.passage.line
        return self.passage.line + self.passage.text[: self.passage.text.find(self.quote)].count("\n")


def stated_totals(passages: list[IndexedPassage], nouns: list[str]) -> list[StatedTotal]:
    """Every sentence of `passages` stating a total of one of `nouns`, in passage order."""
    found: list[StatedTotal] = []
    keys = [match_key(n) for n in nouns if match_key(n)]
    if not keys:
        return found
    pattern = re.compile(r"(\d[\d,]*)" + _CLASSIFIER + "(" + "|".join(map(re.escape, sorted(
        {n for n in nouns if n}, key=len, reverse=True))) + ")", re.IGNORECASE)
    for passage in passages:
        for sentence in _SENTENCE.finditer(passage.text):
            text = sentence.group().strip(_BULLET)
            if not _TOTAL_WORD.search(text):
                continue
            for match in pattern.finditer(text):
                number = parse_number(match.group(1))
                if number is not None:
                    found.append(StatedTotal(passage, number, text))
    return found


# A table's total row opens with one of these words; its other cells are figures.
_TOTAL_ROW = re.compile(r"合計|總計|總數|共計|小計")
# A figure cell, with the change a revision table prints beside it: 「7(-1)」.
_FIGURE_CELL = re.compile(r"(?a)[+\-−]?\d[\d,.]*%?(?:\s*[(（][+\-−]?\d[\d,.]*[)）])?")


@dataclass(frozen=True)
class TableTotal:
    """The cells of a total row under the header naming the counted noun: `values[i]` is printed
    under `columns[i]` (a sub-column such as 修訂後, or the noun itself when it has one column)."""

    header_line: int  # the line of the header cell naming the noun
    line: int  # the total row
    label: str  # that header cell, as printed
    columns: tuple[str, ...]
    values: tuple[str, ...]
    quote: str  # the total row, as printed (stripped)


def table_cells(line: str) -> list[str]:
    """A table line's non-empty cells: tab-separated when the line has tabs, else space-separated
    (a PDF's text prints a slide table's cells with spaces)."""
    parts = line.split("\t") if "\t" in line else re.split(r"[ \u3000]+", line)
    return [p.strip() for p in parts if p.strip()]


def is_figure(cell: str) -> bool:
    """A table cell that is one figure (1,234, 12%, 3.5 (−0.2))."""
    return bool(_FIGURE_CELL.fullmatch(cell))


def table_totals(lines: Sequence[str], noun: str, reach: int) -> list[TableTotal]:
    """Every total row of a table in `lines` whose header names `noun`, looking at most `reach`
    lines above the total row for the header rows.

    A header is the nearest line above the data rows with no figure in it; when it has one cell per
    figure it is a sub-header (修訂前 修訂後 …), and the line above it groups its cells evenly
    (策略目標 KPI 行動計畫: two sub-columns each)."""
    key = match_key(noun)
    found: list[TableTotal] = []
    if not key:
        return found
    for index, line in enumerate(lines):
        cells = table_cells(line)
        if len(cells) < 2 or not _TOTAL_ROW.fullmatch(cells[0]) or not all(is_figure(c) for c in cells[1:]):
            continue
        values = cells[1:]
        headers = _headers_above(lines, index, len(values), reach)
        total = _under_noun(headers, values, key)
        if total is not None:
            header_line, label, columns, picked = total
            found.append(TableTotal(header_line, index + 1, label, columns, picked, line.strip()))
    return found


def _headers_above(lines: Sequence[str], index: int, width: int, reach: int) -> list[tuple[int, list[str]]]:
    """Up to two header rows above the data rows that end at `index`, nearest first, with their line numbers."""
    headers: list[tuple[int, list[str]]] = []
    for above in range(index - 1, max(index - reach, 0) - 1, -1):
        cells = table_cells(lines[above])
        if not cells:
            continue
        if len(cells) == width + 1 and all(is_figure(c) for c in cells[1:]) and not headers:
            continue  # a data row: its label, then one figure per column
        if any(is_figure(c) for c in cells):
            break
        headers.append((above + 1, cells))
        if len(headers) == 2:
            break
    return headers


def _under_noun(headers: list[tuple[int, list[str]]], values: list[str],
                key: str) -> tuple[int, str, tuple[str, ...], tuple[str, ...]] | None:
    """(header line, header cell, columns, values) of the header cell naming the noun, or None."""
    width = len(values)
    for level, (number, cells) in enumerate(headers):
        cells = cells[-width:] if len(cells) == width + 1 else cells  # a label column's header
        if width % len(cells):
            continue
        span = width // len(cells)
        below = headers[level - 1][1][-width:] if level and len(headers[level - 1][1]) >= width else None
        if span > 1 and below is None:
            continue  # grouped columns need the sub-header that names them
        for at, cell in enumerate(cells):
            if key == match_key(cell):
                part = slice(at * span, (at + 1) * span)
                columns = tuple(below[part]) if below else (cell,)
                return number, cell, columns, tuple(values[part])
    return None


def asked_column(columns: Sequence[str], question: str) -> int | None:
    """The column the question's words point to: the one sharing most characters with it (修正以後 →
    修訂後 over 修訂前), or None when no column shares more than the others."""
    shared = [len(set(match_key(column)) & set(match_key(question))) for column in columns]
    best = max(shared, default=0)
    return shared.index(best) if best and shared.count(best) == 1 else None
