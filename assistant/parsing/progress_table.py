"""Record parser for the half-yearly progress table (白皮書 辦理情形): one `ProgressItem` per 政策項目 row.

The table's columns drift from row to row (extra, missing and duplicated cells), so nothing here
indexes a column by position. Each row is anchored on two cells found by their shape: the item cell
(`N、…` followed by an agency) and the status cell (`A已完成或例行性業務` / `B執行中`). Everything else
is read relative to those anchors.
"""

import re
from dataclasses import dataclass
from itertools import groupby

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.errors import ParseError
from assistant.parsing.models import ProgressItem, provenance
from assistant.parsing.result import ParseResult

ITEM_RE = re.compile(r"^(\d{1,3})、(.*)$", re.S)
STATUS_RE = re.compile(r"^([AB])(已完成或例行性業務|執行中)$")
CATEGORY_RE = re.compile(r"^([一二三四五六七八九十百]+)、")
HEADER_CELLS = {"政策項目", "辦理等級"}
# Cells from the item cell to the status cell: item, 主辦, 協辦, 目標, 工作項目, 辦理情形.
FULL_SPAN = 6

# The columns a merged cell spans a block of rows in, outermost first (領域 ⊃ 綱要): printed once, blank
# on the block's other rows. A 領域 label may sit on a middle row of its block (after a page break the
# text lands where the block's part on that page is centred); a 綱要 label heads its block.
MERGED_COLUMNS = ("domain", "outline")
MID_BLOCK_COLUMNS = frozenset({"domain"})

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(text: str) -> int:
    """Value of a Chinese numeral up to 九百九十九 (the 類別 numbering 一…九十八)."""
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in ("十", "百"):
            total += (digit or 1) * (10 if char == "十" else 100)
            digit = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + digit


def category_number(category: str | None) -> int | None:
    """The 類別 sequence number (`七十七、文化場域…` → 77), or None."""
    match = CATEGORY_RE.match(category or "")
    return chinese_number(match.group(1)) if match else None


@dataclass
class _Row:
    """One data row as read, before forward-filling and number inference."""

    line: int
    item_no: int | None
    item_name: str | None
    item_cell: str | None
    category: str | None
    domain: str | None
    outline: str | None
    lead_agency: str | None
    co_agencies: list[str]
    target: str
    work_items: str
    results: str
    status_code: str
    status_label: str


def _blank_to_none(cell: str) -> str | None:
    return cell or None


def _find_item_cell(cells: list[str], lexicon: AgencyLexicon) -> int | None:
    """Index of the `N、…` cell that is followed by an agency cell (the real 政策項目 column)."""
    hits = [
        i for i in range(len(cells) - 1) if ITEM_RE.match(cells[i]) and lexicon.canonical(cells[i + 1])
    ]
    return hits[-1] if hits else None


def _split_hierarchy(
    line: int, pre: list[str], item_cell: str, warnings: list[str]
) -> tuple[str | None, str | None, str | None]:
    """(領域, 綱要, 類別) from the cells left of the item cell, whatever their number.

    A trailing copy of the item text (L40–44) is dropped; the 類別 is the last Chinese-numbered
    cell; 領域 is the first cell and 綱要 the second, unless they are that 類別 or there are too few
    cells for them. An inserted empty cell before the 類別 (+1 shift) is thus skipped.
    """
    while pre and ITEM_RE.match(pre[-1]):
        if pre[-1] != item_cell:
            warnings.append(f"line {line}: a second 政策項目 cell {pre[-1][:20]!r} differs from {item_cell[:20]!r}")
        pre = pre[:-1]
    category_at = max((i for i, cell in enumerate(pre) if CATEGORY_RE.match(cell)), default=None)
    domain = pre[0] if pre and category_at != 0 else ""
    outline = pre[1] if len(pre) >= 3 and category_at != 1 else ""
    used = {0, 1} if len(pre) >= 3 else {0}
    if category_at is not None:
        used.add(category_at)
    stray = [cell for i, cell in enumerate(pre) if i not in used and cell]
    if stray:
        warnings.append(f"line {line}: unplaced cell(s) before the 政策項目: {', '.join(stray)}")
    category = pre[category_at] if category_at is not None else ""
    return _blank_to_none(domain), _blank_to_none(outline), _blank_to_none(category)


def _co_agencies(line: int, cell: str, lexicon: AgencyLexicon, warnings: list[str]) -> list[str]:
    found, leftovers = lexicon.split(cell)
    if leftovers:
        warnings.append(f"line {line}: 協辦 fragments not in the agency lexicon: {', '.join(leftovers)}")
    return found


def _lead_agency(line: int, cell: str, lexicon: AgencyLexicon, warnings: list[str]) -> str | None:
    if not cell:
        return None
    name = lexicon.canonical(cell)
    if name is None:
        warnings.append(f"line {line}: 主辦 {cell!r} is not in the agency lexicon")
    return name


