import pytest

from assistant.evaluation.scoring import QuestionResult, RetrievalScore
from assistant.evaluation.summary import OVERALL, summarize, summarize_by_type


def result(type_: str, *, ok=True, refused=False, latency=10.0, **fields) -> QuestionResult:
    return QuestionResult(id=f"{type_}-x", type=type_, question="q", ok=ok, refused=refused,
                          refusal_correct=refused == (type_ == "unanswerable"), latency_ms=latency, **fields)


def test_metrics_average_only_over_questions_they_apply_to():
    rows = [
        result("list", items_precision=1.0, items_recall=0.5, items_f1=2 / 3, citations=2, citations_valid=2),
        result("lookup", must_contain_ok=False, ok=False, citations=2, citations_valid=1),
        result("unanswerable", refused=True),
    ]
    s = summarize(rows)
    assert s.n == 3 and s.passed == pytest.approx(2 / 3)
    assert s.items_f1 == pytest.approx(2 / 3)  # only the list question has items
    assert s.must_contain == 0.0
    assert s.citation_validity == 0.75  # 3 valid of 4, pooled
    assert s.count_accuracy is None and s.recall_at_k is None


def test_refusal_figures():
    rows = [result("list", refused=True, ok=False), result("free"), result("unanswerable", refused=True),
            result("unanswerable", ok=False)]
    s = summarize(rows)
    assert s.refusal_accuracy == 0.5
    assert s.false_refusal_rate == 0.5  # one of the two answerable questions refused


def test_retrieval_and_latency():
    rows = [result("free", latency=ms, retrieval=RetrievalScore(recall_at_k=r, reciprocal_rank=rr, top=[]))
            for ms, r, rr in ((10, 1.0, 1.0), (20, 0.0, 0.0), (30, 1.0, 0.5), (40, 1.0, 1.0))]
    s = summarize(rows)
    assert s.recall_at_k == 0.75 and s.mrr == 0.625
    assert s.latency_p50_ms == 25 and 38 < s.latency_p95_ms <= 40


def test_by_type_is_in_canonical_order_then_overall():
    rows = [result("unanswerable", refused=True), result("list"), result("list")]
    by_type = summarize_by_type(rows)
    assert list(by_type) == ["list", "unanswerable", OVERALL]
    assert by_type["list"].n == 2 and by_type[OVERALL].n == 3


def test_empty_input_has_no_figures():
    s = summarize([])
    assert s.n == 0 and s.passed is None and s.latency_p50_ms is None
