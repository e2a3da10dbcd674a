"""Metadata filters over passages, applied before fusion (llama-index's FAISS store cannot filter)."""

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.index.indexed_passage import IndexedPassage


@dataclass(frozen=True)
class PassageFilter:
    """Each set, when given, must contain the passage's value (or overlap its values)."""

    files: frozenset[str] | None = None
    doc_kinds: frozenset[str] | None = None
    years: frozenset[int] | None = None
    agencies: frozenset[str] | None = None

    @property
    def is_empty(self) -> bool:
        return all(v is None for v in (self.files, self.doc_kinds, self.years, self.agencies))

    def accepts(self, passage: IndexedPassage) -> bool:
        return (
            (self.files is None or passage.file in self.files)
            and (self.doc_kinds is None or passage.doc_kind in self.doc_kinds)
            and (self.years is None or not self.years.isdisjoint(passage.years))
            and (self.agencies is None or not self.agencies.isdisjoint(passage.agencies))
        )

    def mask(self, passages: Sequence[IndexedPassage]) -> np.ndarray | None:
        """A 0/1 float mask over `passages`, or None when nothing is filtered."""
        if self.is_empty:
            return None
        return np.fromiter((self.accepts(p) for p in passages), dtype=np.float32, count=len(passages))
