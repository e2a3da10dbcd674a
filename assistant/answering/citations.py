"""The one place citations are made: every quote is checked against the document's original lines.

The promise is that every fact cites the exact source row, so a citation whose quote is not an
exact substring of lines `line..end_line` (as stored, not normalised) is never created: `cite`
raises `CitationError`, and callers fall back to `cite_head` (the start of the cited line), which
is valid by construction. `renumber` then gives markers their final numbers in order of first use.

A marker is exactly `[n]`: ASCII brackets around one ASCII integer without a leading zero. A
document may contain such text itself (「經費為零 [9]」), so every piece of source text that goes
into an answer passes through `escape_source_brackets` first: its `[9]` becomes the Markdown escape
`\\[9\\]`, which every Markdown renderer shows as `[9]` and which no marker pattern matches.
"""

import logging
import re
from collections.abc import Mapping

from assistant.answering.contract import Citation, Item
from assistant.corpus.manifest import Document
from assistant.errors import CitationError

log = logging.getLogger(__name__)

MARKER = re.compile(r"\[([1-9][0-9]{0,5})\]")  # never Unicode digits, never thousands of them (int() limits)
HEAD_CHARS = 40
_BRACKETED_DIGITS = re.compile(r"\[(\d+)\]")  # anything a marker pattern might read as one, Unicode digits too


def marker(number: int) -> str:
    return f"[{number}]"


def escape_source_brackets(text: str) -> str:
    """Source text as it may appear in an answer: its own `[9]` can never be read as a citation marker.

    `[9]` becomes `\\[9\\]` (Markdown shows `[9]`), and a trailing backslash is doubled so that it
    cannot escape a marker written right after the text. Call it on every quote, label or value
    taken from a document before it is placed in answer text; markers are added after.
    """
    escaped = _BRACKETED_DIGITS.sub(r"\\[\1\\]", text)
    trailing = len(escaped) - len(escaped.rstrip("\\"))
    return escaped + "\\" * (trailing % 2)


class Citations:
    """The sources of one answer, numbered in the order they are first cited."""

    def __init__(self, documents: Mapping[str, Document]):
        self._documents = documents
        self._entries: list[Citation] = []
        self._numbers: dict[tuple[str, int, int, str], int] = {}

    def _document(self, file: str) -> Document:
        doc = self._documents.get(file)
        if doc is None:
            raise CitationError(f"{file} is not in the corpus")
        return doc

    def cite(self, file: str, line: int, end_line: int, quote: str) -> int:
        """The number for `quote` at `file:line-end_line`; the same source cited again keeps its number.

        The range narrows to the single line holding the quote, so the citation points at the row.
        """
        doc = self._document(file)
        if not 1 <= line <= end_line <= len(doc.lines):
            raise CitationError(f"{file}:{line}-{end_line} is outside the document ({len(doc.lines)} lines)")
        quote = quote.strip()
        if not quote or quote not in doc.text_between(line, end_line):
            raise CitationError(f"{quote[:30]!r} is not in {file}:{line}-{end_line}")
        if "\n" not in quote:
            line = end_line = next(n for n in range(line, end_line + 1) if quote in doc.line(n))
        key = (file, line, end_line, quote)
        if key not in self._numbers:
            number = len(self._entries) + 1
            self._numbers[key] = number
            self._entries.append(Citation(id=number, file=file, line=line, end_line=end_line, quote=quote,
                                          title=doc.info.title))
        return self._numbers[key]

    def cite_head(self, file: str, line: int, end_line: int | None = None) -> int:
        """Cite the first non-blank line of a range by its opening characters."""
        doc = self._document(file)
        end_line = end_line or line
        for number in range(line, min(end_line, len(doc.lines)) + 1):
            text = doc.line(number).strip()
            if text:
                return self.cite(file, number, number, text[:HEAD_CHARS])
        raise CitationError(f"{file}:{line}-{end_line} holds no text to quote")

    def cite_or_head(self, file: str, line: int, end_line: int, quote: str | None) -> int:
        """`cite` the quote when it is really there; otherwise the head of the range (logged)."""
        if quote:
            try:
                return self.cite(file, line, end_line, quote)
            except CitationError as exc:
                log.warning("citation fallback: %s", exc)
        return self.cite_head(file, line, end_line)

    def get(self, number: int) -> Citation:
        return self._entries[number - 1]

    @property
    def entries(self) -> list[Citation]:
        return list(self._entries)


def renumber(answer: str, items: list[Item], citations: list[Citation],
             others: tuple[str, ...] = ()) -> tuple[str, list[Item], list[Citation], tuple[str, ...]]:
    """Number citations in order of first use in `answer` (then items, then the rest), drop unknown markers;
    `others` (another rendering of the same answer) get the same numbers.

    Run last, after any rewriting, so `[1]` is always the first marker a reader meets and every
    marker points at a citation. Only strict markers count (see `MARKER`): escaped source brackets
    and look-alikes (`[1,9]`, `［9］`) are text. A number that no citation has, in the text or in an
    item, is dropped rather than trusted.
    """
    known = {c.id: c for c in citations}
    used = [int(m.group(1)) for m in MARKER.finditer(answer)] + [n for item in items for n in item.citations]
    order = [n for n in dict.fromkeys([*used, *known]) if n in known]
    new = {old: position for position, old in enumerate(order, start=1)}

    def replace(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if number not in new:
            log.warning("dropped citation marker [%d]: no such source", number)
            return ""
        return marker(new[number])

    answer = MARKER.sub(replace, answer)
    items = [item.model_copy(update={"citations": [new[n] for n in item.citations if n in new]}) for item in items]
    citations = [known[old].model_copy(update={"id": new[old]}) for old in order]
    return answer, items, citations, tuple(MARKER.sub(replace, text) for text in others)
