"""Score one answered question: every metric the report shows, plus readable reasons for each failure.

`ok` is the verdict a reader scans for, and it is exactly "no failures": the type's own test passes
(exact item set, right count, refusal when expected), every must-contain string is present, and every
citation quote is found at its lines. `warnings` note partial shortfalls (retrieval misses, uncited
evidence) that do not by themselves make the answer wrong.
"""

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field

from assistant.answering.contract import AnswerResponse
from assistant.evaluation import metrics
from assistant.evaluation.dataset import DevQuestion, Location
from assistant.evaluation.metrics import Span

MAX_LISTED = 8  # locations named in one failure message


class RetrievalScore(BaseModel):
    recall_at_k: float
    reciprocal_rank: float
    top: list[str] = Field(description="the top-k spans, as file:line-end_line")


class QuestionResult(BaseModel):
    id: str
    type: str
    question: str
    history: list[str] = Field(default_factory=list)
    ok: bool
    failures: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None
    latency_ms: float | None = None
    refused: bool | None = None
    refusal_correct: bool
    retrieval: RetrievalScore | None = None
    items_precision: float | None = None
    items_recall: float | None = None
    items_f1: float | None = None
    count_correct: bool | None = None
    stated_numbers: list[float] = Field(default_factory=list)
    must_contain_ok: bool | None = None
    citations: int = 0
    citations_valid: int = 0
    citation_recall: float | None = None
    response: dict | None = None


def read_corpus_lines(corpus_dir: Path) -> dict[str, list[str]]:
    """File name -> its physical lines, read straight from disk (not through the code under test)."""
    lines: dict[str, list[str]] = {}
    for path in sorted(corpus_dir.glob("*.txt")):
        text = path.read_text(encoding="utf-8").split("\n")
        if text and text[-1] == "":
            text.pop()
        lines[path.name] = [line.removesuffix("\r") for line in text]
    return lines


def describe(locations: Sequence[Location]) -> str:
    shown = ", ".join(f"{loc.file[:3]} L{loc.line}" for loc in locations[:MAX_LISTED])
    return shown + (f" … (+{len(locations) - MAX_LISTED})" if len(locations) > MAX_LISTED else "")


def span_label(span: Span) -> str:
    return f"{span.file}:{span.line}-{span.end_line}"


def score_retrieval(question: DevQuestion, ranked: Sequence[Span], k: int) -> RetrievalScore | None:
    """Recall@k and reciprocal rank of the question's retrieval targets; None if it has none."""
    targets = question.retrieval_targets
    if not targets:
        return None
    return RetrievalScore(recall_at_k=metrics.recall_at_k(ranked, targets, k),
                          reciprocal_rank=metrics.reciprocal_rank(ranked, targets),
                          top=[span_label(s) for s in ranked[:k]])


def item_spans(response: AnswerResponse) -> list[list[Span]]:
    """Where each answer item sits: its record's lines (if its fields carry them) and its citations."""
    by_id = {c.id: Span(c.file, c.line, c.end_line) for c in response.citations}
    spans = []
    for item in response.items:
        own = [by_id[n] for n in item.citations if n in by_id]
        fields = item.fields
        if isinstance(fields.get("file"), str) and isinstance(fields.get("line"), int):
            own.append(Span(fields["file"], fields["line"], int(fields.get("end_line") or fields["line"])))
        spans.append(own)
    return spans


def _score_items(question: DevQuestion, response: AnswerResponse, result: QuestionResult) -> None:
    expected = question.expected_items
    matched = metrics.match_items(item_spans(response), expected)
    scores = metrics.set_scores(sum(m is not None for m in matched), len(response.items), len(expected))
    result.items_precision, result.items_recall, result.items_f1 = scores.precision, scores.recall, scores.f1
    if response.refused:
        return
    # Only a list answer is wrong for its items; a count may be right without listing them.
    notes = result.failures if question.type == "list" else result.warnings
    missing = [e for e, m in zip(expected, matched) if m is None]
    extra = len(response.items) - scores.true_positives
    if missing:
        notes.append(f"items: {len(missing)} of {len(expected)} expected missing: {describe(missing)}")
    if extra:
        notes.append(f"items: {extra} listed item(s) not expected")


