"""The per-process query vectors: a repeated text is not embedded again, the memo stays bounded, 0 turns it off."""

import numpy as np
import pytest

from assistant.index.query_vectors import QueryVectors
from tests.fakes import FakeEmbedder


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.queries: list[str] = []

    def embed_query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        return super().embed_query(text)


def test_a_repeated_query_is_embedded_once_and_gets_the_same_vector():
    embedder = CountingEmbedder()
    vectors = QueryVectors(embedder, size=8)
    first = vectors.get("社會局主辦的項目")
    again = vectors.get("社會局主辦的項目")
    assert embedder.queries == ["社會局主辦的項目"]
    assert np.array_equal(first, again) and np.array_equal(first, embedder.embed_query("社會局主辦的項目"))
    with pytest.raises(ValueError):
        again[0] = 1.0  # a kept vector cannot be changed by a caller


def test_the_least_recently_used_text_is_dropped_beyond_the_size():
    embedder = CountingEmbedder()
    vectors = QueryVectors(embedder, size=2)
    for text in ("甲", "乙", "甲", "丙"):  # 乙 is the least recently used when 丙 comes
        vectors.get(text)
    assert len(vectors) == 2
    vectors.get("甲")
    vectors.get("乙")
    assert embedder.queries == ["甲", "乙", "丙", "乙"]


def test_size_zero_embeds_every_query():
    embedder = CountingEmbedder()
    vectors = QueryVectors(embedder, size=0)
    vectors.get("失業率")
    vectors.get("失業率")
    assert embedder.queries == ["失業率", "失業率"] and len(vectors) == 0
