import numpy as np

from assistant.index.embedding_cache import EmbeddingCache


def test_vectors_come_back_in_order_and_are_computed_once(tmp_path, fake_embedder):
    cache = EmbeddingCache(tmp_path / "e.sqlite")
    texts = ["社會局托育", "都發局社宅", "社會局托育"]
    first = cache.embed(fake_embedder, texts)
    assert np.allclose(first[0], first[2])
    assert np.allclose(first[1], fake_embedder.embed_query("都發局社宅"))
    calls = fake_embedder.calls
    again = cache.embed(fake_embedder, list(reversed(texts)))
    assert fake_embedder.calls == calls
    assert np.allclose(again[0], first[2]) and np.allclose(again[1], first[1])


def test_corrupted_cache_file_is_replaced(tmp_path, fake_embedder):
    path = tmp_path / "e.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = EmbeddingCache(path)
    assert cache.embed(fake_embedder, ["臺北"]).shape == (1, fake_embedder.dim)