def _score_citations(question: DevQuestion, response: AnswerResponse, result: QuestionResult,
                     corpus_lines: dict[str, list[str]]) -> None:
    spans = []
    for citation in response.citations:
        span = Span(citation.file, citation.line, citation.end_line)
        spans.append(span)
        if metrics.quote_found(citation.quote, span, corpus_lines):
            result.citations_valid += 1
        else:
            result.failures.append(f"citation [{citation.id}] quote not found at {span_label(span)}: "
                                   f"{citation.quote[:40]!r}")
    result.citations = len(response.citations)
    if question.answerable and question.evidence:
        hits = metrics.covered(spans, question.evidence)
        result.citation_recall = sum(hits) / len(hits)
        uncited = [e for e, hit in zip(question.evidence, hits) if not hit]
        if uncited:
            result.warnings.append(f"evidence not cited: {describe(uncited)}")


def _check_type(question: DevQuestion, response: AnswerResponse, result: QuestionResult) -> None:
    """The type's own test of correctness (refusal, count), recording why it fails."""
    if question.expect_refusal:
        if not response.refused:
            result.failures.append("answered a question the corpus cannot answer (expected a refusal)")
        return
    if response.refused:
        result.failures.append("refused an answerable question")
    if question.type == "count":
        expected = question.counts
        result.stated_numbers = metrics.stated_numbers(response.answer)
        listed = len(response.parts[0].items) if response.parts else len(response.items)
        result.count_correct = metrics.count_correct(response.answer, listed, response.refused, expected)
        if not result.count_correct and not response.refused:
            listed = f", lists {len(response.items)} items" if response.items else ""
            stated = [int(n) if n.is_integer() else n for n in result.stated_numbers][:6]
            asked = " and ".join(str(n) for n in expected)
            result.failures.append(f"count: expected {asked}; the answer states {stated}{listed}")


def score_answer(question: DevQuestion, response: AnswerResponse, corpus_lines: dict[str, list[str]],
                 latency_ms: float | None = None, retrieval: RetrievalScore | None = None) -> QuestionResult:
    """Every metric for one question answered with `response`."""
    result = QuestionResult(
        id=question.id, type=question.type, question=question.question,
        history=[t.question for t in question.history], ok=False, latency_ms=latency_ms,
        refused=response.refused, refusal_correct=response.refused == question.expect_refusal,
        retrieval=retrieval, response=response.model_dump(mode="json"),
    )
    _check_type(question, response, result)
    if retrieval is not None and retrieval.recall_at_k < 1.0:
        result.warnings.append(f"retrieval: recall@k {retrieval.recall_at_k:.2f}, reciprocal rank "
                               f"{retrieval.reciprocal_rank:.2f}")
    if question.expected_items:
        _score_items(question, response, result)
    if question.answerable and question.needles:
        missing = metrics.missing_needles(response.answer, question.needles)
        result.must_contain_ok = not missing
        if missing and not response.refused:
            result.failures.append(f"must contain: missing {missing}")
    _score_citations(question, response, result, corpus_lines)
    result.ok = not result.failures
    return result


def score_error(question: DevQuestion, error: str, latency_ms: float | None = None,
                retrieval: RetrievalScore | None = None) -> QuestionResult:
    """A question the system failed to answer at all (exception, HTTP error, invalid JSON)."""
    result = QuestionResult(
        id=question.id, type=question.type, question=question.question,
        history=[t.question for t in question.history], ok=False, failures=[f"error: {error}"], error=error,
        latency_ms=latency_ms, refusal_correct=False, retrieval=retrieval,
    )
    if question.expected_items:
        result.items_precision = result.items_recall = result.items_f1 = 0.0
    if question.type == "count":
        result.count_correct = False
    if question.answerable and question.needles:
        result.must_contain_ok = False
    if question.answerable and question.evidence:
        result.citation_recall = 0.0
    return result
