"""Lexical retrieval: bm25s over our jieba tokens (llama-index's own BM25 scores Chinese text 0).

The index is built here, not by `bm25s.BM25.index`, from `TermCounts` (term_counts.py): each
passage's distinct tokens and how often each occurs. bm25s spends ~12 s of Python on 60k passages turning token lists
into ids and counts; counts kept with an index version let the next version reuse those of every
unchanged document and build the score matrix with numpy in a fraction of a second. The scores
are bm25s's own (its defaults: Lucene idf and term frequency, k1 = 1.5, b = 0.75, float32, computed
in the same order of floating-point operations), so querying still goes through bm25s and ranks
exactly as an index bm25s built (tests/index/test_bm25.py compares them bit for bit).
"""

import logging
import math
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from assistant.index.term_counts import TermCounts, used_ids

# bm25s sets its own logger to DEBUG on import, which would print through any root handler.
logging.getLogger("bm25s").setLevel(logging.WARNING)


def _idf(document_frequency: np.ndarray, n_docs: int) -> np.ndarray:
    """bm25s's Lucene idf, computed per distinct frequency with `math.log` as bm25s does, as float32."""
    distinct, inverse = np.unique(document_frequency, return_inverse=True)
    values = np.asarray([math.log(1 + (n_docs - df + 0.5) / (df + 0.5)) for df in distinct.tolist()],
                        np.float32)
    return values[inverse] if len(distinct) else np.zeros(0, np.float32)


def _score_matrix(terms: TermCounts, n_vocab: int, k1: float, b: float) -> dict:
    """The CSC score matrix bm25s's `index` makes (columns are tokens, rows passages)."""
    n_docs = terms.size
    lengths = np.bincount(np.repeat(np.arange(n_docs), np.diff(terms.offsets)), weights=terms.counts,
                          minlength=n_docs).astype(np.int64)
    average = lengths.mean() if n_docs else np.float64(0)
    df = np.bincount(terms.ids, minlength=n_vocab)
    idf = _idf(df, n_docs)
    rows = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(terms.offsets))
    # Per passage, as bm25s: tf / (k1 × ((1 − b) + b × length / average) + tf), in float64, times the
    # float32 idf, stored as float32.
    denominator = k1 * ((1 - b) + b * lengths.astype(np.float64) / average)  # elementwise, as exact as bm25s's
    tf = terms.counts.astype(np.float32).astype(np.float64)
    scores = (idf[terms.ids].astype(np.float64) * (tf / (denominator[rows] + tf))).astype(np.float32)
    order = np.argsort((terms.ids.astype(np.int64) << 32) | rows, kind="stable")
    indptr = np.zeros(n_vocab + 1, np.int64)
    np.cumsum(df, out=indptr[1:])
    return {"data": scores[order], "indices": rows[order].astype(np.int32), "indptr": indptr, "num_docs": n_docs}


class BM25Index:
    def __init__(self, retriever: bm25s.BM25):
        self._retriever = retriever

    @classmethod
    def build(cls, terms: TermCounts, tokens: Sequence[str]) -> "BM25Index":
        """BM25 over the passages of `terms`, whose ids index `tokens`; tokens no passage uses are left out."""
        used = used_ids([terms], len(tokens))
        new_ids = np.cumsum(used) - 1
        vocabulary = {token: int(new_ids[i]) for i, token in enumerate(tokens) if used[i]}
        retriever = bm25s.BM25()
        retriever.scores = _score_matrix(terms.renumbered(new_ids), len(vocabulary), retriever.k1, retriever.b)
        vocabulary.setdefault("", len(vocabulary))  # bm25s's empty token: scores nothing, queried never
        retriever.vocab_dict = vocabulary
        retriever.unique_token_ids_set = set(vocabulary.values())
        retriever.nonoccurrence_array = None
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
