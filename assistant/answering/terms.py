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


@dataclass(frozen=True)
class Term:
    text: str  # match_key form
    weight: float
    in_corpus: bool


class TermWeights:
    """Inverse document frequency of words over the passages' search text."""

    def __init__(self, index: SearchIndex):
        self._texts: list[str] = derived(index, "term-texts", (__file__,),
                                         lambda: [match_key(p.search_text()) for p in index.passages])
        self._cache: dict[str, tuple[float, bool]] = {}

    def _weight(self, key: str) -> tuple[float, bool]:
        if key not in self._cache:
            df = sum(key in text for text in self._texts)
            self._cache[key] = (math.log((len(self._texts) + 1) / (df + 0.5)), df > 0)
        return self._cache[key]

    def weigh(self, words: Iterable[str]) -> list[Term]:
        """The words as weighted terms, longest first, without repeats."""
        keys = sorted({k for k in (match_key(w) for w in words) if k}, key=len, reverse=True)
        return [Term(key, *self._weight(key)) for key in keys]


def coverage(terms: list[Term], text: str) -> float:
    """Weighted share of `terms` that occur in `text` (a match_key form); 0 when there are no terms."""
    total = sum(t.weight for t in terms)
    if not total:
        return 0.0
    return sum(t.weight for t in terms if t.text in text) / total
