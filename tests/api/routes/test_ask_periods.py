"""Questions over two periods of one series (the bundled 112下 table and an uploaded 113上 copy with
statuses changed): the answering stage answers from the latest period unless a period is named, and
compares two periods row by row."""

import re

import pytest

from assistant.answering.service import Assistant
from assistant.index.ingestion import UploadFields, ingest, prepare
from assistant.index.store import open_index, served_settings
from tests.documents import PROGRESS_TABLE

SERIES = "市政白皮書辦理情形與成果"
FLIPPED = (26, 27, 62)


@pytest.fixture
def assistant(settings, fake_embedder):
    lines = PROGRESS_TABLE.read_text(encoding="utf-8").split("\n")
    for number in FLIPPED:
        lines[number - 1] = lines[number - 1].replace("A已完成或例行性業務", "X").replace("B執行中", "A已完成或例行性業務") \
            .replace("\tX", "\tB執行中")
    text = "\n".join(lines).replace("112年下半年", "113年上半年")
    doc = prepare(settings, "113上.txt", text.encode(),
                  UploadFields(title="市政白皮書113年上半年辦理情形與成果一覽表", issuer="臺北市政府", year_roc=113,
                               half=1, series=SERIES))
    index = ingest(settings, doc, lambda: open_index(settings, show_progress=False, embedder=fake_embedder))
    yield Assistant(index, served_settings(settings, index))
    index.close()


def test_no_period_named_answers_from_the_latest_and_says_so(assistant):
    answer = assistant.ask("社會局主辦、仍為B執行中的項目有哪些？")
    assert {c.file for c in answer.citations} == {"113上.txt"}
    assert "113年上半年" in answer.answer


def test_a_named_period_keeps_its_rows(assistant):
    answer = assistant.ask("112年下半年社會局主辦、仍為B執行中的項目有哪些？")
    assert {c.file for c in answer.citations} == {PROGRESS_TABLE.name}


def test_a_comparison_lists_exactly_the_changed_rows(assistant):
    answer = assistant.ask("比較112下與113上哪些項目辦理等級改變了")
    cited = {(c.file, c.line) for c in answer.citations}
    assert cited == {(f, n) for n in FLIPPED for f in (PROGRESS_TABLE.name, "113上.txt")}


def _completed_rows(text: str) -> int:
    """Rows whose one status cell is A, read from the table text (not through the code under test)."""
    status = re.compile(r"^[AB](已完成或例行性業務|執行中)$")
    rows = [[c.strip() for c in line.split("\t")] for line in text.split("\n")]
    return sum(1 for cells in rows if [c for c in cells if status.match(c)] == ["A已完成或例行性業務"])


def test_a_count_of_each_period(assistant, settings):
    newer = assistant.ask("113年上半年已完成的項目有幾項？")
    older = assistant.ask("112年下半年已完成的項目有幾項？")
    uploaded = next(settings.data_dir.rglob("113上.txt")).read_text(encoding="utf-8")
    assert len(newer.items) == _completed_rows(uploaded)
    assert len(older.items) == _completed_rows(PROGRESS_TABLE.read_text(encoding="utf-8"))
    assert {c.file for c in newer.citations} <= {"113上.txt"}


def test_the_newer_year_is_in_scope(assistant):
    answer = assistant.ask("113年社會局主辦的項目有哪些？")
    assert not answer.refused and {c.file for c in answer.citations} <= {"113上.txt"}


def test_a_row_named_by_number_is_quoted_from_the_latest_period(assistant):
    row = next(r for r in assistant.sources.memory.of_type("progress_item")
               if r.file == "113上.txt" and r.item_no is not None and r.results)
    answer = assistant.ask(f"第{row.item_no}項的辦理情形如何？")
    assert answer.citations and {c.file for c in answer.citations} == {"113上.txt"}
