import pytest

from assistant.answering.citations import MARKER, Citations, escape_source_brackets, renumber
from assistant.answering.contract import Citation, Item
from assistant.corpus.manifest import Document, DocumentInfo
from assistant.errors import CitationError

INFO = DocumentInfo(title="測試文件", issuer="本府", year_roc=112, year_ad=2023)
DOC = Document("t.txt", INFO, ("標題", "", "31、提升孕婦愛心專車服務\t社會局\tA已完成", "申請率為144.4%。"), "0")


def citations() -> Citations:
    return Citations({"t.txt": DOC})


def test_a_quote_is_cited_at_the_single_line_that_holds_it():
    c = citations()
    number = c.cite("t.txt", 1, 4, "144.4%")
    assert number == 1
    entry = c.get(1)
    assert (entry.line, entry.end_line, entry.quote, entry.title) == (4, 4, "144.4%", "測試文件")


def test_the_same_source_keeps_its_number_and_a_new_one_gets_the_next():
    c = citations()
    assert c.cite("t.txt", 3, 3, "31、提升孕婦愛心專車服務") == 1
    assert c.cite("t.txt", 4, 4, "申請率") == 2
    assert c.cite("t.txt", 3, 3, "31、提升孕婦愛心專車服務") == 1
    assert [e.id for e in c.entries] == [1, 2]


@pytest.mark.parametrize("file, line, end_line, quote", [
    ("t.txt", 3, 3, "社會局主辦"),       # not the text on that line
    ("t.txt", 4, 4, "提升孕婦"),         # text of another line
    ("t.txt", 5, 5, "x"),               # past the end
    ("other.txt", 1, 1, "標題"),         # not in the corpus
    ("t.txt", 3, 3, "   "),             # nothing to quote
])
def test_a_quote_not_at_its_lines_is_never_cited(file, line, end_line, quote):
    with pytest.raises(CitationError):
        citations().cite(file, line, end_line, quote)


def test_a_wrong_quote_falls_back_to_the_head_of_the_line():
    c = citations()
    number = c.cite_or_head("t.txt", 3, 3, "不存在的文字")
    assert c.get(number).quote == "31、提升孕婦愛心專車服務\t社會局\tA已完成"[:40].strip()
    assert c.get(c.cite_head("t.txt", 2, 3)).line == 3  # blank line 2 is skipped


def _citation(n: int) -> Citation:
    return Citation(id=n, file="t.txt", line=n, end_line=n, quote=f"q{n}", title="t")


def test_renumber_orders_by_first_use_and_drops_unknown_markers():
    answer, items, cites, others = renumber("甲[3]，乙[1]，丙[3]，丁[99]。",
                                            [Item(label="x", fields={}, citations=[2, 1])],
                                            [_citation(1), _citation(2), _citation(3)], ("乙[1]、甲[3]",))
    assert answer == "甲[1]，乙[2]，丙[1]，丁。"
    assert others == ("乙[2]、甲[1]",), "another rendering gets the same numbers"
    assert [(c.id, c.quote) for c in cites] == [(1, "q3"), (2, "q1"), (3, "q2")]
    assert items[0].citations == [3, 2]


SOURCE_WITH_BRACKETS = "經費為零 [9][12]，詳見[3]"


def _unescaped(markdown: str) -> str:
    """What a Markdown renderer shows for backslash escapes."""
    import re

    return re.sub(r"\\([\\\[\]])", r"\1", markdown)


def test_a_sources_own_brackets_survive_renumbering_as_text():
    quoted = escape_source_brackets(SOURCE_WITH_BRACKETS)
    answer, _, cites, _ = renumber(f"甲[2]：「{quoted}」[1]", [], [_citation(1), _citation(2)])
    assert answer == f"甲[1]：「{quoted}」[2]"
    assert _unescaped(answer) == f"甲[1]：「{SOURCE_WITH_BRACKETS}」[2]", "readers see the source exactly"
    assert [c.quote for c in cites] == ["q2", "q1"]
    assert MARKER.findall(quoted) == []


@pytest.mark.parametrize("text", ["C:\\", "結尾\\\\\\", "無括號", "［9］與【10】", "\\[9]"])
def test_escaped_source_text_never_swallows_the_marker_after_it(text):
    answer, _, _, _ = renumber(escape_source_brackets(text) + "[1]", [], [_citation(1)])
    assert MARKER.findall(answer) == ["1"]
    before = answer.removesuffix("[1]")
    assert (len(before) - len(before.rstrip("\\"))) % 2 == 0, "no backslash is left to escape the marker"


@pytest.mark.parametrize("look_alike", ["[1,9]", "［1］", "【1】", "[٣]", "[01]", "[ 1]", "[" + "9" * 5000 + "]"])
def test_only_strict_markers_are_renumbered(look_alike):
    answer, _, cites, _ = renumber(f"甲{look_alike}乙[3]", [], [_citation(3)])
    assert answer == f"甲{look_alike}乙[1]"
    assert [c.quote for c in cites] == ["q3"]


def test_items_citing_an_unknown_number_lose_only_that_number():
    answer, items, cites, _ = renumber("甲[1]", [Item(label="x", fields={}, citations=[7, 1])], [_citation(1)])
    assert answer == "甲[1]" and items[0].citations == [1] and [c.id for c in cites] == [1]
