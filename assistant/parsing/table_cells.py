"""A table row as labelled fields: each cell of a tab-separated line named by its table's header row.

The citation panel shows a row this way (主辦: …, 協辦: …, 辦理等級: …) instead of one long line. The
header is the nearest line above with about as many cells that reads as a header: every cell filled
and short, most of them words rather than figures, or a label followed by consecutive column numbers
(年度 109 110 111 112). A row whose cell count differs from its header's is not labelled (its cells
may have shifted). A header row itself has none above it, so it gets None, as does a row without one;
no document's header is named here.
"""

from collections.abc import Sequence
from dataclasses import dataclass

MAX_LABEL_CHARS = 40  # a header cell is a label, not a paragraph
MAX_LOOKBACK = 400  # lines above a row its header may sit (a long table spans many pages)


@dataclass(frozen=True)
class LabelledCell:
    label: str
    text: str


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("\t")]


def is_header(cells: list[str]) -> bool:
    """Whether a line's cells read as a header row."""
    if len(cells) < 2 or any(not c or len(c) > MAX_LABEL_CHARS for c in cells):
        return False
    words = sum(not any(ch.isdigit() for ch in c) for c in cells)
    if words * 2 >= len(cells):
        return True
    tail = cells[1:]
    if words >= 1 and all(c.isdigit() for c in tail):  # a label, then column numbers
        numbers = [int(c) for c in tail]
        return numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    return False


def _opens_table(lines: Sequence[str], number: int, width: int) -> bool:
    """Whether the last non-blank line before line `number` has another width (or there is none)."""
    for above in range(number - 1, 0, -1):
        if lines[above - 1].strip():
            return len(_cells(lines[above - 1])) != width
    return True


def header_line(lines: Sequence[str], number: int) -> int | None:
    """The line (1-based) of the header that labels line `number`'s cells; None if it is no table row."""
    width = len(_cells(lines[number - 1]))
    if width < 2:
        return None
    for above in range(number - 1, max(0, number - 1 - MAX_LOOKBACK), -1):
        header = _cells(lines[above - 1])
        if len(header) == width and is_header(header) and _opens_table(lines, above, width):
            return above
    return None


def labelled_cells(lines: Sequence[str], number: int, above: int | None = None) -> list[LabelledCell] | None:
    """The cells of line `number` (1-based) with their header's labels; None if it is no table row.
    `above`: the header's line, when the caller has found it (`header_line`)."""
    above = above if above is not None else header_line(lines, number)
    if above is None:
        return None
    return [LabelledCell(label, text) for label, text in zip(_cells(lines[above - 1]), _cells(lines[number - 1]))]
