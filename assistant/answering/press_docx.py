"""A press release as a Word document (python-docx): what the press office edits and sends on.

Title as the heading, the lead in bold, the body paragraphs, then 資料來源 with one paragraph per
note, each starting with its citation's number (note 3 is citation 3, as in the plain text).
"""

import io

from docx import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.styles.style import BaseStyle

from assistant.answering.contract import PressRelease
from assistant.answering.language import Language, pick

# Traditional Chinese documents are set in 新細明體 where Word has it; Word substitutes elsewhere.
EAST_ASIAN_FONT = "PMingLiU"
BODY_PT = 12


def _east_asian(style: BaseStyle) -> None:
    """Set the style's East Asian font, which python-docx's `font.name` does not reach."""
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def to_docx(release: PressRelease, lang: Language) -> bytes:
    """The release as .docx bytes."""
    word = WordDocument()
    for name in ("Normal", "Title", "Heading 1"):
        _east_asian(word.styles[name])
    word.styles["Normal"].font.size = Pt(BODY_PT)
    word.core_properties.title = release.title
    word.core_properties.language = pick(lang, "zh-TW", "en")
    word.add_heading(release.title, level=0)
    lead = word.add_paragraph()
    lead.add_run(release.lead).bold = True
    for paragraph in release.body:
        word.add_paragraph(paragraph)
    if release.sources:
        word.add_heading(pick(lang, "資料來源", "Sources"), level=1)
        for note in release.sources:
            word.add_paragraph(note)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
