"""A press release as a Word file: title, bold lead, body, then the numbered sources; East Asian font set."""

import io

from docx import Document
from docx.oxml.ns import qn

from assistant.answering.contract import PressRelease
from assistant.answering.press_docx import EAST_ASIAN_FONT, to_docx

RELEASE = PressRelease(title="測試標題", lead="本府說明測試。", body=["第一段。", "第二段。"],
                       sources=["1. 《測試》（t.txt 第 3 行）：「甲」"])


def test_the_word_file_holds_the_release_in_order():
    word = Document(io.BytesIO(to_docx(RELEASE, "zh")))
    texts = [p.text for p in word.paragraphs]
    assert texts == ["測試標題", "本府說明測試。", "第一段。", "第二段。", "資料來源", "1. 《測試》（t.txt 第 3 行）：「甲」"]
    assert word.paragraphs[0].style.name == "Title" and word.paragraphs[1].runs[0].bold
    fonts = word.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT and word.core_properties.title == "測試標題"


def test_english_releases_head_their_sources_in_english():
    texts = [p.text for p in Document(io.BytesIO(to_docx(RELEASE, "en"))).paragraphs]
    assert "Sources" in texts and "資料來源" not in texts
