"""Cells of printed tables of figures that an ask names by row and column.

A document's table of figures prints a header row of column labels, then rows that each open with a
label and hold one figure per column. An ask naming a column (its label, or a longer name holding it:
精實良善治理 for the column 良善治理) and a row (whole or in part, as the linker reads partial mentions:
占多少比例 covers half of 所占比例) asks for the figure where the two cross. Headers are found as the
citation panel finds them (`labelled_cells`); no table, row or column is named here.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answering.gather.stated import is_figure
from assistant.parsing.table_cells import header_line, is_header, labelled_cells
from assistant.text.normalize import match_key
from assistant.text.runs import shared_run

MIN_LABEL_CHARS = 2  # a one-character label (年) is in too many names to be named by them
_UNIT = re.compile(r"[(（][^()（）]*[)）]")  # 人事費(單位：千元): the unit is no part of the row's name


@dataclass(frozen=True)
class CrossingCell:
    line: int  # the row's line (1-based)
    header_line: int  # the line of the header above it, which labels the column
    row: str  # the row's label, as printed
    column: str  # the column's label, as printed
    value: str
    quote: str  # the row as printed


def crossing_cells(lines: Sequence[str], names: list[str], min_run: int, min_share: float) -> list[CrossingCell]:
    """The cells of the figure tables in `lines` whose column label one of `names` holds and whose row
    label one of them names whole or in part: a run they share, of `min_run` characters or more,
    covers `min_share` of the label and is not the column's own label."""
    keys = [key for key in map(match_key, names) if key]
    found: list[CrossingCell] = []
    for number, line in enumerate(lines, 1):
        row = match_key(_UNIT.sub("", line.split("\t", 1)[0])) if "\t" in line else ""
        runs = [run for run in (shared_run(row, key) for key in keys) if len(run) >= max(min_run, min_share * len(row))]
        above = header_line(lines, number) if row and runs else None  # the row is named: is it a table's?
        if above is None:
            continue
        cells = labelled_cells(lines, number, above) or []
        if not all(is_figure(c.text) for c in cells[1:] if c.text) or is_header([c.text for c in cells]):
            continue  # a header repeated below its table's title (年度 109 110 111) is no row of figures
        columns = [c for c in cells[1:] if c.text and len(match_key(c.label)) >= MIN_LABEL_CHARS
                   and any(match_key(c.label) in key for key in keys)]
        labels = [match_key(c.label) for c in columns]
        if any(not any(run in label for label in labels) for run in runs):
            found += [CrossingCell(number, above, cells[0].text, c.label, c.text, line.strip()) for c in columns]
    return found
