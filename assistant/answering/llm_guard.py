"""What an LLM's rewording must satisfy before it replaces the extractive answer: it adds no fact.

The rewording is only wording. So, after HTML, scripts, links and URLs are removed from it:
- its citation markers are strict `[n]` markers (no `[1,9]`, `［9］`, `【10】`) of provided sources,
  and it keeps every marker the extractive answer has (a list cannot shrink to one sentence);
- every number (Arabic, or Chinese numerals read as a quantity), date, agency of the lexicon,
  code (`DP5.1`, `#31`) and quoted 「…」 text in it also appears in the evidence: the cited quotes,
  the items (labels, fields and their count) and the extractive answer, which is built from those
  alone.
Anything else is a reason to serve the extractive answer. The check errs towards refusing a
rewording: a false alarm only costs the nicer wording, a miss would put an invented fact under a
real citation. Names that are not agencies (people, places) are not recognised and not checked.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.answering.citations import MARKER
from assistant.answering.contract import Citation, Item
from assistant.corpus.lexicon import load_lexicon
from assistant.text.dates import find_dates
from assistant.text.numbers import UNITS, find_numbers, parse_number

_SCRIPT = re.compile(r"(?is)<(script|style)\b.*?</\1\s*>")  # with what is inside
_TAG = re.compile(r"<[^<>]*>")  # HTML tags and autolinks
_MD_LINK = re.compile(r"!?\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")  # [text](url), ![alt](url): the text stays
_URL = re.compile(r"(?i)\b(?:https?|ftp)://[^\s<>「」（）()\[\]]+|\b(?:javascript|vbscript|data|file):[^\s<>「」]*")
# Bracket pairs a reader or a page could take for a citation: ASCII, full-width, lenticular, tortoise-shell.
_BRACKETED = re.compile(r"[\[［【〔〖]\s*[0-9０-９][0-9０-９\s,，、;；~\-–]*[\]］】〕〗]")
_ESCAPED = re.compile(r"\\\[[^\[\]\\]*\\\]")  # a source's own bracket text, escaped by escape_source_brackets
_CODE = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]{1,4}\d+(?:\.\d+)*|#\d+)(?![A-Za-z0-9])")
_QUOTED = re.compile(r"「([^「」]{2,})」|“([^“”]{2,})”")
_SPACE_BEFORE_MAGNITUDE = re.compile(r"(?<=[0-9])\s+(?=[百千萬億])")
_CHINESE_NUMERAL = re.compile(r"[〇零一二兩三四五六七八九十百千萬億]+")
_UNIT_AFTER = tuple(UNITS)
_DIGIT_RUN = re.compile(r"\d+(?:\.\d+)?")  # also inside codes and dates: a rewording may restate them plainly
_PROVENANCE = frozenset({"file", "line", "end_line", "value_line", "record_type"})  # where a fact is, not a fact


@dataclass(frozen=True)
class Evidence:
    """Everything the extractive answer was built from, as text, with the facts it contains."""

    text: str
    numbers: frozenset[float]
    dates: frozenset[tuple[object, object]]
    agencies: frozenset[str]

    @classmethod
    def of(cls, answer: str, citations: Iterable[Citation], items: list[Item]) -> "Evidence":
        parts = [answer, *(c.quote for c in citations)]
        for item in items:
            parts += [item.label, *(_flatten(v) for k, v in item.fields.items() if k not in _PROVENANCE)]
        text = "\n".join(parts)
        digits = {float(run) for run in _DIGIT_RUN.findall(text.replace(",", ""))}
        numbers = _numbers(text) | digits | {float(len(items))}
        return cls(_squashed(text), frozenset(numbers), frozenset(_dates(text)), frozenset(_agencies(text)))


def _flatten(value: object) -> str:
    if isinstance(value, list):
        return "、".join(map(str, value))
    return "" if value is None else str(value)


def _squashed(text: str) -> str:
    """For containment checks: NFKC, no whitespace, no Markdown emphasis."""
    return re.sub(r"\s+|\*\*", "", unicodedata.normalize("NFKC", text))


def _is_ideograph(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"


def _chinese_numbers(text: str) -> set[float]:
    """Chinese numerals used as quantities: followed by a unit (三項, 九千億元) or by no further word
    (預算為零。). A lone 一 after a word (之一, 統一) is not one."""
    found = set()
    for match in _CHINESE_NUMERAL.finditer(text):
        after = text[match.end():]
        if after and _is_ideograph(after[0]) and not after.startswith(_UNIT_AFTER):
            continue  # part of a word: 一般, 零星, 三民
        if match.group() == "一" and match.start() and _is_ideograph(text[match.start() - 1]):
            continue
        value = parse_number(match.group())
        if value is not None:
            found.add(value)
    return found


def _numbers(text: str) -> set[float]:
    """Every quantity's value; `311 百萬元` and `311百萬元` are the same 311,000,000."""
    text = _SPACE_BEFORE_MAGNITUDE.sub("", text)
    return {n.value for n in find_numbers(text)} | _chinese_numbers(text)


def _dates(text: str) -> set[tuple[object, object]]:
    return {(d.date, d.last) for d in find_dates(text)}


def _agencies(text: str) -> set[str]:
    lexicon = load_lexicon()
    found = set(lexicon.find_all(text))
    lowered = text.lower()
    found |= {a.name for a in lexicon.agencies for name in a.english if name.lower() in lowered}
    return found


def strip_markup(text: str) -> str:
    """LLM text without HTML, Markdown links or images (their text stays) and without link targets."""
    text = _MD_LINK.sub(r"\1", text)
    text = _TAG.sub("", _SCRIPT.sub("", text))
    return _URL.sub("", text)


def _without_markers(text: str) -> str:
    return MARKER.sub(" ", _ESCAPED.sub(" ", text))


def problems(reply: str, answer: str, citations: list[Citation], items: list[Item]) -> list[str]:
    """Why `reply` (already stripped of markup) may not replace `answer`; empty when it may."""
    found = []
    known = {c.id for c in citations}
    markers = {int(m) for m in MARKER.findall(_ESCAPED.sub(" ", reply))}
    if unknown := sorted(markers - known):
        found.append(f"cites sources that were not provided: {unknown}")
    if missing := sorted({int(m) for m in MARKER.findall(_ESCAPED.sub(" ", answer))} - markers):
        found.append(f"drops the citations {missing} of the extractive answer")
    if look_alikes := [m for m in _BRACKETED.findall(MARKER.sub(" ", _ESCAPED.sub(" ", reply)))]:
        found.append(f"has malformed citation markers: {look_alikes[:5]}")
    evidence = Evidence.of(answer, citations, items)
    text = _without_markers(reply)
    if numbers := sorted(_numbers(text) - evidence.numbers):
        found.append(f"states numbers no source gives: {numbers[:5]}")
    if dates := sorted(str(d[0]) for d in _dates(text) - evidence.dates):
        found.append(f"states dates no source gives: {dates[:5]}")
    if agencies := sorted(_agencies(text) - evidence.agencies):
        found.append(f"names agencies no source names: {agencies[:5]}")
    if codes := sorted({c for c in _CODE.findall(text) if _squashed(c) not in evidence.text}):
        found.append(f"names codes no source names: {codes[:5]}")
    quotes = [a or b for a, b in _QUOTED.findall(text)]
    if invented := [q for q in quotes if _squashed(q) not in evidence.text]:
        found.append(f"quotes text no source has: {[q[:30] for q in invented[:3]]}")
    return found
