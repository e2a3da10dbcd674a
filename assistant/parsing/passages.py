"""Cut a document into passages: spans of original lines, sized for retrieval and quotable verbatim.

Citations quote passage text and are checked against the file, so a passage's text is always the
exact original lines joined with "\\n", or, for a single over-long line, an exact substring of it.
Short lines are grouped to roughly MIN_CHARS–MAX_CHARS characters, breaking at headings, blank lines
and record boundaries where possible; a longer line is cut at cell (tab) boundaries first, then at
sentence ends, then at clause marks, and mid-word only when nothing else fits.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.corpus.manifest import Document
from assistant.parsing.models import Passage, Record

MIN_CHARS = 80
TARGET_CHARS = 240
MAX_CHARS = 350

# Agency fields a record type may carry, with the word shown before them in a passage context.
_AGENCY_FIELDS = (("lead_agency", "主辦"), ("co_agencies", "協辦"), ("agencies", "主責"), ("agency", "機關"))
_MAX_LABELS = 3

_HEADING_MAX_CHARS = 40
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*(\S.*)$")
_SECTION_HEADING = re.compile(r"^[壹貳參肆伍陸柒捌玖拾]+、\S")  # 壹、前言
_SUBSECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、\S")  # 一、近 4 年預、決算趨勢
_MARKUP = re.compile(r"<[^>]+>|\\|\*\*")
_CLOSING_TAG = re.compile(r"</\w+>")
_ENUMERATOR_END = re.compile(r"(?:^|[\s。；>])(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+\.)$")

# Cost of cutting a long line just after a character: lower is a better place to cut.
_CUT_TAB, _CUT_SENTENCE, _CUT_CLAUSE, _CUT_CHAR, _CUT_MID_WORD = 0, 1, 4, 15, 60
_CUT_TIERS = (_CUT_CLAUSE, _CUT_CHAR)  # candidate cuts, widened until the pieces fit
_SENTENCE_ENDS = frozenset("。；！？;!?")
_CLAUSE_ENDS = frozenset("，、：:,)）」』】")
_PIECE_COST = 3


def build_passages(doc: Document, records: list[Record]) -> list[Passage]:
    """Passages covering every non-blank line of `doc`, in file order, with stable ids."""
    headings = heading_trail(doc)
    covering = _records_by_line(doc, records)
    passages: list[Passage] = []
    for line, end_line in _line_spans(_Layout(doc, covering, headings)):
        # Records with list fields are unhashable: deduplicate by identity.
        found = list({id(r): r for n in range(line, end_line + 1) for r in covering.get(n, ())}.values())
        context = _context(headings[end_line - 1], found)
        kind = "table_row" if found else "text"
        text = doc.text_between(line, end_line)
        if len(text) <= MAX_CHARS:
            passages.append(Passage(id=f"{doc.file}:{line}-{end_line}", file=doc.file, line=line,
                                    end_line=end_line, text=text, context=context, kind=kind,
                                    period=doc.period, series=doc.info.series))
            continue
        for part, (start, end) in enumerate(cut_long_line(text), start=1):
            passages.append(Passage(id=f"{doc.file}:{line}-{end_line}#{part}", file=doc.file, line=line,
                                    end_line=end_line, text=text[start:end], context=context, kind=kind,
                                    period=doc.period, series=doc.info.series))
    return passages


# --- headings and records -----------------------------------------------------------------------


def heading_title(line: str) -> tuple[int, str] | None:
    """(rank, title) if `line` is a section heading: rank 1 for markdown and 壹、, rank 2 for 一、."""
    stripped = line.strip()
    if "\t" in line or not stripped or len(stripped) > _HEADING_MAX_CHARS:
        return None
    markdown = _MARKDOWN_HEADING.match(stripped)
    if markdown:
        rank, title = 1, markdown.group(1)
    elif _SECTION_HEADING.match(stripped):
        rank, title = 1, stripped
    elif _SUBSECTION_HEADING.match(stripped) and not stripped.endswith("。"):
        rank, title = 2, stripped
    else:
        return None
    title = " ".join(_MARKUP.sub("", title).strip("#* ").split())
    return (rank, title) if title else None


def heading_trail(doc: Document) -> list[str]:
    """For each line, the section it is in: `壹、… > 一、…`, or "" before the first heading.

    Markdown levels are not trusted for nesting (001 puts sibling themes at ##, ### and ####),
    so only two ranks are kept: a section and the numbered sub-section under it.
    """
    section, subsection, trail = "", "", []
    for line in doc.lines:
        heading = heading_title(line)
        if heading is not None:
            rank, title = heading
            section, subsection = (title, "") if rank == 1 else (section, title)
        trail.append(" > ".join(t for t in (section, subsection) if t))
    return trail


def _records_by_line(doc: Document, records: list[Record]) -> dict[int, list[Record]]:
    covering: dict[int, list[Record]] = {}
    for record in records:
        if record.file != doc.file:
            continue
        for number in range(max(record.line, 1), min(record.end_line, len(doc.lines)) + 1):
            covering.setdefault(number, []).append(record)
    return covering


def _unique(items: Iterable) -> list:
    return list(dict.fromkeys(items))


def _context(heading: str, records: list[Record]) -> str:
    """`section | label(s) | 主辦 X | 協辦 Y`: what a reader needs to place a passage."""
    parts = [heading] if heading else []
    labels = _unique(" ".join(record.label().split()) for record in records)
    if labels:
        more = f" 等{len(labels)}筆" if len(labels) > _MAX_LABELS else ""
        parts.append("; ".join(labels[:_MAX_LABELS]) + more)
    data = [record.fields() for record in records]
    for name, word in _AGENCY_FIELDS:
        values = _unique(v for d in data for v in _as_list(d.get(name)) if v)
        if values:
            parts.append(f"{word} {' '.join(values)}")
    return " | ".join(parts)


def _as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


# --- grouping lines -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Layout:
    """What grouping needs to know about each line: size, heading, records covering it."""

    doc: Document
    covering: dict[int, list[Record]]
    trail: list[str]

    def size(self, line: int, end_line: int) -> int:
        return len(self.doc.text_between(line, end_line))

    def is_heading(self, number: int) -> bool:
        return heading_title(self.doc.line(number)) is not None

    def is_long(self, span: tuple[int, int]) -> bool:
        return span[0] == span[1] and len(self.doc.line(span[0])) > MAX_CHARS

    def record_key(self, number: int) -> tuple[int, ...]:
        return tuple(id(r) for r in self.covering.get(number, ()))


def _line_spans(layout: _Layout) -> list[tuple[int, int]]:
    """(line, end_line) spans that partition the non-blank lines; an over-long line is a span alone."""
    return _fold_tiny(layout, _group(layout))


def _group(layout: _Layout) -> list[tuple[int, int]]:
    """Greedy grouping: a heading opens a span; past MIN_CHARS a span ends at a blank line or a change
    of records when the block that follows would take it past TARGET_CHARS; it never passes MAX_CHARS."""
    block = _block_sizes(layout)
    spans: list[tuple[int, int]] = []
    current: list[int] = []
    for number, text in enumerate(layout.doc.lines, start=1):
        if not text.strip():
            continue
        if current:
            start, last = current[0], current[-1]
            so_far = layout.size(start, last)
            boundary = number > last + 1 or layout.record_key(number) != layout.record_key(last)
            if (
                len(text) > MAX_CHARS
                or (layout.is_heading(number) and not all(layout.is_heading(n) for n in current))
                or layout.size(start, number) > MAX_CHARS
                or (boundary and so_far >= MIN_CHARS and so_far + block[number] > TARGET_CHARS)
                or so_far >= TARGET_CHARS
            ):
                spans.append((start, last))
                current = []
        current.append(number)
        if len(text) > MAX_CHARS:
            spans.append((number, number))
            current = []
    if current:
        spans.append((current[0], current[-1]))
    return spans


def _fold_tiny(layout: _Layout, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join a span under MIN_CHARS to its neighbour (a footnote under a table, a stray slide label).

    A span never absorbs the next section's heading, except for the title lines before the first heading.
    """
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged:
            before = merged[-1]
            tiny = layout.size(*before) < MIN_CHARS or layout.size(*span) < MIN_CHARS
            opens_section = layout.is_heading(span[0]) and bool(layout.trail[before[1] - 1])
            if (tiny and not opens_section and not layout.is_long(before) and not layout.is_long(span)
                    and layout.size(before[0], span[1]) <= MAX_CHARS):
                merged[-1] = (before[0], span[1])
                continue
        merged.append(span)
    return merged


def _block_sizes(layout: _Layout) -> dict[int, int]:
    """For each line, the length of the block starting there: the following non-blank lines
    covered by the same records (a paragraph, for lines outside any record)."""
    sizes: dict[int, int] = {}
    lines = layout.doc.lines
    for number in range(len(lines), 0, -1):
        line = lines[number - 1]
        follows = number < len(lines) and lines[number].strip() and \
            layout.record_key(number + 1) == layout.record_key(number)
        sizes[number] = 0 if not line.strip() else len(line) + (1 + sizes[number + 1] if follows else 0)
    return sizes


# --- cutting one long line ----------------------------------------------------------------------


def _last_word_end(text: str, position: int) -> tuple[str, bool]:
    """The character before `position` once trailing spaces and closing tags (`</p>`) are skipped,
    and whether a closing tag was skipped (a paragraph ended there)."""
    index, closed = position, False
    while index > 0:
        if text[index - 1].isspace():
            index -= 1
        elif text[index - 1] == ">" and (start := text.rfind("<", 0, index)) >= 0 and \
                _CLOSING_TAG.fullmatch(text, start, index):
            index, closed = start, True
        else:
            break
    return (text[index - 1] if index > 0 else ""), closed


def _cut_cost(text: str, position: int) -> int:
    """How bad it is to cut `text` between position-1 and position."""
    before, after = text[position - 1], text[position]
    if before == "\t":
        return _CUT_TAB
    if after.isspace() or text.startswith("</", position):
        return _CUT_CHAR  # a piece should not start with the space or closing tag that ends the last one
    last, closed = _last_word_end(text, position)
    if closed or last in _SENTENCE_ENDS:
        return _CUT_SENTENCE
    if before in ",." and text[position - 2 : position - 1].isdigit() and after.isdigit():
        return _CUT_MID_WORD  # 1,817 or 97.5
    if _ENUMERATOR_END.search(text, max(0, position - 8), position):
        return _CUT_CHAR  # keep `二、` and `(三)` with the item they number
    if before.isspace() or before in _CLAUSE_ENDS:
        return _CUT_CLAUSE
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return _CUT_MID_WORD
    return _CUT_CHAR


def cut_long_line(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of consecutive pieces of `text`, each at most MAX_CHARS long.

    The pieces concatenate back to `text`. Cuts are chosen by dynamic programming over the
    candidate positions, cheapest first (tab, sentence end, clause mark), so a row splits at
    its cells when they fit and pieces shorter than MIN_CHARS are avoided.
    """
    costs = {p: _cut_cost(text, p) for p in range(1, len(text))}
    for tier in _CUT_TIERS:
        pieces = _cheapest_cuts([0, *(p for p, c in costs.items() if c <= tier), len(text)], costs)
        if pieces:
            return pieces
    return _cheapest_cuts(list(range(len(text) + 1)), costs)  # every position: always fits


def _cheapest_cuts(positions: list[int], costs: dict[int, int]) -> list[tuple[int, int]]:
    """The cheapest way to cut at some of `positions` (first is 0, last is the end); [] if none fits."""
    end = positions[-1]
    best: list[float] = [0.0] + [float("inf")] * (len(positions) - 1)
    previous = [0] * len(positions)
    for j in range(1, len(positions)):
        cut = costs.get(positions[j], 0) if positions[j] != end else 0
        i = j - 1
        while i >= 0 and positions[j] - positions[i] <= MAX_CHARS:
            length = positions[j] - positions[i]
            short = 10 + (MIN_CHARS - length) / 4 if length < MIN_CHARS else 0
            total = best[i] + _PIECE_COST + cut + short
            if total < best[j]:
                best[j], previous[j] = total, i
            i -= 1
    if best[-1] == float("inf"):
        return []
    pieces, j = [], len(positions) - 1
    while j > 0:
        pieces.append((positions[previous[j]], positions[j]))
        j = previous[j]
    return pieces[::-1]