def _read_row(line: int, cells: list[str], lexicon: AgencyLexicon, warnings: list[str]) -> _Row | None:
    """A data row anchored on its status and item cells; None (with a warning) if it cannot be placed."""
    statuses = [i for i, cell in enumerate(cells) if STATUS_RE.match(cell)]
    if len(statuses) != 1:
        warnings.append(f"line {line}: expected one 辦理等級 cell, found {len(statuses)}; row skipped")
        return None
    status_at = statuses[0]
    code, label = STATUS_RE.match(cells[status_at]).groups()
    if any(cells[status_at + 1 :]):
        warnings.append(f"line {line}: text after the 辦理等級 cell ignored")
    item_at = _find_item_cell(cells[:status_at], lexicon)
    if item_at is None:
        return _read_unnamed_row(line, cells, status_at, code, label, lexicon, warnings)
    span = status_at - item_at
    if span not in (FULL_SPAN, FULL_SPAN - 1):
        warnings.append(f"line {line}: {span - 1} cells between 政策項目 and 辦理等級, expected 5; row skipped")
        return None
    if span == FULL_SPAN - 1:
        warnings.append(f"line {line}: the 辦理情形 cell is missing (its text may be merged into 重要工作項目)")
    number, name = ITEM_RE.match(cells[item_at]).groups()
    domain, outline, category = _split_hierarchy(line, cells[:item_at], cells[item_at], warnings)
    return _Row(
        line=line,
        item_no=int(number),
        item_name=name.strip() or None,
        item_cell=" ".join(cells[item_at].split()),
        category=category,
        domain=domain,
        outline=outline,
        lead_agency=lexicon.canonical(cells[item_at + 1]),
        co_agencies=_co_agencies(line, cells[item_at + 2], lexicon, warnings),
        target=cells[item_at + 3],
        work_items=cells[item_at + 4],
        results=cells[item_at + 5] if span == FULL_SPAN else "",
        status_code=code,
        status_label=label,
    )


def _read_unnamed_row(
    line: int, cells: list[str], status_at: int, code: str, label: str, lexicon: AgencyLexicon, warnings: list[str]
) -> _Row | None:
    """A row whose 政策項目 cell was lost: read the five cells left of the status cell."""
    lead_at = status_at - (FULL_SPAN - 1)
    if lead_at < 0 or any(cells[:lead_at]):
        warnings.append(f"line {line}: no 政策項目 cell and the row does not fit the table; row skipped")
        return None
    return _Row(
        line=line,
        item_no=None,
        item_name=None,
        item_cell=None,
        category=None,
        domain=None,
        outline=None,
        lead_agency=_lead_agency(line, cells[lead_at], lexicon, warnings),
        co_agencies=_co_agencies(line, cells[lead_at + 1], lexicon, warnings),
        target=cells[lead_at + 2],
        work_items=cells[lead_at + 3],
        results=cells[lead_at + 4],
        status_code=code,
        status_label=label,
    )


def _read_rows(doc: Document, lexicon: AgencyLexicon, warnings: list[str]) -> list[_Row]:
    rows: list[_Row] = []
    headers = 0
    for number, text in enumerate(doc.lines, start=1):
        cells = [cell.strip() for cell in text.split("\t")]
        if len(cells) < 2 or not any(cells):
            continue  # blank lines and the title
        if HEADER_CELLS <= set(cells):
            headers += 1
            continue
        row = _read_row(number, cells, lexicon, warnings)
        if row is not None:
            rows.append(row)
    if headers == 0:
        raise ParseError(f"{doc.file} has no 政策項目/辦理等級 header row: not a progress table")
    return rows


def _item(doc: Document, row: _Row, category: str | None, inferred: int | None = None) -> ProgressItem:
    fields = {**vars(row), "category": category}
    return ProgressItem(**provenance(doc), year_roc=doc.period.year_roc, end_line=row.line,
                        item_no_inferred=inferred, **fields)


def _fill(doc: Document, rows: list[_Row], warnings: list[str]) -> list[ProgressItem]:
    """Forward-fill 類別 and infer the numbers of unnamed rows from their named neighbours.

    An unnamed row keeps the running 類別 only when the next printed 類別 follows it without a
    gap; a gap means the unnamed rows had 類別 of their own that were lost (八十, 八十一 on L117–118).
    """
    items: list[ProgressItem] = []
    category: str | None = None
    previous_no: int | None = None
    runs = [(unnamed, list(run)) for unnamed, run in groupby(rows, key=lambda r: r.item_no is None)]
    for index, (unnamed, run) in enumerate(runs):
        if not unnamed:
            for row in run:
                if previous_no is not None and row.item_no > previous_no + 1:
                    missing = ", ".join(f"#{n}" for n in range(previous_no + 1, row.item_no))
                    warnings.append(
                        f"line {row.line}: item numbers jump from #{previous_no} to #{row.item_no}; no row for {missing}"
                    )
                category = row.category or category
                previous_no = row.item_no
                items.append(_item(doc, row, category))
            continue
        following = runs[index + 1][1][0] if index + 1 < len(runs) else None
        next_no = following.item_no if following else None
        inferable = previous_no is not None and next_no is not None and next_no - previous_no - 1 == len(run)
        lost = _lost_categories(category, following.category if following else None)
        if lost:
            warnings.append(
                f"lines {run[0].line}–{run[-1].line}: {lost} 類別 missing before {following.category}; left empty"
            )
        for offset, row in enumerate(run, start=1):
            number = previous_no + offset if inferable else None
            guess = f"inferred as #{number} by position" if number else "cannot be inferred"
            warnings.append(
                f"line {row.line}: 政策項目 cell is empty (item name lost), item number {guess}, "
                f"主辦 {row.lead_agency or '(none)'}"
            )
            items.append(_item(doc, row, None if lost else category, number))
        if inferable:
            previous_no += len(run)
    return items


def _lost_categories(current: str | None, following: str | None) -> int:
    """How many 類別 numbers are skipped between the running 類別 and the next printed one."""
    before, after = category_number(current), category_number(following)
    if before is None or after is None:
        return 0
    return max(after - before - 1, 0)


def parse(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    """Every data row of the table as a `ProgressItem`; rows that cannot be placed become warnings."""
    warnings: list[str] = []
    rows = _read_rows(doc, lexicon, warnings)
    return ParseResult(records=_fill(doc, rows, warnings), warnings=warnings)
