"""Rows of a merged cell's block, by position.

A progress table prints a 領域 or 綱要 label once for its block of rows and leaves the cell blank on
the others. Forward-filling the label is wrong where a label sits on a middle row of its block, so
a row whose cell is blank joins a block by position only, and answers say so (`by_position`):
- the blank rows after a printed label, up to the next row printing a label of that column or of
  one above it (a new 領域 starts a new 綱要);
- for a column whose label may sit mid-block (`MID_BLOCK_COLUMNS`), the blank rows before it too,
  back to the previous printed label.
The columns and their nesting are the parser's (`parsing.progress_table`); no label is named here.
"""

from collections.abc import Callable, Sequence

from assistant.parsing.models import ProgressItem
from assistant.parsing.progress_table import MERGED_COLUMNS, MID_BLOCK_COLUMNS

Position = tuple[str, int]  # (file, line)


def block_positions(rows: Sequence[ProgressItem], column: str, holds: Callable[[str | None], bool]) -> set[Position]:
    """The rows with `column` blank that sit in the block of a printed label `holds` accepts; `rows` in
    source order."""
    levels = MERGED_COLUMNS[:MERGED_COLUMNS.index(column) + 1]

    def bounds(row: ProgressItem) -> bool:  # the row prints a label of this column or of one above it
        return any(getattr(row, name) for name in levels)

    found: set[Position] = set()
    for at, row in enumerate(rows):
        if not holds(getattr(row, column)):
            continue
        steps = (1, -1) if column in MID_BLOCK_COLUMNS else (1,)
        for step in steps:
            other = at + step
            while 0 <= other < len(rows) and rows[other].file == row.file and not bounds(rows[other]):
                found.add((rows[other].file, rows[other].line))
                other += step
    return found
