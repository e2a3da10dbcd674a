"""Our BM25 build scores exactly as `bm25s.BM25.index` does, from term counts that survive select and concat."""

import bm25s
import numpy as np

from assistant.index.bm25 import BM25Index
from assistant.index.term_counts import TermCounts, Vocabulary

PASSAGES = [["社會局", "托育", "托育", "補助"], ["消防局", "防災", "倉庫"], [], ["社會局", "長者", "共餐", "共餐", "共餐"],
            ["dc2.1", "dc", "2.1", "托育"]]


def _columns(retriever: bm25s.BM25) -> dict[tuple[str, int], bytes]:
    """(token, passage) → score bytes, whatever ids the vocabulary uses."""
    scores, names = retriever.scores, {i: t for t, i in retriever.vocab_dict.items()}
    found = {}
    for token_id in range(len(scores["indptr"]) - 1):
        start, end = scores["indptr"][token_id], scores["indptr"][token_id + 1]
        for row, value in zip(scores["indices"][start:end], scores["data"][start:end]):
            found[(names[token_id], int(row))] = value.tobytes()
    return found


def _build(passages: list[list[str]]) -> BM25Index:
    vocabulary = Vocabulary()
    return BM25Index.build(TermCounts.of(passages, vocabulary), vocabulary.tokens)


def test_scores_are_bm25s_scores_bit_for_bit():
    reference = bm25s.BM25()
    reference.index(PASSAGES, show_progress=False)
    ours = _build(PASSAGES)
    assert _columns(ours._retriever) == _columns(reference)
    for query in (["托育"], ["社會局", "共餐"], ["dc2.1", "防災", "未知"]):
        known = [t for t in query if t in reference.vocab_dict]
        assert ours.scores(query).tobytes() == reference.get_scores(known).astype(np.float32).tobytes()
    assert ours.vocabulary == frozenset(t for p in PASSAGES for t in p)


def test_counts_over_a_shared_vocabulary_select_and_concatenate_into_the_same_index():
    vocabulary = Vocabulary(["撤回文件才有的詞"])  # kept by the vocabulary, used by no passage
    whole = TermCounts.of(PASSAGES, vocabulary)
    rebuilt = TermCounts.concat([TermCounts.of(PASSAGES[:2], vocabulary), whole.select([2, 3]),
                                 TermCounts.of(PASSAGES[4:], vocabulary)])
    index = BM25Index.build(rebuilt, vocabulary.tokens)
    assert _columns(index._retriever) == _columns(_build(PASSAGES)._retriever)
    assert "撤回文件才有的詞" not in index.vocabulary, "tokens no passage uses are left out"
    picked = whole.select([3, 0])
    assert picked.size == 2 and list(np.diff(picked.offsets)) == [3, 3]
