from assistant.linking.semantic import SemanticMatcher
from tests.fakes import FakeEmbedder


def test_names_rank_by_similarity_and_are_embedded_once():
    embedder = FakeEmbedder()
    matcher = SemanticMatcher(embedder)
    ranked = matcher.rank("防災倉庫", ["社區防災倉庫", "智慧路燈"])
    assert ranked[0][0] == "社區防災倉庫" and ranked[0][1] > ranked[1][1]
    calls = embedder.calls
    matcher.rank("倉庫", ["社區防災倉庫"])
    assert embedder.calls == calls


def test_names_go_through_the_embedding_cache(tmp_path):
    embedder = FakeEmbedder()
    SemanticMatcher(embedder, tmp_path / "cache.sqlite").rank("x", ["甲乙", "丙丁"])
    fresh = FakeEmbedder()
    SemanticMatcher(fresh, tmp_path / "cache.sqlite").rank("x", ["甲乙", "丙丁"])
    assert fresh.calls == 0


def test_no_names_no_ranking():
    assert SemanticMatcher(FakeEmbedder()).rank("x", []) == []
