"""Passages over the five real files and a synthetic document: coverage, verbatim text, sizes, context."""

import statistics

import pytest

from assistant.corpus.lexicon import load_lexicon
from assistant.corpus.manifest import Document, DocumentInfo
from assistant.corpus.period import Period
from assistant.parsing import performance_report
from assistant.parsing.models import Passage, ProgressItem, Record
from assistant.parsing.passages import (
    MAX_CHARS,
    MIN_CHARS,
    build_passages,
    cut_long_line,
)

FILES = [
    "000_a326a7c91818490c.txt",
    "001_f78f01ac8dc70682.txt",
    "002_78da4e83f284eb3d.txt",
    "003_70cb70f59abb1393.txt",
    "004_d9643f6566d7e10e.txt",
]
SENTENCE_ENDS = tuple("。；！？")


def item_20(file: str) -> ProgressItem:
    """000 L28 as read by eye: item 20, lead 都市發展局, co 社會局."""
    return ProgressItem(
        file=file, period=Period(year_roc=112, half=2), series=None, year_roc=112, line=28, end_line=28, item_no=20, item_name="推動青銀換居，達成居住世代共好",
        category="十八、推動青銀換居", domain=None, outline=None, lead_agency="都市發展局", co_agencies=["社會局"],
        target="評估新增基地與房型並公告受理申請", work_items="", results="", status_code="A",
        status_label="A已完成或例行性業務",
    )


def records_for(doc: Document) -> list[Record]:
    if doc.file == FILES[0]:
        return [item_20(doc.file)]
    if doc.file == FILES[4]:
        return performance_report.parse(doc, load_lexicon()).records
    return []


@pytest.fixture(scope="module")
def passages(corpus) -> dict[str, list[Passage]]:
    return {file: build_passages(corpus.get(file), records_for(corpus.get(file))) for file in FILES}


def is_piece(passage: Passage) -> bool:
    return "#" in passage.id


@pytest.mark.parametrize("file", FILES)
def test_every_non_blank_line_is_covered(corpus, passages, file):
    doc = corpus.get(file)
    covered = {n for p in passages[file] for n in range(p.line, p.end_line + 1)}
    non_blank = {n for n, line in enumerate(doc.lines, start=1) if line.strip()}
    assert non_blank - covered == set()


@pytest.mark.parametrize("file", FILES)
def test_text_is_the_original_lines_or_a_substring_of_one(corpus, passages, file):
    doc = corpus.get(file)
    pieces: dict[int, list[str]] = {}
    for p in passages[file]:
        if is_piece(p):
            assert p.line == p.end_line and p.text in doc.line(p.line)
            pieces.setdefault(p.line, []).append(p.text)
        else:
            assert p.text == doc.text_between(p.line, p.end_line)
            assert doc.line(p.line).strip() and doc.line(p.end_line).strip()  # no blank edges
    for number, texts in pieces.items():
        assert "".join(texts) == doc.line(number)


@pytest.mark.parametrize("file", FILES)
def test_sizes_within_bounds(corpus, passages, file):
    doc, ps = corpus.get(file), passages[file]
    sizes = [len(p.text) for p in ps]
    assert max(sizes) <= MAX_CHARS
    assert MIN_CHARS <= statistics.median(sizes) <= MAX_CHARS
    assert sum(s < MIN_CHARS for s in sizes) <= 0.2 * len(sizes)

    def cannot_join(a: Passage, b: Passage) -> bool:
        return is_piece(a) or is_piece(b) or len(doc.text_between(a.line, b.end_line)) > MAX_CHARS

    # A passage under MIN_CHARS is one that could not join a neighbour: 000's repeated header rows
    # and 004's goal-table headers sit between rows that are already (nearly) MAX_CHARS long.
    for i, p in enumerate(ps):
        if len(p.text) < MIN_CHARS:
            assert i == 0 or cannot_join(ps[i - 1], p), p.id
            assert i == len(ps) - 1 or cannot_join(p, ps[i + 1]) or ps[i + 1].text.startswith("#"), p.id


def test_tiny_slide_lines_of_002_are_grouped(passages):
    ps = passages[FILES[2]]
    assert len(ps) < 300  # 2,561 non-blank lines, mostly 1–10 characters
    assert statistics.median(p.end_line - p.line + 1 for p in ps) >= 10


def test_long_000_rows_split_at_cells_then_sentences(passages):
    by_line: dict[int, list[str]] = {}
    for p in passages[FILES[0]]:
        if is_piece(p):
            by_line.setdefault(p.line, []).append(p.text)
    cuts = [text for texts in by_line.values() for text in texts[:-1]]  # pieces that end at a cut
    at_cell_or_sentence = [t for t in cuts if t.endswith("\t") or t.rstrip(" ").endswith(SENTENCE_ENDS)]
    assert len(cuts) > 100
    assert len(at_cell_or_sentence) / len(cuts) >= 0.95


