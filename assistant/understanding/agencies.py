"""Agencies named in a question: any Chinese spelling, an English name, or a one-character typo.

Chinese spellings come from the lexicon (canonical, short, variants; 台/臺 already folded). English
names match case-insensitively on word boundaries, with the `Department of X` / `X Department` /
`X Bureau` orders a user may type. Names for the city government (市府, 臺北市) and placeholder groups
(本組各機關) are claimed first, so they are never read as an agency.

A typo is a window at edit distance 1 (a substitution, or for names of 4+ characters also an
insertion or a deletion other than of the last character) from a spelling of 3+ characters, accepted only when it is unambiguous
(exactly one agency is that close), the window lines up with the segmenter's word boundaries
(社會住宅 is not 社會局), the window is not itself a corpus word (教育部 is a ministry, not 教育局), a
changed last character is not another organisation suffix (消防署, 文化部), the changed character
is not a particle (都市發展的願景), and a 3-character window
sits where an agency does: before a role word, a particle or the end (社會侷協辦…, but not 公園蓋幾座).
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.corpus.lexicon import AgencyLexicon, fold_tai
from assistant.text.segment import Segmenter
from assistant.understanding.question import QuestionText

MIN_TYPO_CHARS = 3
MIN_INDEL_CHARS = 4
# Last characters of organisation names: a spelling with another one of these is another body.
ORG_SUFFIXES = frozenset("局處會部署院所司館隊團府廳室科組中心")
# Function characters: a window ending in one is a name (or part of one) followed by grammar.
_PARTICLES = frozenset("的之及與和或是在有了等並且也就而但把被對向從給讓")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
# What follows an agency name in a question: a role word, a particle, punctuation, or the end.
_AGENCY_SLOT = re.compile(r"主辦|協辦|主責|負責|主政|參與|辦理|推動|的|有|在|和|與|及|或|是|所|共|[、,，?？|\s]|$")


@dataclass(frozen=True)
class AgencyMention:
    name: str
    start: int
    end: int
    how: str  # "exact", "english" or "typo"


def _english_forms(name: str) -> list[str]:
    """`Department of Social Welfare` → also `Social Welfare Department`, `Bureau of …`, `… Bureau`."""
    forms = [name]
    match = re.fullmatch(r"(?:Department|Bureau) of (.+)", name)
    if match:
        core = match.group(1)
        forms += [f"Department of {core}", f"Bureau of {core}", f"{core} Department", f"{core} Bureau"]
    return forms


class AgencyFinder:
    """Finds agency mentions; built once per `CorpusFacts`."""

    def __init__(self, lexicon: AgencyLexicon, segmenter: Segmenter, vocabulary: Iterable[str]):
        self._segmenter = segmenter
        self._vocabulary = frozenset(vocabulary)
        spellings: dict[str, str] = {}
        for agency in lexicon.agencies:
            for spelling in agency.spellings:
                spellings[fold_tai(spelling)] = agency.name
        self._spellings = spellings
        non_agencies = sorted({fold_tai(n) for n in (*lexicon.placeholders, *lexicon.city_government)},
                              key=len, reverse=True)
        self._non_agency = re.compile("|".join(map(re.escape, non_agencies)))
        self._chinese = re.compile("|".join(map(re.escape, sorted(spellings, key=len, reverse=True))))
        english = {form.lower(): agency.name for agency in lexicon.agencies
                   for name in agency.english for form in _english_forms(name)}
        self._english_names = english
        self._english = re.compile(
            r"(?<![a-z])(" + "|".join(map(re.escape, sorted(english, key=len, reverse=True))) + r")(?![a-z])")
        # (window length, window with one position as "?") → (agency, spelling) pairs one substitution away;
        # (window length, window) → agencies one deletion away.
        self._substitutions: dict[tuple[int, str], set[tuple[str, str]]] = defaultdict(set)
        self._deletions: dict[str, set[str]] = defaultdict(set)
        for spelling, name in spellings.items():
            if len(spelling) < MIN_TYPO_CHARS:
                continue
            for i in range(len(spelling)):
                self._substitutions[(len(spelling), spelling[:i] + "?" + spelling[i + 1:])].add((name, spelling))
                if len(spelling) >= MIN_INDEL_CHARS and i < len(spelling) - 1:  # 都市發展 is not a typo
                    self._deletions[spelling[:i] + spelling[i + 1:]].add(name)
        self._characters = frozenset("".join(spellings))
        sizes = {len(s) for s in spellings if len(s) >= MIN_TYPO_CHARS}
        self._window_sizes = sorted(sizes | {s - 1 for s in sizes if s >= MIN_INDEL_CHARS}
                                    | {s + 1 for s in sizes if s >= MIN_INDEL_CHARS}, reverse=True)

    def find(self, question: QuestionText) -> list[AgencyMention]:
        """Every agency mention, in order of appearance; claims each span and non-agency names."""
        question.claim_any(self._non_agency)
        mentions = [AgencyMention(self._spellings[m.group()], m.start(), m.end(), "exact")
                    for m in question.claim(self._chinese)]
        mentions += [AgencyMention(self._english_names[m.group(1)], m.start(), m.end(), "english")
                     for m in question.claim(self._english)]
        mentions += self._typos(question)
        return sorted(mentions, key=lambda m: m.start)

    def _typos(self, question: QuestionText) -> list[AgencyMention]:
        text = question.masked
        # A window one edit from a spelling shares all but one of its characters with some spelling.
        shared = [c in self._characters for c in text]
        bounds: set[int] | None = None
        found: list[AgencyMention] = []
        for size in self._window_sizes:
            for start in range(len(text) - size + 1):
                end = start + size
                if sum(shared[start:end]) < size - 1 or not question.is_free(start, end):
                    continue
                window = text[start:end]
                if not _HAN_RUN.fullmatch(window) or window in self._vocabulary:
                    continue
                if size <= MIN_TYPO_CHARS and not _AGENCY_SLOT.match(text, end):
                    continue
                name = self._closest(window)
                if name is None:
                    continue
                bounds = bounds if bounds is not None else self._word_bounds(question.text)
                if start in bounds and end in bounds:
                    question.mask(start, end)
                    found.append(AgencyMention(name, start, end, "typo"))
        return found

    def _closest(self, window: str) -> str | None:
        """The single agency at edit distance 1 from `window`, or None (none, or ambiguous)."""
        names: set[str] = set(self._deletions.get(window, ()))
        last = len(window) - 1
        for i in range(len(window)):
            for name, spelling in self._substitutions.get((len(window), window[:i] + "?" + window[i + 1:]), ()):
                if window[i] != spelling[i] and window[i] in _PARTICLES:
                    continue  # 都市發展的: the name followed by a particle, not a typo
                if i == last and window[i] != spelling[i] and window[i] in ORG_SUFFIXES:
                    continue  # 消防署, 教育部: another organisation, not a typo
                names.add(name)
            shorter = window[:i] + window[i + 1:]
            if len(shorter) >= MIN_INDEL_CHARS and shorter in self._spellings:
                names.add(self._spellings[shorter])
        return names.pop() if len(names) == 1 else None

    def _word_bounds(self, text: str) -> set[int]:
        """Offsets in `text` where the segmenter starts or ends a word."""
        bounds, position = {0, len(text)}, 0
        for word in self._segmenter.cut(text):
            found = text.find(word, position)
            if found < 0:
                continue
            bounds.update((found, found + len(word)))
            position = found + len(word)
        return bounds
