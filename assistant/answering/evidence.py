"""Is retrieval strong enough to answer from? Refuse rather than quote something merely near.

The main signal is whether one of the top passages contains the question's key terms (the nouns
and names it asks about, weighted by rarity): a question about something the corpus never
mentions (生日, 票價) or mentions elsewhere (`新北` beside no 社宅) misses a rare key term of its own.
An English question whose words the corpus does not use has no key terms to check; then only a
close dense match counts. The thresholds were calibrated on evals/dev.jsonl, counting false
answers and false refusals alike (see the report of the answering stage).
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from assistant.answering.terms import Term, coverage, squash

if TYPE_CHECKING:  # the retriever module imports llama-index, which takes seconds
    from assistant.index.retriever import SearchHit

TOP_K = 5
MIN_COVERAGE = 0.6
MIN_DENSE_WITHOUT_TERMS = 0.83


@dataclass(frozen=True)
class Evidence:
    dense: float
    bm25: float
    coverage: float
    missing: tuple[str, ...]
    checked_terms: int

    @property
    def weak(self) -> bool:
        if self.checked_terms == 0:
            return self.dense < MIN_DENSE_WITHOUT_TERMS
        return self.coverage < MIN_COVERAGE


def key_terms(terms: list[Term]) -> list[Term]:
    return [t for t in terms if t.key]


def assess(hits: list["SearchHit"], terms: list[Term]) -> Evidence:
    """Signals from the top hits: the best single passage's key-term coverage, and the top scores."""
    keys = key_terms(terms)
    top = hits[:TOP_K]
    texts = [squash(f"{h.passage.context}\n{h.passage.text}") for h in top]
    best = max(texts, key=lambda text: coverage(keys, text), default="")
    return Evidence(
        dense=max((h.dense_score for h in top), default=0.0),
        bm25=max((h.bm25_score for h in top), default=0.0),
        coverage=coverage(keys, best),
        missing=tuple(t.text for t in keys if t.text not in best),
        checked_terms=len(keys),
    )
