"""The few figures shown side by side for the assistant and each baseline, and the issue's target ratios.

Targets (issues 3 and 6): our recall@5 at least 1.5× the plain llama-index pipeline's, and our list
F1 at least 3× the baseline's list item recall.
"""

from collections.abc import Sequence

from pydantic import BaseModel

from assistant.evaluation.baselines import BaselineResult
from assistant.evaluation.metrics import mean
from assistant.evaluation.scoring import QuestionResult

LLAMA_INDEX = "llama-index-rag"
RECALL_RATIO_TARGET = 1.5
LIST_RATIO_TARGET = 3.0


# (field, short label) in the order they are shown
COLUMNS: tuple[tuple[str, str], ...] = (
    ("recall_at_k", "recall@k"), ("mrr", "MRR"), ("list_items_recall", "list item R"), ("list_f1", "list F1"),
    ("must_contain_lookup_free", "must-contain (lookup, free)"),
)


class Headline(BaseModel):
    recall_at_k: float | None
    mrr: float | None
    list_items_recall: float | None
    list_f1: float | None = None  # only the assistant answers with item sets
    must_contain_lookup_free: float | None


def _must_contain(rows: Sequence[QuestionResult | BaselineResult]) -> float | None:
    return mean([float(r.must_contain_ok) for r in rows
                 if r.type in ("lookup", "free") and r.must_contain_ok is not None])


def assistant_headline(results: Sequence[QuestionResult]) -> Headline:
    lists = [r for r in results if r.type == "list"]
    return Headline(
        recall_at_k=mean([r.retrieval.recall_at_k for r in results if r.retrieval]),
        mrr=mean([r.retrieval.reciprocal_rank for r in results if r.retrieval]),
        list_items_recall=mean([r.items_recall for r in lists]),
        list_f1=mean([r.items_f1 for r in lists]),
        must_contain_lookup_free=_must_contain(results),
    )


def baseline_headline(results: Sequence[BaselineResult]) -> Headline:
    return Headline(
        recall_at_k=mean([r.recall_at_k for r in results]),
        mrr=mean([r.reciprocal_rank for r in results]),
        list_items_recall=mean([r.items_recall for r in results if r.type == "list"]),
        must_contain_lookup_free=_must_contain(results),
    )


def ratio(ours: float | None, theirs: float | None) -> float | None:
    """ours / theirs, or None when either is unknown or theirs is 0."""
    if ours is None or not theirs:
        return None
    return ours / theirs


def target_lines(ours: Headline, baselines: dict[str, Headline]) -> list[str]:
    """One sentence per issue target that this run can judge, saying met or not."""
    lines = []
    llama = baselines.get(LLAMA_INDEX)
    if llama is not None:
        r = ratio(ours.recall_at_k, llama.recall_at_k)
        if r is not None:
            lines.append(f"recall@k {r:.2f}× the llama-index pipeline's (target ≥ {RECALL_RATIO_TARGET}×): "
                         f"{'met' if r >= RECALL_RATIO_TARGET else 'NOT met'}")
    for name, base in baselines.items():
        r = ratio(ours.list_f1, base.list_items_recall)
        if r is not None:
            lines.append(f"list F1 {r:.2f}× {name}'s list item recall (target ≥ {LIST_RATIO_TARGET}×): "
                         f"{'met' if r >= LIST_RATIO_TARGET else 'NOT met'}")
    return lines
