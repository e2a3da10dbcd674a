"""Term frequencies of passages in flat numpy arrays: what BM25 is built from, kept per index version.

Counting tokens costs Python time per token; a version keeps the counts of every passage, so the
next one copies those of unchanged documents (`select`, `concat`) with numpy instead of counting
60k passages again. No bm25s here: a build that reuses counts imports it only to write BM25.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class TermCounts:
    """Term frequencies of a run of passages: passage i has `ids[offsets[i]:offsets[i+1]]` (into
    `vocabulary`) with `counts` at the same positions."""

    vocabulary: tuple[str, ...]
    offsets: np.ndarray  # int64, one more than there are passages
    ids: np.ndarray  # int32
    counts: np.ndarray  # int32

    @property
    def size(self) -> int:
        return len(self.offsets) - 1

    @classmethod
    def of(cls, token_lists: Iterable[Sequence[str]]) -> "TermCounts":
        vocabulary: dict[str, int] = {}
        offsets, ids, counts = [0], [], []
        for tokens in token_lists:
            for token, count in Counter(tokens).items():
                ids.append(vocabulary.setdefault(token, len(vocabulary)))
                counts.append(count)
            offsets.append(len(ids))
        return cls(tuple(vocabulary), np.asarray(offsets, np.int64), np.asarray(ids, np.int32),
                   np.asarray(counts, np.int32))

    def select(self, positions: Sequence[int]) -> "TermCounts":
        """The passages at `positions`, in that order, with only the vocabulary they use."""
        positions = np.asarray(positions, np.int64)
        starts, ends = self.offsets[:-1][positions], self.offsets[1:][positions]
        lengths = ends - starts
        offsets = np.zeros(len(positions) + 1, np.int64)
        np.cumsum(lengths, out=offsets[1:])
        take = np.repeat(starts - offsets[:-1], lengths) + np.arange(offsets[-1])
        used, ids = np.unique(self.ids[take], return_inverse=True)
        vocabulary = tuple(self.vocabulary[i] for i in used.tolist())
        return TermCounts(vocabulary, offsets, ids.astype(np.int32).reshape(-1), self.counts[take])

    @classmethod
    def concat(cls, parts: Sequence["TermCounts"]) -> "TermCounts":
        """One run of passages from several, their vocabularies merged."""
        vocabulary: dict[str, int] = {}
        offsets, ids, counts = [np.zeros(1, np.int64)], [], []
        for part in parts:
            remap = np.asarray([vocabulary.setdefault(t, len(vocabulary)) for t in part.vocabulary], np.int32)
            ids.append(remap[part.ids] if len(part.ids) else part.ids)
            counts.append(part.counts)
            offsets.append(part.offsets[1:] + offsets[-1][-1])
        return cls(tuple(vocabulary), np.concatenate(offsets), np.concatenate([np.zeros(0, np.int32), *ids]),
                   np.concatenate([np.zeros(0, np.int32), *counts]))
