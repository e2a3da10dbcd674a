"""Records of the 秘書處 performance report (004): budget and staffing figures, and the goal table.

The two small tables are year-by-column TSV tables found by their header row of ROC years;
the goal table is a 4-column `<p>` table whose rows are split at page breaks, sometimes
mid-sentence, so split rows are joined back column-wise before records are made.
"""

import re
from dataclasses import dataclass, field

from assistant.corpus.lexicon import AgencyLexicon
from assistant.corpus.manifest import Document
from assistant.errors import ParseError
from assistant.parsing.models import BudgetFigure, PerformanceGoal, provenance
from assistant.parsing.result import ParseResult

_YEAR = re.compile(r"^\d{2,3}$")
_NUMBER = re.compile(r"^-?[\d,]+(?:\.\d+)?$")
_CAPTION_UNIT = re.compile(r"單位\s*[:：]\s*([^)）\s]+)")
# `執行率(%)`, `人事費(單位：千元)`: the row's own unit in a trailing parenthesis.
_LABEL_UNIT = re.compile(r"^(.*?)\s*[(（](?:單位\s*[:：]\s*)?([^)）]+)[)）]\s*$")
_TABLE_KIND = (("預算", re.compile(r"預.{0,3}決算|預算")), ("人力", re.compile(r"員額|人力")))

_GOAL_COLUMNS = ("目標", "策略", "成果", "精進")  # keywords of 年度目標 | 推動策略/作為 | 達成效益/成果 | 未來精進方向
_HEADER_CELL_MAX = 10
_TAG = re.compile(r"</?p\s*>", re.IGNORECASE)
# Line wrapping left spaces inside Chinese text (`人力虛耗等 待`, `資訊化、 文件`); between two CJK
# characters or full-width punctuation a space is never meaningful.
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_CJK_WRAP_SPACE = re.compile(rf"(?<=[{_CJK}])[ \u3000]+(?=[{_CJK}])")
# A paragraph that opens a new sub-strategy or bullet: (二), 1., ➤, ◆ …
_NEW_ITEM = re.compile(r"^\s*(?:[(（][一二三四五六七八九十]+[)）]|\d+\s*[.、]|[➤▶◆●•■□\-])")
# How a finished paragraph ends; anything else was cut mid-sentence by a page break.
_SENTENCE_END = re.compile(r"[。；;！？!?」』）)】]\s*$")


def parse(doc: Document, lexicon: AgencyLexicon) -> ParseResult:
    """Budget/staffing figures, then goal rows; ParseError if the document has none of them."""
    issuers = lexicon.find_all(doc.info.issuer)
    result = ParseResult()
    agency = issuers[0] if issuers else doc.info.issuer
    if not issuers:
        result.warnings.append(f"the issuer {doc.info.issuer!r} names no agency in the lexicon; used as printed")
    _parse_year_tables(doc, agency, result)
    _parse_goal_table(doc, agency, result)
    if not result.records:
        raise ParseError("no budget, staffing or goal table found")
    return result


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


# --- budget and staffing tables -------------------------------------------------------------


def _is_year_header(line: str) -> bool:
    """A label then consecutive ROC years (`預決算 109 110 111 112`); a row of headcounts is not."""
    cells = _cells(line)
    if len(cells) < 3 or not all(_YEAR.match(c) for c in cells[1:]):
        return False
    years = [int(c) for c in cells[1:]]
    return years == list(range(years[0], years[0] + len(years)))


def _caption(doc: Document, header_line: int) -> str:
    """The nearest non-blank line above the table, where its title and unit are printed."""
    for number in range(header_line - 1, 0, -1):
        if doc.line(number).strip():
            return doc.line(number).strip()
    return ""


def _parse_year_tables(doc: Document, agency: str, result: ParseResult) -> None:
    """One BudgetFigure per (row × year) of every table whose header row is a run of ROC years.

    Units come from the row label's parenthesis (`(%)`, `(單位：千元)`), else from the caption's
    `(單位:百萬元)`; the staffing headcounts print no unit anywhere, so theirs is None.
    """
    number = 1
    while number <= len(doc.lines):
        if not _is_year_header(doc.line(number)):
            number += 1
            continue
        header_line = number
        header = _cells(doc.line(header_line))
        years = [int(c) for c in header[1:]]
        caption = _caption(doc, header_line)
        kind = next((k for k, rx in _TABLE_KIND if rx.search(caption + header[0])), None)
        caption_unit = m.group(1) if (m := _CAPTION_UNIT.search(caption)) else None
        if kind is None:
            result.warnings.append(f"L{header_line}: table under {caption!r} is neither budget nor staffing, skipped")
        number += 1
        while number <= len(doc.lines) and "\t" in doc.line(number):
            if kind is not None:
                _add_year_row(doc, number, kind, years, caption_unit, agency, result)
            number += 1


