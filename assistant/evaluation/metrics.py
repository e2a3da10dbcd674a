"""The scoring rules, as small pure functions over spans, strings and numbers.

Every definition here is the one evals/README.md documents; change both together.
"""

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.evaluation.dataset import Location
from assistant.text.numbers import find_numbers

_CITATION_MARKER = re.compile(r"\[\d+\]")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Lines `line`..`end_line` (1-based, inclusive) of one corpus file."""

    file: str
    line: int
    end_line: int

    def covers(self, location: Location) -> bool:
        return self.file == location.file and self.line <= location.line <= self.end_line


@dataclass(frozen=True)
class SetScores:
    precision: float
    recall: float
    f1: float
    true_positives: int
    predicted: int
    expected: int


def match_form(text: str) -> str:
    """What must-contain compares: NFKC, without `**` and without any whitespace."""
    return _WHITESPACE.sub("", unicodedata.normalize("NFKC", text).replace("**", ""))


def missing_needles(answer: str, needles: Sequence[str]) -> list[str]:
    """The needles not found in the answer, both sides in `match_form`."""
    haystack = match_form(answer)
    return [n for n in needles if match_form(n) not in haystack]


def set_scores(true_positives: int, predicted: int, expected: int) -> SetScores:
    """Precision, recall and F1 of a predicted set against an expected one.

    Edge cases: both empty is a perfect 1/1/1; nothing predicted for a non-empty expected set is
    0/0/0; predictions against an empty expected set are precision 0, recall 1, F1 0.
    """
    if predicted == 0 and expected == 0:
        return SetScores(1.0, 1.0, 1.0, 0, 0, 0)
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return SetScores(precision, recall, f1, true_positives, predicted, expected)


def match_items(predicted: Sequence[Sequence[Span]], expected: Sequence[Location]) -> list[int | None]:
    """For each expected item, the index of the predicted item matched to it (or None).

    A predicted item sits at the spans of its record and its citations; it can match an expected
    (file, line) those spans cover. Each predicted item matches at most one expected item and vice
    versa (maximum bipartite matching), so one wide citation cannot claim a whole list.
    """
    candidates = [[p for p, spans in enumerate(predicted) if any(s.covers(e) for s in spans)] for e in expected]
    owner: dict[int, int] = {}  # predicted index -> expected index

    def claim(e: int, visited: set[int]) -> bool:
        for p in candidates[e]:
            if p in visited:
                continue
            visited.add(p)
            if p not in owner or claim(owner[p], visited):
                owner[p] = e
                return True
        return False

    for e in range(len(expected)):
        claim(e, set())
    matched: list[int | None] = [None] * len(expected)
    for p, e in owner.items():
        matched[e] = p
    return matched


def stated_numbers(answer: str) -> list[float]:
    """Numbers written in the answer, with citation markers `[n]` and dates left out."""
    return [n.value for n in find_numbers(_CITATION_MARKER.sub(" ", answer))]


def count_correct(answer: str, item_count: int, refused: bool, expected_counts: Sequence[int]) -> bool:
    """A count is right when the answer is not a refusal, states every asked number (one per part:
    a number asked twice must be stated twice), and, if it lists items, lists exactly as many as
    the first part asks for."""
    if refused or not expected_counts:
        return False
    stated = Counter(stated_numbers(answer))
    needed = Counter(float(n) for n in expected_counts)
    if any(stated[n] < k for n, k in needed.items()):
        return False
    return item_count == 0 or item_count == expected_counts[0]


def covered(spans: Sequence[Span], targets: Sequence[Location]) -> list[bool]:
    """For each target line, whether any span covers it."""
    return [any(s.covers(t) for s in spans) for t in targets]


def recall_at_k(ranked: Sequence[Span], targets: Sequence[Location], k: int) -> float:
    """Share of targets covered by the top k, out of min(k, len(targets)): what k results could hold.

    Capping the denominator keeps list questions with more than k expected rows meaningful:
    a top 5 made entirely of expected rows scores 1.
    """
    if not targets:
        raise ValueError("recall needs at least one target")
    found = sum(covered(ranked[:k], targets))
    return min(1.0, found / min(k, len(targets)))


def reciprocal_rank(ranked: Sequence[Span], targets: Sequence[Location]) -> float:
    """1 / rank of the first result covering any target; 0 if none does."""
    for rank, span in enumerate(ranked, start=1):
        if any(span.covers(t) for t in targets):
            return 1.0 / rank
    return 0.0


def quote_found(quote: str, span: Span, corpus_lines: dict[str, list[str]]) -> bool:
    """Whether `quote` is a non-empty exact substring of the original lines the span names."""
    lines = corpus_lines.get(span.file)
    if not quote or lines is None or not 1 <= span.line <= span.end_line <= len(lines):
        return False
    return quote in "\n".join(lines[span.line - 1 : span.end_line])


def percentile(values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (linear interpolation), or None for no values."""
    return float(np.percentile(values, q)) if values else None


def mean(values: Sequence[float | None]) -> float | None:
    """Average of the defined values, or None when none is defined."""
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None
