"""Search in PostgreSQL ranks as the embedded backend does, on the same corpus and embedder: the same
passages, BM25 scores equal to bm25s's bit for bit on every candidate, the same nearest neighbours
with and without filters, and the same fused results."""

import numpy as np
import pytest

from assistant.evaluation.dataset import load_dev_set
from assistant.index.filters import PassageFilter
from assistant.index.retriever import CANDIDATES_PER_RETRIEVER, HybridSearcher
from tests.evaluation.builders import PROJECT

QUERIES = [q.search_query for q in load_dev_set(PROJECT / "evals" / "dev.jsonl")]
FILTERS = [PassageFilter(files=frozenset({"000_a326a7c91818490c.txt"})), PassageFilter(years=frozenset({109})),
           PassageFilter(agencies=frozenset({"社會局"}))]


def test_the_passages_and_their_order_are_the_folder_index(pg_index, folder_index):
    assert pg_index.passages == folder_index.passages
    assert pg_index.manifest["documents"].keys() == folder_index.manifest["documents"].keys()


def test_bm25_scores_equal_bm25s_on_every_candidate(pg_index, folder_index):
    compared = 0
    for query in QUERIES:
        tokens = folder_index.segmenter.tokens(HybridSearcher(folder_index).prepare(query))
        expected = folder_index.bm25.scores(tokens)
        got = pg_index.bm25.scores(tokens)
        top = np.argsort(-expected, kind="stable")[:CANDIDATES_PER_RETRIEVER]
        top = top[expected[top] > 0]
        assert np.array_equal(got[top], expected[top]), query  # float32, bit for bit
        assert np.array_equal(np.argsort(-got, kind="stable")[:len(top)], top), query
        compared += len(top)
    assert compared > 10 * len(QUERIES) / 2


@pytest.mark.parametrize("passage_filter", FILTERS, ids=["file", "year", "agency"])
def test_filtered_bm25_keeps_only_allowed_passages(pg_index, folder_index, passage_filter):
    mask = passage_filter.mask(folder_index.passages)
    for query in QUERIES[:40]:
        tokens = folder_index.segmenter.tokens(HybridSearcher(folder_index).prepare(query))
        got, expected = pg_index.bm25.scores(tokens, mask), folder_index.bm25.scores(tokens, mask)
        assert not got[mask == 0].any()
        top = np.argsort(-expected, kind="stable")[:CANDIDATES_PER_RETRIEVER]
        assert np.array_equal(got[top], expected[top]), query


@pytest.mark.parametrize("passage_filter", [None, *FILTERS], ids=["none", "file", "year", "agency"])
def test_dense_neighbours_are_faiss_neighbours(pg_index, folder_index, passage_filter):
    embedder = folder_index.embedder
    mask = passage_filter.mask(folder_index.passages) if passage_filter else None
    for query in QUERIES[:40]:
        vector = embedder.embed_query(query)
        want_positions, want_scores = folder_index.dense.search(vector, CANDIDATES_PER_RETRIEVER, mask)
        got_positions, got_scores = pg_index.dense.search(vector, CANDIDATES_PER_RETRIEVER, mask)
        assert np.allclose(got_scores, want_scores, atol=1e-5), query
        # Equal cosines may come in either order (and a tie at the k-th may be cut elsewhere): every
        # position is one whose cosine, by FAISS over all passages, is the one it came with.
        every, cosines = folder_index.dense.search(vector, len(folder_index.passages), mask)
        cosine = dict(zip(every.tolist(), cosines.tolist()))
        assert all(abs(cosine[p] - s) < 1e-5 for p, s in zip(got_positions.tolist(), got_scores.tolist())), query
        assert len(set(got_positions.tolist())) == len(got_positions)


def test_hybrid_results_are_the_folder_index_results(pg_index, folder_index):
    differing = []
    for query in QUERIES:
        want = [(h.passage.id, h.ranks) for h in HybridSearcher(folder_index).search(query, 10)]
        got = [(h.passage.id, h.ranks) for h in HybridSearcher(pg_index).search(query, 10)]
        if got != want:
            differing.append(query)
    # pgvector and FAISS sum a cosine in different orders: cosines a rounding apart may swap (3 of 121 here)
    assert len(differing) <= len(QUERIES) // 20, differing


def test_the_vocabulary_is_the_bm25_vocabulary(pg_index, folder_index):
    assert pg_index.bm25.vocabulary == folder_index.bm25.vocabulary


def test_above_the_exact_scan_size_the_hnsw_index_finds_nearly_the_same_neighbours(pg_index, folder_index,
                                                                                    monkeypatch):
    from assistant.storage.postgres import search

    monkeypatch.setattr(search, "EXACT_SCAN_MAX", 0)  # as if the corpus were large: the approximate index answers
    embedder, found, wanted = folder_index.embedder, 0, 0
    for query in QUERIES[:40]:
        vector = embedder.embed_query(query)
        want, _ = folder_index.dense.search(vector, 5, None)
        got, _ = pg_index.dense.search(vector, 5, None)
        found, wanted = found + len(set(got.tolist()) & set(want.tolist())), wanted + len(want)
    assert found >= 0.9 * wanted  # recall@5 of the HNSW scan