def test_000_row_context_has_label_and_agencies(corpus, passages):
    row = [p for p in passages[FILES[0]] if p.line <= 28 <= p.end_line]
    assert row
    for p in row:
        assert p.kind == "table_row"
        assert p.context == "#20 推動青銀換居，達成居住世代共好 | 主辦 都市發展局 | 協辦 社會局"
    neighbour = [p for p in passages[FILES[0]] if p.line <= 27 <= p.end_line]
    assert all(p.kind == "text" and "#20" not in p.context for p in neighbour)


def test_004_contexts_carry_section_and_goal(passages):
    ps = passages[FILES[4]]
    budget = next(p for p in ps if p.line <= 15 <= p.end_line)
    assert budget.kind == "table_row"
    assert budget.context.startswith("貳、機關 109 至 112年度預算及人力 > 一、近 4 年預、決算趨勢 (單位:百萬元) | ")
    assert budget.context.endswith("| 機關 秘書處")
    joined = [p for p in ps if p.line == 46]
    assert joined and all(p.context.startswith("參、重要年度目標") and "| 提高行政效能:" in p.context for p in joined)
    risk = ps[-1]
    assert risk.kind == "text" and risk.context == "肆、整體風險管理(含內部控制)推動情形"


def test_ids_unique_and_deterministic(corpus, passages):
    ids = [p.id for ps in passages.values() for p in ps]
    assert len(ids) == len(set(ids))
    again = build_passages(corpus.get(FILES[4]), records_for(corpus.get(FILES[4])))
    assert again == passages[FILES[4]]


def synthetic(lines: list[str]) -> Document:
    info = DocumentInfo(title="測試文件", issuer="測試", year_roc=113, year_ad=2024, kind="text")
    return Document("synthetic.txt", info, tuple(lines), "0" * 64)


CELLS = ["甲" * 140 + "。", "乙" * 140 + "。", "丙" * 140 + "。", "丁" * 140 + "。"]
SYNTHETIC = [
    "# 總說明",                      # 1
    "",
    "本文件說明測試用的段落。" * 8,   # 3: 96 characters
    "",
    "## 第一節",                     # 5
    "短句一。",                      # 6
    "",
    "短句二。",                      # 8
    "",
    "短句三。",                      # 10
    "",
    "\t".join(CELLS),                # 12: 567 characters in 4 cells
    "",
    "一、小節標題",                  # 14
    "",
    "結尾的說明段落。" * 12,          # 16: 96 characters
    "   ",                           # 17: whitespace only
]


def test_synthetic_headings_blank_lines_and_long_line():
    ps = build_passages(synthetic(SYNTHETIC), [])
    spans = [(p.line, p.end_line, p.context) for p in ps if not is_piece(p)]
    assert spans == [
        (1, 3, "總說明"),
        (5, 10, "第一節"),  # heading plus three tiny blocks, grouped
        (14, 16, "第一節 > 一、小節標題"),
    ]
    pieces = [p for p in ps if is_piece(p)]
    assert [p.id for p in pieces] == ["synthetic.txt:12-12#1", "synthetic.txt:12-12#2"]
    assert [p.text for p in pieces] == ["\t".join(CELLS[:2]) + "\t", "\t".join(CELLS[2:])]
    assert {p.kind for p in ps} == {"text"}


def test_long_line_without_tabs_splits_at_sentence_ends():
    text = "".join(f"第{i}項工作已經依照計畫如期完成並且持續追蹤辦理情形與後續成效評估。" for i in range(30))
    pieces = [text[a:b] for a, b in cut_long_line(text)]
    assert "".join(pieces) == text
    assert all(len(p) <= MAX_CHARS for p in pieces)
    assert all(p.endswith("。") for p in pieces)


def test_long_line_without_punctuation_is_not_cut_mid_word():
    text = " ".join(f"word{i:03d}" for i in range(120))  # 959 characters, spaces only
    pieces = [text[a:b] for a, b in cut_long_line(text)]
    assert "".join(pieces) == text
    assert all(len(p) <= MAX_CHARS for p in pieces)
    assert all(p.endswith(" ") for p in pieces[:-1])


def test_records_from_another_file_are_ignored(corpus):
    doc = corpus.get(FILES[1])
    stray = item_20(FILES[0])
    assert build_passages(doc, [stray]) == build_passages(doc, [])
