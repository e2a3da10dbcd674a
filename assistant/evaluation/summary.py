"""Aggregate per-question results into the figures the table and the reports show.

A metric is averaged only over the questions it applies to (None when none does): item scores over
questions with expected items, must-contain over answerable questions with strings to find, and so on.
"""

from collections.abc import Sequence

from pydantic import BaseModel

from assistant.evaluation.dataset import QUESTION_TYPES
from assistant.evaluation.metrics import mean, percentile
from assistant.evaluation.scoring import QuestionResult

OVERALL = "overall"


class Summary(BaseModel):
    n: int
    passed: float | None
    errors: int
    recall_at_k: float | None
    mrr: float | None
    items_precision: float | None
    items_recall: float | None
    items_f1: float | None
    count_accuracy: float | None
    must_contain: float | None
    citation_validity: float | None
    citation_recall: float | None
    refusal_accuracy: float | None
    false_refusal_rate: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None


def _rate(flags: Sequence[bool | None]) -> float | None:
    return mean([float(f) for f in flags if f is not None])


def summarize(results: Sequence[QuestionResult]) -> Summary:
    """Figures over `results` (one type, or all of them)."""
    answerable = [r for r in results if r.type != "unanswerable"]
    latencies = [r.latency_ms for r in results if r.latency_ms is not None]
    citations = sum(r.citations for r in results)
    return Summary(
        n=len(results),
        passed=_rate([r.ok for r in results]),
        errors=sum(r.error is not None for r in results),
        recall_at_k=mean([r.retrieval.recall_at_k for r in results if r.retrieval]),
        mrr=mean([r.retrieval.reciprocal_rank for r in results if r.retrieval]),
        items_precision=mean([r.items_precision for r in results]),
        items_recall=mean([r.items_recall for r in results]),
        items_f1=mean([r.items_f1 for r in results]),
        count_accuracy=_rate([r.count_correct for r in results]),
        must_contain=_rate([r.must_contain_ok for r in results]),
        citation_validity=sum(r.citations_valid for r in results) / citations if citations else None,
        citation_recall=mean([r.citation_recall for r in results]),
        refusal_accuracy=_rate([r.refusal_correct for r in results]),
        false_refusal_rate=_rate([bool(r.refused) for r in answerable]),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
    )


def summarize_by_type(results: Sequence[QuestionResult]) -> dict[str, Summary]:
    """One summary per question type present, in the canonical order, then the overall one."""
    by_type = {t: summarize([r for r in results if r.type == t]) for t in QUESTION_TYPES
               if any(r.type == t for r in results)}
    return {**by_type, OVERALL: summarize(results)}


class Metric(BaseModel):
    """How a summary field is shown and compared."""

    key: str
    label: str
    unit: str = ""  # "" for a 0–1 rate, "ms" for a latency
    higher_is_better: bool = True


METRICS: tuple[Metric, ...] = (
    Metric(key="passed", label="pass"),
    Metric(key="recall_at_k", label="recall@k"),
    Metric(key="mrr", label="MRR"),
    Metric(key="items_precision", label="items P"),
    Metric(key="items_recall", label="items R"),
    Metric(key="items_f1", label="items F1"),
    Metric(key="count_accuracy", label="count acc"),
    Metric(key="must_contain", label="must-contain"),
    Metric(key="citation_validity", label="cite valid"),
    Metric(key="citation_recall", label="cite recall"),
    Metric(key="refusal_accuracy", label="refusal acc"),
    Metric(key="false_refusal_rate", label="false refusal", higher_is_better=False),
    Metric(key="latency_p50_ms", label="p50 ms", unit="ms", higher_is_better=False),
    Metric(key="latency_p95_ms", label="p95 ms", unit="ms", higher_is_better=False),
)


def format_value(value: float | None, metric: Metric) -> str:
    if value is None:
        return "–"
    return f"{value:.1f}" if metric.unit == "ms" else f"{value:.3f}"
