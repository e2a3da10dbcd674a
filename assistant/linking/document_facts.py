"""What a document says about itself: who presented it and when, the date its figures run to, its parts.

Read from the document's own text by the conventions of Chinese official documents, never from a
list of documents:
- the cover (its first non-blank lines) carries `報告者：…`-style label lines and the presentation date;
- an as-of date follows 截至 / 統計至 (`(截至112年12月底)`) in the first lines or a header row;
- the parts are the top-level headings: 壹、貳、參…, or 第一部份 … (titled by the next line), or the
  numbered entries under a 大綱 / 目錄 slide, or else the shallowest markdown headings.
Each fact keeps the line it was read from and an exact quote of it, so it can be cited.
"""

import re
from dataclasses import dataclass
from typing import Literal

from assistant.corpus.manifest import Document
from assistant.text.dates import find_dates
from assistant.text.normalize import normalize

FactField = Literal["presenter", "date", "as_of", "parts"]

COVER_LINES = 12  # non-blank lines that make up a cover page
HEADER_LINES = 8  # non-blank lines an as-of date may sit in (a title and a header row)

_LABEL_LINE = re.compile(r"^\s*(報告者|報告人|簡報人|簡報者|主講人|主講者|報告單位)\s*[:：]\s*(\S.*?)\s*$")
_AS_OF = re.compile(r"(?:截至|截止|統計至|統計到|資料日期)\s*[:：]?\s*")
_SECTION = re.compile(r"^\s*([壹貳參肆伍陸柒捌玖拾]+)、\s*(\S.*?)\s*$")
_PART = re.compile(r"^\s*第\s*([一二三四五六七八九十]+)\s*部[份分]\s*$")
_OUTLINE = re.compile(r"^\s*(?:報告\s*)?(?:大綱|目錄|議程)\s*$")
_NUMBER_LINE = re.compile(r"^\s*(\d{1,2})\s*$")
_MARKDOWN = re.compile(r"^(#{1,6})\s*(\S.*?)\s*$")
_NUMBERED = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^[(（]")


@dataclass(frozen=True)
class DocumentFact:
    file: str
    field: FactField
    value: str
    line: int
    quote: str  # an exact substring of the line

    @property
    def order(self) -> tuple[int, str]:
        return self.line, self.field


def _non_blank(doc: Document, limit: int | None = None) -> list[int]:
    numbers = [n for n in range(1, len(doc.lines) + 1) if doc.line(n).strip()]
    return numbers[:limit] if limit else numbers


def _cover(doc: Document) -> list[DocumentFact]:
    facts: list[DocumentFact] = []
    for number in _non_blank(doc, COVER_LINES):
        text = doc.line(number)
        label = _LABEL_LINE.match(text)
        if label and not any(f.field == "presenter" for f in facts):
            facts.append(DocumentFact(doc.file, "presenter", label.group(2), number, text.strip()))
            continue
        if any(f.field == "date" for f in facts):
            continue
        for date in find_dates(text):  # a presentation date stands on a line of its own
            if date.precision == "day" and date.end is None and date.raw.strip() == text.strip():
                facts.append(DocumentFact(doc.file, "date", date.raw, number, date.raw))
                break
    return facts


def _as_of(doc: Document) -> list[DocumentFact]:
    for number in _non_blank(doc, HEADER_LINES):
        text = doc.line(number)
        for marker in _AS_OF.finditer(text):
            dates = [d for d in find_dates(text[marker.end():]) if d.span[0] == 0]
            if dates:
                raw = dates[0].raw
                start = text.index(raw, marker.end())
                return [DocumentFact(doc.file, "as_of", raw, number, text[marker.start():start + len(raw)])]
    return []


def _next_line(doc: Document, number: int) -> int | None:
    return next((n for n in range(number + 1, len(doc.lines) + 1) if doc.line(n).strip()), None)


def _outline_entries(doc: Document, start: int) -> list[DocumentFact]:
    """`1 / title / 2 / title …` after a 大綱 line, while the numbers run 1, 2, 3 …"""
    facts, expected, number = [], 1, _next_line(doc, start)
    while number is not None:
        match = _NUMBER_LINE.match(doc.line(number))
        title_line = _next_line(doc, number)
        if not match or int(match.group(1)) != expected or title_line is None:
            break
        title = doc.line(title_line).strip()
        facts.append(DocumentFact(doc.file, "parts", normalize(title), title_line, title))
        expected, number = expected + 1, _next_line(doc, title_line)
    return facts


def _parts(doc: Document) -> list[DocumentFact]:
    lines = _non_blank(doc)
    sections = [(n, _SECTION.match(doc.line(n))) for n in lines]
    found = [DocumentFact(doc.file, "parts", normalize(m.group(2)), n, doc.line(n).strip())
             for n, m in sections if m]
    if found:
        return found
    for n in lines:
        if _PART.match(doc.line(n)):
            title = _next_line(doc, n)
            if title is not None:
                text = doc.line(title).strip()
                found.append(DocumentFact(doc.file, "parts", normalize(text), title, text))
    if found:
        return found
    for n in lines:
        if _OUTLINE.match(doc.line(n)):
            entries = _outline_entries(doc, n)
            if len(entries) >= 2:
                return entries
    headings = [(n, len(m.group(1)), normalize(m.group(2))) for n in lines if (m := _MARKDOWN.match(doc.line(n)))]
    # Top level: the level-1 headings, the 一、二、… sequence at whatever level it is marked, and the
    # other shallow headings that are not (一)-style subsections.
    return [DocumentFact(doc.file, "parts", text, n, doc.line(n).strip()) for n, level, text in headings
            if level == 1 or _NUMBERED.match(text) or (level <= 2 and not _SUBSECTION.match(text))]


def document_facts(doc: Document) -> list[DocumentFact]:
    """Every fact `doc` states about itself, in line order."""
    return sorted([*_cover(doc), *_as_of(doc), *_parts(doc)], key=lambda f: f.order)
