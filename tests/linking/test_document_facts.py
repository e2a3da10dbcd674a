from assistant.corpus.manifest import Document, DocumentInfo
from assistant.linking.document_facts import document_facts


def doc(text: str) -> Document:
    info = DocumentInfo(title="t", issuer="i", year_roc=110, year_ad=2021)
    return Document("d.txt", info, tuple(text.split("\n")), "0")


def facts(text):
    return {(f.field, f.value) for f in document_facts(doc(text))}


def test_cover_label_lines_and_a_date_alone_on_its_line():
    found = facts("某局報告\n\n報告人：某局 李大同局長\n111/3/4\n\n壹、概況")
    assert {("presenter", "某局 李大同局長"), ("date", "111/3/4")} <= found


def test_a_date_inside_a_sentence_is_not_the_cover_date():
    assert not {f for f in facts("某局報告\n本局於111年3月4日成立") if f[0] == "date"}


def test_as_of_dates():
    assert ("as_of", "111年6月底") in facts("表\n項目\t辦理情形 (截至111年6月底)")


def test_parts_by_section_numerals():
    parts = [f.value for f in document_facts(doc("壹、前言\n文字\n貳、經費\n文字\n參、展望")) if f.field == "parts"]
    assert parts == ["前言", "經費", "展望"]


def test_parts_by_an_outline_slide():
    parts = [f.value for f in document_facts(doc("報告大綱\n1\n現況\n2\n成果\n3\n展望\n內文")) if f.field == "parts"]
    assert parts == ["現況", "成果", "展望"]


def test_parts_by_markdown_headings():
    text = "# 前言\n文\n## 一、甲\n## (二)甲之重點\n### 二、乙"
    assert [f.value for f in document_facts(doc(text)) if f.field == "parts"] == ["前言", "一、甲", "二、乙"]


def test_every_quote_is_on_its_line():
    d = doc("報告者：某局 某人\n110/1/2\n壹、甲")
    for fact in document_facts(d):
        assert fact.quote in d.line(fact.line)
