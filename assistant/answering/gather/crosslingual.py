"""English asks linked to Chinese names through the passages retrieval ranks first.

Retrieval's dense half already crosses languages; the records under its top passages are the
candidates, and each English phrase of the ask links to the candidate name it is most similar to
(`assistant.linking.semantic`), when that similarity is high enough. The links are added to the
reading as `semantic` links, so the record sources use them as they use lexical ones.
"""

import re

from assistant.answering.context import Request
from assistant.answering.gather.passages import search
from assistant.answering.gather.records import scoped_kpi_names
from assistant.linking.gazetteer import Entry
from assistant.linking.linker import Link

# Kinds of names an English phrase may stand for.
_KINDS = frozenset({"kpi", "table_row", "item", "goal", "performance_goal", "theme", "category", "domain", "outline",
                    "heading"})
PASSAGES = 5  # top passages whose names are candidates
# Record types an ask may say it is about (`the E group's KPI on …`): their names in the ask's documents
# and years are candidates, surfaced or not.
_SCOPED_TYPES = frozenset({"kpi_result", "strategy_kpi"})


def _scoped_names(request: Request) -> list[Entry]:
    """The KPI names of the documents and years an ask about a KPI states (the E group's KPI on … in 109),
    where retrieval may rank another record's page first."""
    f = request.filters
    return scoped_kpi_names(request) if f.subject == "kpi" or f.record_type in _SCOPED_TYPES else []


# What may stand between two words of one phrase: a space, a hyphen, a possessive (seniors' ridership).
_JOINS = re.compile(r"(?:'s?)?[ \-]?")


def english_phrases(request: Request) -> list[tuple[str, int, int]]:
    """Runs of adjacent content words of an English ask: `personnel costs`, `unemployment rate`,
    `seniors' ridership`."""
    phrases: list[tuple[str, int, int]] = []
    text = request.reading.understanding.normalized
    offset = request.reading.ask.start if request.reading.ask else 0
    for term in request.reading.terms:
        if not term.text.isascii():
            continue
        if phrases and _JOINS.fullmatch(text[phrases[-1][2] - offset:term.start - offset]):
            phrases[-1] = (text[phrases[-1][1] - offset:term.end - offset], phrases[-1][1], term.end)
        else:
            phrases.append((term.text, term.start, term.end))
    return phrases


def cross_links(request: Request) -> list[Link]:
    """Semantic links of an English ask's phrases; empty for a Chinese ask or when nothing is close."""
    if request.lang != "en":
        return []
    phrases = english_phrases(request)
    if not phrases:
        return []
    sources = request.sources
    candidates: dict[str, list[Entry]] = {}
    for hit in search(request, sources.settings.search_k)[:PASSAGES]:
        for entry in sources.entries_at(hit.passage.file, hit.passage.line, hit.passage.end_line):
            if entry.kind in _KINDS and entry.text == entry.value:  # as printed; an English name links exactly
                candidates.setdefault(entry.text, []).append(entry)
    for entry in _scoped_names(request):
        named = candidates.setdefault(entry.text, [])
        if entry not in named:
            named.append(entry)
    links: list[Link] = []
    names = list(candidates)
    for phrase, start, end in phrases:
        scored = [(ranked[0][1], ranked[0][0], at, stop) for part, at, stop in _parts(phrase, start)
                  if (ranked := sources.matcher.rank(part, names))]
        if scored and max(scored)[0] >= sources.settings.min_similarity:
            score, name, at, stop = max(scored)
            links += [Link(entry, at, stop, score, "semantic") for entry in candidates[name]]
    return links


_WORD = re.compile(r"[^\s\-]+")


def _parts(phrase: str, start: int) -> list[tuple[str, int, int]]:
    """The phrase and its runs of two words or more (`execution rate` of `budget execution rate change`):
    a word of the question's own (how did X change) may stand at a phrase's edge. Each with its span."""
    words = list(_WORD.finditer(phrase))
    parts = [(phrase, start, start + len(phrase))]
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            if (i, j) != (0, len(words) - 1):
                a, b = words[i].start(), words[j].end()
                parts.append((phrase[a:b], start + a, start + b))
    return parts
