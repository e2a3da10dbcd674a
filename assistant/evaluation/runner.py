"""Run dev questions through a target and score each one.

Retrieval is measured on `HybridSearcher` directly (not on the answer), with the question's earlier
turns prepended, since the searcher has no conversation. A question whose answer raises is scored
as an error and the run goes on: one crash must not hide the other hundred results.
"""

import time
from collections.abc import Callable, Sequence

from assistant.answering.contract import Turn
from assistant.evaluation.dataset import DevQuestion
from assistant.evaluation.metrics import Span
from assistant.evaluation.scoring import QuestionResult, RetrievalScore, score_answer, score_error, score_retrieval
from assistant.evaluation.targets import Target
from assistant.index.retriever import HybridSearcher

DEFAULT_K = 5
RANKING_DEPTH = 10  # results kept for MRR (MRR@10)

RankFn = Callable[[str, int], list[Span]]


def searcher_ranking(searcher: HybridSearcher) -> RankFn:
    """Ranked spans from our hybrid search, unfiltered."""

    def rank(query: str, depth: int) -> list[Span]:
        return [Span(h.passage.file, h.passage.line, h.passage.end_line) for h in searcher.search(query, depth)]

    return rank


def retrieval_for(question: DevQuestion, rank: RankFn | None, k: int) -> RetrievalScore | None:
    if rank is None or not question.retrieval_targets:
        return None
    return score_retrieval(question, rank(question.search_query, max(k, RANKING_DEPTH)), k)


def run_eval(questions: Sequence[DevQuestion], target: Target, corpus_lines: dict[str, list[str]],
             rank: RankFn | None = None, k: int = DEFAULT_K,
             on_result: Callable[[QuestionResult], None] | None = None) -> list[QuestionResult]:
    """Ask every question (with its history), time it, and score it."""
    results = []
    for question in questions:
        retrieval = retrieval_for(question, rank, k)
        history = [Turn(question=t.question) for t in question.history]
        started = time.perf_counter()
        try:
            response = target.ask(question.question, history)
        except Exception as exc:  # noqa: BLE001 (any failure of the system under test is a scored error)
            latency = (time.perf_counter() - started) * 1000
            result = score_error(question, f"{type(exc).__name__}: {exc}", latency, retrieval)
        else:
            latency = (time.perf_counter() - started) * 1000
            result = score_answer(question, response, corpus_lines, latency, retrieval)
        results.append(result)
        if on_result:
            on_result(result)
    return results
