"""Totals a document states in words: 「本項策略主題共 18 項策略目標、35 項關鍵績效指標以及 14 項施政重點」.

A count answers from the records, and a document often says its own total; citing that line lets a
reader check the count against the source, and a count of things no record holds (施政重點, MOU) can
only be answered from it. A stated total is a number followed by a classifier and the counted noun,
in a sentence that also says 共 / 計 / 合計 / 總計 (a total, not a passing mention).
"""

import re
from dataclasses import dataclass

from assistant.index.indexed_passage import IndexedPassage
from assistant.text.normalize import match_key
from assistant.text.numbers import parse_number

_TOTAL_WORD = re.compile(r"共|計|合計|總計|總共")
# A sentence ends at a sentence mark, a line end, a table cell or markup (<p>); a bullet opening it is not
# part of it.
_SENTENCE = re.compile(r"[^。；;\n\t<>]+")
_BULLET = " \u3000▶►•·●◆■□-*"
_CLASSIFIER = r"\s*(?:項|個|筆|條|件|處|家|場|則|位)\s*"


@dataclass(frozen=True)
class StatedTotal:
    passage: IndexedPassage
    number: float
    quote: str  # the sentence as printed, an exact substring of the passage text

    @property
    def line(self) -> int:
        if "#" in self.passage.id:
            return self.passage.line
        return self.passage.line + self.passage.text[: self.passage.text.find(self.quote)].count("\n")


def stated_totals(passages: list[IndexedPassage], nouns: list[str]) -> list[StatedTotal]:
    """Every sentence of `passages` stating a total of one of `nouns`, in passage order."""
    found: list[StatedTotal] = []
    keys = [match_key(n) for n in nouns if match_key(n)]
    if not keys:
        return found
    pattern = re.compile(r"(\d[\d,]*)" + _CLASSIFIER + "(" + "|".join(map(re.escape, sorted(
        {n for n in nouns if n}, key=len, reverse=True))) + ")", re.IGNORECASE)
    for passage in passages:
        for sentence in _SENTENCE.finditer(passage.text):
            text = sentence.group().strip(_BULLET)
            if not _TOTAL_WORD.search(text):
                continue
            for match in pattern.finditer(text):
                number = parse_number(match.group(1))
                if number is not None:
                    found.append(StatedTotal(passage, number, text))
    return found
