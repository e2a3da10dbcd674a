"""The words an answer is scored on, weighted by how rare they are in the corpus.

Sentence selection asks which of the ask's words a sentence holds, counting a rare word (東環段) for
more than a common one (臺北). The words are the ask's content words and the corpus names it linked
(`gather.passages.query_words`); how the ask was phrased never enters. Document frequency is counted
over the indexed passages by substring, on `match_key` forms; those texts are kept beside the index
version (`assistant.index.derived`).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.index.derived import derived
from assistant.index.store import SearchIndex
from assistant.text.normalize import match_key
from assistant.text.numbers import in_digits


@dataclass(frozen=True)
class Term:
    text: str  # match_key form
    weight: float
    in_corpus: bool
    in_digits: str | None = None  # the same word with its counts in digits (1樓 for 一樓), where they differ

    def found_in(self, text: str) -> bool:
        """The text (a match_key form) holds the word, in either spelling of its numbers."""
        return self.text in text or (self.in_digits is not None and self.in_digits in text)


class TermWeights:
    """Inverse document frequency of words over the passages' search text."""

    def __init__(self, index: SearchIndex):
        self._texts: list[str] = derived(index, "term-texts", (__file__,),
                                         lambda: [match_key(p.search_text()) for p in index.passages])
        self._cache: dict[tuple[str, str | None], tuple[float, bool]] = {}

    def _weight(self, key: str, digits: str | None) -> tuple[float, bool]:
        if (key, digits) not in self._cache:
            df = sum(key in text or (digits is not None and digits in text) for text in self._texts)
            self._cache[key, digits] = (math.log((len(self._texts) + 1) / (df + 0.5)), df > 0)
        return self._cache[key, digits]

    def weigh(self, words: Iterable[str]) -> list[Term]:
        """The words as weighted terms, longest first, without repeats. A count in Chinese numerals is
        also looked for in digits (一樓 and 1樓 are one word): the documents print both."""
        keys = sorted({k for k in (match_key(w) for w in words) if k}, key=len, reverse=True)
        terms = []
        for key in keys:
            digits = in_digits(key)
            digits = digits if digits != key else None
            terms.append(Term(key, *self._weight(key, digits), in_digits=digits))
        return terms


def coverage(terms: list[Term], text: str) -> float:
    """Weighted share of `terms` that occur in `text` (a match_key form); 0 when there are no terms."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    return sum(t.weight for t in terms if t.found_in(text)) / total
