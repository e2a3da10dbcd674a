"""Dense retrieval: FAISS `IndexFlatIP` over unit vectors (exact cosine; at this scale no ANN is needed)."""

from pathlib import Path

import faiss
import numpy as np


class DenseIndex:
    def __init__(self, index: faiss.Index):
        self._index = index

    @property
    def size(self) -> int:
        return self._index.ntotal

    @classmethod
    def build(cls, vectors: np.ndarray) -> "DenseIndex":
        index = faiss.IndexFlatIP(vectors.shape[1])
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
        return cls(index)

    def vectors(self) -> np.ndarray:
        """Every stored vector, in insertion order (what the next version reuses)."""
        return self._index.reconstruct_n(0, self.size) if self.size else np.zeros((0, self._index.d), np.float32)

    def save(self, path: Path) -> None:
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path) -> "DenseIndex":
        return cls(faiss.read_index(str(path)))

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(positions, cosine scores) of the k nearest passages, among the allowed ones if a mask is given."""
        query = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
        params = None
        if allowed is not None:
            ids = np.flatnonzero(allowed).astype(np.int64)
            if ids.size == 0:
                return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBatch(ids))
            k = min(k, ids.size)
        k = min(k, self.size)
        scores, positions = self._index.search(query, k, params=params)
        keep = positions[0] >= 0
        return positions[0][keep], scores[0][keep]
