"""Compare two periods of one progress-table series: which items' 辦理等級 changed, cited in both files.

Rows are matched by item number when both periods number the item alike (same number, similar
name), else by item name (rapidfuzz) where the numbering changed, else, for rows whose name was
lost, by the number their position implies and their lead agency. The answering stage calls
`compare_progress` for questions like 「比較112下與113上哪些項目辦理等級改變了」 and cites both sides.
"""

from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process

from assistant.errors import QueryError
from assistant.index.records_db import Condition, RecordStore
from assistant.parsing.models import ProgressItem
from assistant.text.normalize import normalize

# Names at least this similar (rapidfuzz ratio, 0–100) are the same item.
NAME_MATCH = 85.0
Match = Literal["item_no", "item_name", "position"]


@dataclass(frozen=True)
class Side:
    """One period's row: where it is and the status it has there."""

    file: str
    line: int
    item_no: int | None
    status_code: str
    status_label: str
    period: str


@dataclass(frozen=True)
class StatusChange:
    item_name: str | None
    lead_agency: str | None
    matched_by: Match
    before: Side
    after: Side


@dataclass(frozen=True)
class Comparison:
    """The changed rows, and the rows of either side with no partner (added or dropped items)."""

    before_file: str
    after_file: str
    changed: list[StatusChange]
    unmatched_before: list[Side]
    unmatched_after: list[Side]


def _side(item: ProgressItem) -> Side:
    return Side(item.file, item.line, item.item_no, item.status_code, item.status_label, item.period.label)


def _name(item: ProgressItem) -> str:
    return normalize(item.item_name or "")


def _pair(before: list[ProgressItem], after: list[ProgressItem]) -> list[tuple[ProgressItem, ProgressItem, Match]]:
    pairs: list[tuple[ProgressItem, ProgressItem, Match]] = []
    left = {id(i): i for i in before}
    right = {id(i): i for i in after}
    by_number = {i.item_no: i for i in before if i.item_no is not None}
    for item in after:  # 1. same number, and the names agree (or one is lost)
        old = by_number.get(item.item_no) if item.item_no is not None else None
        if old is not None and id(old) in left and (
                not old.item_name or not item.item_name or fuzz.ratio(_name(old), _name(item)) >= NAME_MATCH):
            pairs.append((old, item, "item_no"))
            del left[id(old)], right[id(item)]
    names = {key: _name(i) for key, i in left.items() if i.item_name}
    for key, item in list(right.items()):  # 2. renumbered: the most similar remaining name
        if not item.item_name or not names:
            continue
        found = process.extractOne(_name(item), names, scorer=fuzz.ratio, score_cutoff=NAME_MATCH)
        if found is not None:
            old = left.pop(found[2])
            names.pop(found[2])
            pairs.append((old, item, "item_name"))
            del right[key]
    for key, item in list(right.items()):  # 3. names lost on both sides: implied number and lead agency
        if item.item_name:
            continue
        old_key = next((k for k, o in left.items() if not o.item_name and o.lead_agency == item.lead_agency
                        and o.item_no_inferred == item.item_no_inferred), None)
        if old_key is not None:
            pairs.append((left.pop(old_key), item, "position"))
            del right[key]
    return pairs


def compare_progress(records: RecordStore, before_file: str, after_file: str) -> Comparison:
    """The progress items whose status differs between `before_file` and `after_file`, in the
    later file's order, each with both sides' (file, line); `QueryError` if either has no items."""
    before = records.query("progress_item", [Condition("file", before_file)])
    after = records.query("progress_item", [Condition("file", after_file)])
    for file, items in ((before_file, before), (after_file, after)):
        if not items:
            raise QueryError(f"{file} has no progress-table rows to compare")
    pairs = _pair(before, after)  # type: ignore[arg-type]
    changed = [StatusChange(new.item_name or old.item_name, new.lead_agency, how, _side(old), _side(new))
               for old, new, how in pairs if old.status_code != new.status_code]
    paired_before = {id(old) for old, _, _ in pairs}
    paired_after = {id(new) for _, new, _ in pairs}
    return Comparison(
        before_file, after_file, sorted(changed, key=lambda c: c.after.line),
        [_side(i) for i in before if id(i) not in paired_before],  # type: ignore[arg-type]
        [_side(i) for i in after if id(i) not in paired_after],  # type: ignore[arg-type]
    )
