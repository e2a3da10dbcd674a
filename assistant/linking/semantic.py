"""Links across languages and paraphrases: e5 similarity between an ask's phrases and corpus names.

An English ask shares no characters with the Chinese documents, so lexical linking finds only
agencies (the lexicon has English names) and schema words. Its remaining phrases (`personnel costs`,
`unemployment rate`) are compared with the names of the records that retrieval surfaced, by the e5
model the index already uses: the phrase as a query, each name as a passage. A link needs a
similarity of at least `min_similarity`; its score is the similarity.

Names are embedded once per machine (the content-addressed embedding cache) and once per process.
"""

import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from assistant.index.embedder import Embedder
from assistant.index.embedding_cache import EmbeddingCache


MAX_PHRASES = 4096


class SemanticMatcher:
    """Similarities between phrases and names; `cache_path`: the embedding cache shared with index builds."""

    def __init__(self, embedder: Embedder, cache_path: Path | None = None):
        self._embedder = embedder
        self._cache_path = cache_path
        self._lock = threading.Lock()
        self._names: dict[str, np.ndarray] = {}
        self._phrases: dict[str, np.ndarray] = {}

    def _embed_names(self, names: list[str]) -> np.ndarray:
        if self._cache_path is None:
            return self._embedder.embed_passages(names)
        cache = EmbeddingCache(self._cache_path)  # one connection per call: callers may be on any thread
        try:
            return cache.embed(self._embedder, names)
        finally:
            cache.close()

    def _name_vectors(self, names: Sequence[str]) -> np.ndarray:
        with self._lock:
            missing = [n for n in dict.fromkeys(names) if n not in self._names]
            if missing:
                self._names.update(zip(missing, self._embed_names(missing)))
        return np.stack([self._names[n] for n in names]) if names else np.zeros((0, self._embedder.dim))

    def _phrase_vector(self, phrase: str) -> np.ndarray:
        with self._lock:
            if len(self._phrases) >= MAX_PHRASES:  # phrases come from users: keep the memo bounded
                self._phrases.clear()
            if phrase not in self._phrases:
                self._phrases[phrase] = self._embedder.embed_query(phrase)
            return self._phrases[phrase]

    def rank(self, phrase: str, names: Sequence[str]) -> list[tuple[str, float]]:
        """`names` by similarity to `phrase`, best first."""
        if not names:
            return []
        scores = self._name_vectors(list(names)) @ self._phrase_vector(phrase)
        return sorted(zip(names, (float(s) for s in scores)), key=lambda pair: -pair[1])