def _add_year_row(
    doc: Document, number: int, table: str, years: list[int], caption_unit: str | None, agency: str,
    result: ParseResult,
) -> None:
    label, *values = _cells(doc.line(number))
    if len(values) != len(years):
        result.warnings.append(f"L{number}: {label!r} has {len(values)} values for {len(years)} years, skipped")
        return
    item, unit = (m.group(1), m.group(2).strip()) if (m := _LABEL_UNIT.match(label)) else (label, caption_unit)
    for year, raw in zip(years, values):
        value = float(raw.replace(",", "")) if _NUMBER.match(raw) else None
        if value is None:
            result.warnings.append(f"L{number}: {item} {year}年 value {raw!r} is not a number")
        result.records.append(BudgetFigure(
            **provenance(doc), line=number, end_line=number, table=table, item=item, year_roc=year,
            value=value, value_raw=raw, unit=unit, agency=agency,
        ))


# --- goal table -------------------------------------------------------------------------------


@dataclass
class _GoalRow:
    line: int
    end_line: int
    goal: str
    columns: list[list[str]] = field(default_factory=list)  # paragraphs of 策略, 成果, 精進


def _paragraphs(cell: str) -> list[str]:
    """`<p>a</p> <p>b</p>` → ["a", "b"], with the spaces left by line wrapping between CJK removed."""
    return [_CJK_WRAP_SPACE.sub("", part.strip()) for part in _TAG.split(cell) if part.strip()]


def _goal_columns(line: str) -> list[int] | None:
    """Column indexes of (目標, 策略, 成果, 精進) if `line` is a goal-table header, else None."""
    cells = [re.sub(r"\s+", "", c) for c in _cells(line)]
    if len(cells) != len(_GOAL_COLUMNS) or any(len(c) > _HEADER_CELL_MAX for c in cells):
        return None
    indexes = [next((i for i, c in enumerate(cells) if key in c), -1) for key in _GOAL_COLUMNS]
    return indexes if -1 not in indexes and len(set(indexes)) == len(indexes) else None


def _ends_mid_sentence(paragraphs: list[str]) -> bool:
    return bool(paragraphs) and not _SENTENCE_END.search(paragraphs[-1])


def _is_continuation(previous: _GoalRow, columns: list[list[str]]) -> bool:
    """A goal-less row continues the previous one when that row stops mid-sentence in some column
    and this row does not open a new sub-strategy or bullet (a page break cut the row, not the table)."""
    opening = next((paras[0] for paras in columns if paras), "")
    return any(_ends_mid_sentence(p) for p in previous.columns) and not _NEW_ITEM.match(opening)


def _join(before: list[str], after: list[str]) -> list[str]:
    """Column-wise join: a paragraph cut mid-sentence is glued to the first paragraph that follows."""
    if before and after and _ends_mid_sentence(before):
        return [*before[:-1], before[-1] + after[0], *after[1:]]
    return [*before, *after]


def _parse_goal_table(doc: Document, agency: str, result: ParseResult) -> None:
    """One PerformanceGoal per row; repeated headers dropped, goals forward-filled, split rows joined.

    A malformed row is skipped with a warning, but its goal still fills the rows below, and the
    row after it is never glued onto an earlier row.
    """
    indexes: list[int] | None = None
    rows: list[_GoalRow] = []
    goal_above, joinable = "", False
    for number, line in enumerate(doc.lines, start=1):
        if not line.strip():
            continue
        header = _goal_columns(line)
        if header is not None:
            indexes = indexes or header
            continue
        if indexes is None:
            continue
        cells = _cells(line)
        if len(cells) == 1:
            break  # the next section's prose: the table is over
        goal = re.sub(r"\s+", "", "".join(_paragraphs(cells[indexes[0]]))) if indexes[0] < len(cells) else ""
        if len(cells) != len(_GOAL_COLUMNS):
            result.warnings.append(f"L{number}: goal-table row has {len(cells)} cells instead of 4, skipped")
            goal_above, joinable = goal or goal_above, False
            continue
        columns = [_paragraphs(cells[i]) for i in indexes[1:]]
        if not goal and joinable and _is_continuation(rows[-1], columns):
            previous = rows[-1]
            previous.columns = [_join(b, a) for b, a in zip(previous.columns, columns)]
            previous.end_line = number
            continue
        goal_above = goal or goal_above
        if not goal_above:
            result.warnings.append(f"L{number}: goal-table row has no 年度目標 and nothing above it, skipped")
            continue
        rows.append(_GoalRow(number, number, goal_above, columns))
        joinable = True
    for row in rows:
        strategy, results, future = ("\n".join(paras) for paras in row.columns)
        result.records.append(PerformanceGoal(
            **provenance(doc), line=row.line, end_line=row.end_line, year_roc=doc.period.year_roc, agency=agency,
            goal=row.goal, strategy=strategy, results=results, future=future,
        ))
