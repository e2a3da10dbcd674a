"""The question as the detectors see it: normalised once, and masked as each detector claims words.

Detectors run in a fixed order (KPI names and codes, quoted labels, agencies, years, then status,
role and intent words) and each masks what it used, so that `完成` inside a KPI name such as
`SOP定期檢視完成度` is never read again as a status, nor `預算` inside `資本支出預算達成率` as a
budget question. Masking keeps the length, so spans stay valid across detectors.
"""

import re
from collections.abc import Iterator

from assistant.text.normalize import normalize
from assistant.text.script import to_traditional

MASK = "|"
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def normalize_question(question: str) -> str:
    """Traditional script (converted only when the text looks Simplified), NFKC, 台→臺, markup stripped."""
    return normalize(to_traditional(question))


def detect_language(text: str) -> str:
    """"en" when Latin letters outnumber ideographs (an English question may quote Chinese names)."""
    return "en" if len(_LATIN.findall(text)) > len(_HAN.findall(text)) else "zh"


def ascii_lower(text: str) -> str:
    """Lowercase ASCII letters only, so every index still points at the same character."""
    return "".join(c.lower() if c.isascii() else c for c in text)


class QuestionText:
    """Normalised question text plus a masked copy that shrinks as detectors claim spans."""

    def __init__(self, question: str):
        self.text = normalize_question(question)
        self.language = detect_language(self.text)
        self._chars = list(ascii_lower(self.text))

    @property
    def masked(self) -> str:
        """The lowercased text with every claimed span replaced by MASK characters."""
        return "".join(self._chars)

    def mask(self, start: int, end: int) -> None:
        for index in range(start, end):
            self._chars[index] = MASK

    def is_free(self, start: int, end: int) -> bool:
        """True when no character of the span has been claimed yet."""
        return MASK not in self._chars[start:end]

    def claim(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """Each match of `pattern` in the unclaimed text (within `start`..`end`), masked as it is yielded.

        A pattern sees MASK characters only if it asks for them (as `達成109年目標值` does for the
        year between its words), so a match never spans a claimed word by accident. Match offsets
        are offsets in the whole text.
        """
        for match in list(pattern.finditer(self.masked, start, len(self._chars) if end is None else end)):
            self.mask(match.start(), match.end())
            yield match

    def claim_any(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> bool:
        """Claim every match of `pattern` (within `start`..`end`); True when there was at least one."""
        return bool(list(self.claim(pattern, start, end)))
