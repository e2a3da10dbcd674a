"""Comparing two periods of the progress table: exactly the rows whose 辦理等級 changed, both sides cited."""

import pytest

from assistant.errors import QueryError
from assistant.index.compare import compare_progress
from assistant.index.ingestion import UploadFields, ingest, prepare
from assistant.index.store import open_index
from tests.documents import PROGRESS_TABLE

TABLE = PROGRESS_TABLE.name
FLIP = {"A已完成或例行性業務": "B執行中", "B執行中": "A已完成或例行性業務"}


def later_period(flip_lines: set[int], renumber: dict[str, str]) -> bytes:
    """The 000 table as a 113上 version: statuses flipped on `flip_lines`, item numbers rewritten."""
    lines = PROGRESS_TABLE.read_text(encoding="utf-8").split("\n")
    for number in flip_lines:
        cells = lines[number - 1].split("\t")
        lines[number - 1] = "\t".join(FLIP.get(c, c) for c in cells)
    text = "\n".join(lines).replace("112年下半年", "113年上半年")
    for old, new in renumber.items():
        text = text.replace(old, new, 1)
    return text.encode()


@pytest.fixture
def two_periods(settings, fake_embedder):
    items_lines = [26, 27, 62, 111, 117]  # L111 and L117 are rows whose item names were lost
    doc = prepare(settings, "113上.txt", later_period(set(items_lines), {"\t18、多元興辦社宅": "\t180、多元興辦社宅"}),
                  UploadFields(title="市政白皮書113年上半年辦理情形與成果一覽表", issuer="臺北市政府", year_roc=113,
                               half=1, series="市政白皮書辦理情形與成果"))
    index = ingest(settings, doc, lambda: open_index(settings, show_progress=False, embedder=fake_embedder))
    yield index, items_lines
    index.close()


def test_exactly_the_changed_rows_with_both_citations(two_periods):
    index, flipped = two_periods
    result = compare_progress(index.records, TABLE, "113上.txt")
    assert [c.after.line for c in result.changed] == flipped
    assert [c.before.line for c in result.changed] == flipped  # the copy keeps the lines of the original
    assert {(c.before.file, c.after.file) for c in result.changed} == {(TABLE, "113上.txt")}
    assert all(c.before.status_code != c.after.status_code for c in result.changed)
    assert {c.before.period for c in result.changed} == {"112年下半年"}
    assert {c.after.period for c in result.changed} == {"113年上半年"}
    renumbered = next(c for c in result.changed if c.after.line == 26)
    assert (renumbered.matched_by, renumbered.before.item_no, renumbered.after.item_no) == ("item_name", 18, 180)
    assert {c.matched_by for c in result.changed if c.after.line in (111, 117)} == {"position"}
    assert result.unmatched_before == result.unmatched_after == []


def test_a_file_without_progress_rows_cannot_be_compared(two_periods):
    index, _ = two_periods
    with pytest.raises(QueryError, match="004"):
        compare_progress(index.records, "004_d9643f6566d7e10e.txt", "113上.txt")
