"""Our torch forward pass is sentence-transformers' reading of the same converted folder."""

from pathlib import Path

import numpy as np

from assistant.index.e5_torch import E5Encoder
from tests.index.e5_samples import TRICKY, corpus_lines


def test_vectors_equal_sentence_transformers_on_the_same_folder(e5_folder: Path) -> None:
    from sentence_transformers import SentenceTransformer

    texts = ["passage: " + t for t in TRICKY + corpus_lines(24)]
    ours = E5Encoder(e5_folder).encode(texts)
    theirs = SentenceTransformer(str(e5_folder), device="cpu", local_files_only=True).encode(
        texts, batch_size=8, normalize_embeddings=True, convert_to_numpy=True)
    assert (ours * theirs).sum(axis=1).min() >= 0.99999


def test_a_text_gets_the_same_vector_alone_or_padded_in_a_batch(e5_folder: Path) -> None:
    encoder = E5Encoder(e5_folder)
    texts = ["query: 社會局", "passage: " + corpus_lines(1)[0], "passage: 都市發展局 社會住宅 興建 進度 112年"]
    together = encoder.encode(texts)
    alone = np.stack([encoder.encode([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
