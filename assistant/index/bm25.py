"""Lexical retrieval: bm25s over our jieba tokens (llama-index's own BM25 scores Chinese text 0)."""

import logging
from pathlib import Path

import bm25s
import numpy as np

# bm25s sets its own logger to DEBUG on import, which would print through any root handler.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class BM25Index:
    def __init__(self, retriever: bm25s.BM25):
        self._retriever = retriever

    @classmethod
    def build(cls, corpus_tokens: list[list[str]]) -> "BM25Index":
        retriever = bm25s.BM25()
        retriever.index(corpus_tokens, show_progress=False)
        return cls(retriever)

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every token that occurs in some passage."""
        return frozenset(t for t in self._retriever.vocab_dict if t)

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> "BM25Index":
        return cls(bm25s.BM25.load(str(folder), show_progress=False))

    def scores(self, query_tokens: list[str], mask: np.ndarray | None = None) -> np.ndarray:
        """A score per passage; tokens unknown to the vocabulary are ignored."""
        vocab = self._retriever.vocab_dict
        known = [t for t in query_tokens if t in vocab]
        size = self._retriever.scores["num_docs"]
        if not known:
            return np.zeros(size, dtype=np.float32)
        return np.asarray(self._retriever.get_scores(known, weight_mask=mask), dtype=np.float32)
