"""Hybrid passage search: BM25 and dense rankings, filtered first, then fused by reciprocal rank.

`HybridSearcher.search` is what the CLI and the answer stage call. `HybridRetriever` exposes the
same search as a llama-index `BaseRetriever` over `TextNode`s, for use in llama-index pipelines.
"""

from dataclasses import dataclass, field

import numpy as np
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from assistant.config import Settings
from assistant.errors import QueryError
from assistant.index.filters import PassageFilter
from assistant.index.fusion import reciprocal_rank_fusion
from assistant.index.indexed_passage import IndexedPassage
from assistant.index.store import SearchIndex
from assistant.text.normalize import normalize
from assistant.text.script import to_traditional

CANDIDATES_PER_RETRIEVER = 50
# The same limit the service puts on a question, so a search accepts whatever /api/ask accepts.
MAX_QUERY_CHARS: int = Settings.model_fields["max_question_chars"].default


@dataclass(frozen=True)
class SearchHit:
    passage: IndexedPassage
    score: float
    ranks: dict[str, int] = field(default_factory=dict)
    bm25_score: float = 0.0
    dense_score: float = 0.0

    @property
    def retrievers(self) -> list[str]:
        return sorted(self.ranks)


class HybridSearcher:
    def __init__(self, index: SearchIndex):
        self.index = index

    def prepare(self, query: str) -> str:
        """The query as both retrievers see it: Traditional script, normalised like the passages."""
        if not query or not query.strip():
            raise QueryError("the query is empty")
        if len(query) > MAX_QUERY_CHARS:
            raise QueryError(f"the query is {len(query)} characters long; the limit is {MAX_QUERY_CHARS}")
        return normalize(to_traditional(query))

    def search(self, query: str, k: int = 10, filters: PassageFilter | None = None) -> list[SearchHit]:
        if k < 1:
            raise QueryError("k must be at least 1")
        text = self.prepare(query)
        passages = self.index.passages
        mask = (filters or PassageFilter()).mask(passages)

        bm25 = self.index.bm25.scores(self.index.segmenter.tokens(text), mask)
        bm25_order = [int(i) for i in np.argsort(-bm25, kind="stable")[:CANDIDATES_PER_RETRIEVER] if bm25[i] > 0]

        positions, cosines = self.index.dense.search(self.index.query_vectors.get(text),
                                                     CANDIDATES_PER_RETRIEVER, mask)
        dense = dict(zip(positions.tolist(), cosines.tolist()))

        fused = reciprocal_rank_fusion({"bm25": bm25_order, "dense": positions.tolist()})
        return [
            SearchHit(passages[p], score, ranks, float(bm25[p]), float(dense.get(p, 0.0)))
            for p, score, ranks in fused[:k]
        ]


def to_node(passage: IndexedPassage) -> TextNode:
    """A llama-index node carrying the passage's provenance as metadata."""
    return TextNode(
        id_=passage.id,
        text=passage.text,
        metadata={"file": passage.file, "line": passage.line, "end_line": passage.end_line,
                  "context": passage.context, "title": passage.title, "doc_kind": passage.doc_kind,
                  "years": list(passage.years), "agencies": list(passage.agencies)},
    )


class HybridRetriever(BaseRetriever):
    """llama-index face of `HybridSearcher`: nodes with fused scores, filtered before fusion."""

    def __init__(self, searcher: HybridSearcher, similarity_top_k: int = 10, filters: PassageFilter | None = None):
        super().__init__()
        self._searcher = searcher
        self._top_k = similarity_top_k
        self._filters = filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self._searcher.search(query_bundle.query_str, self._top_k, self._filters)
        return [NodeWithScore(node=to_node(hit.passage), score=hit.score) for hit in hits]
