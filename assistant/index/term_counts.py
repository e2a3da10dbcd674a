"""Term frequencies of passages in flat numpy arrays, over a vocabulary an index version keeps.

Counting tokens costs Python time per token. Each document's passages keep their counts as ids into
the version's `Vocabulary`, and the next version starts from that vocabulary (new tokens are
appended), so the counts of an unchanged document are reused as they are and the corpus-wide BM25
matrix is a concatenation, not 60k passages counted again. No bm25s here: a build that reuses counts
imports it only to write BM25.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


class Vocabulary:
    """Tokens by id; ids are never reassigned while the vocabulary is shared (`compacted` renumbers)."""

    def __init__(self, tokens: Iterable[str] = ()):
        self.tokens: list[str] = list(tokens)
        self._ids: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self.tokens)

    def id(self, token: str) -> int:
        """The token's id, appending it if new."""
        if self._ids is None:
            self._ids = {t: i for i, t in enumerate(self.tokens)}
        found = self._ids.get(token)
        if found is None:
            found = self._ids[token] = len(self.tokens)
            self.tokens.append(token)
        return found


@dataclass(frozen=True)
class TermCounts:
    """Term frequencies of a run of passages: passage i has `ids[offsets[i]:offsets[i+1]]` (ids of a
    `Vocabulary`) with `counts` at the same positions."""

    offsets: np.ndarray  # int64, one more than there are passages
    ids: np.ndarray  # int32
    counts: np.ndarray  # int32

    @property
    def size(self) -> int:
        return len(self.offsets) - 1

    @classmethod
    def of(cls, token_lists: Iterable[Sequence[str]], vocabulary: Vocabulary) -> "TermCounts":
        offsets, ids, counts = [0], [], []
        for tokens in token_lists:
            for token, count in Counter(tokens).items():
                ids.append(vocabulary.id(token))
                counts.append(count)
            offsets.append(len(ids))
        return cls(np.asarray(offsets, np.int64), np.asarray(ids, np.int32), np.asarray(counts, np.int32))

    def select(self, positions: Sequence[int]) -> "TermCounts":
        """The passages at `positions`, in that order."""
        positions = np.asarray(positions, np.int64)
        starts, ends = self.offsets[:-1][positions], self.offsets[1:][positions]
        lengths = ends - starts
        offsets = np.zeros(len(positions) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        take = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1])
        return TermCounts(offsets, self.ids[take], self.counts[take])

    def renumbered(self, new_ids: np.ndarray) -> "TermCounts":
        """The same counts with every id `i` replaced by `new_ids[i]`."""
        return TermCounts(self.offsets, new_ids[self.ids].astype(np.int32), self.counts)

    @classmethod
    def concat(cls, parts: Sequence["TermCounts"]) -> "TermCounts":
        """One run of passages from several over the same vocabulary."""
        offsets = [np.zeros(1, np.int64)]
        for part in parts:
            offsets.append(part.offsets[1:] + offsets[-1][-1])
        return cls(np.concatenate(offsets), np.concatenate([np.zeros(0, np.int32), *(p.ids for p in parts)]),
                   np.concatenate([np.zeros(0, np.int32), *(p.counts for p in parts)]))


def used_ids(parts: Sequence[TermCounts], size: int) -> np.ndarray:
    """Which of a vocabulary's `size` ids some passage of `parts` uses (boolean mask)."""
    used = np.zeros(size, bool)
    for part in parts:
        used[part.ids] = True
    return used
