from assistant.index.fusion import RRF_K, reciprocal_rank_fusion


def test_passage_found_by_both_retrievers_outranks_one_found_by_either():
    fused = reciprocal_rank_fusion({"bm25": [1, 2, 3], "dense": [3, 4, 1]})
    order = [p for p, _, _ in fused]
    assert order[:2] == [1, 3]
    assert set(order) == {1, 2, 3, 4}


def test_scores_and_ranks_are_reported():
    fused = dict((p, (s, r)) for p, s, r in reciprocal_rank_fusion({"bm25": [7], "dense": [9, 7]}))
    assert fused[7][1] == {"bm25": 1, "dense": 2}
    assert abs(fused[7][0] - (1 / (RRF_K + 1) + 1 / (RRF_K + 2))) < 1e-12
    assert fused[9][1] == {"dense": 1}


def test_empty_rankings_fuse_to_nothing():
    assert reciprocal_rank_fusion({"bm25": [], "dense": []}) == []
