"""One eval run end to end: the assistant on the dev questions, optionally the baselines, as an `EvalReport`.

The CLI, `evals/baseline.py` and the CI subset test all go through here, so they measure the same way.
"""

import time
from collections.abc import Callable, Sequence

from assistant.config import Settings
from assistant.evaluation.baselines import Bm25Only, LlamaIndexRag, run_baseline, summarize_baseline_by_type
from assistant.evaluation.dataset import DevQuestion
from assistant.evaluation.report import BaselineRun, EvalReport, git_commit, now_stamp
from assistant.evaluation.runner import DEFAULT_K, run_eval, searcher_ranking
from assistant.evaluation.scoring import QuestionResult, read_corpus_lines
from assistant.evaluation.summary import summarize_by_type
from assistant.evaluation.targets import Target
from assistant.index.embedding_cache import EmbeddingCache
from assistant.index.retriever import HybridSearcher
from assistant.index.store import SearchIndex


def measure_baselines(questions: Sequence[DevQuestion], index: SearchIndex, settings: Settings,
                      k: int = DEFAULT_K) -> dict[str, BaselineRun]:
    """Both baselines on `questions`. The llama-index one is built here (its vectors come from the
    shared embedding cache when present, so only the first run on a machine pays for embedding)."""
    runs: dict[str, BaselineRun] = {}
    bm25 = Bm25Only(index)
    results = run_baseline(bm25, questions, k)
    runs[bm25.name] = BaselineRun(description="BM25 over our passages (bm25s, jieba tokens), top k",
                                  build_s=None, summary=summarize_baseline_by_type(results), results=results)
    cache = EmbeddingCache(settings.cache_dir / "embeddings.sqlite")
    try:
        started = time.perf_counter()
        rag = LlamaIndexRag(settings.corpus_dir, index.embedder, cache)
        build_s = time.perf_counter() - started
    finally:
        cache.close()
    results = run_baseline(rag, questions, k)
    runs[rag.name] = BaselineRun(
        description=f"llama-index VectorStoreIndex, default SentenceSplitter ({rag.chunk_count} chunks), FAISS "
                    "IndexFlatIP, multilingual-e5-small, top k",
        build_s=build_s, summary=summarize_baseline_by_type(results), results=results)
    return runs


def evaluate(questions: Sequence[DevQuestion], target: Target, index: SearchIndex, settings: Settings, *,
             dataset: str, subset: str | None = None, k: int = DEFAULT_K, baselines: bool = False,
             on_result: Callable[[QuestionResult], None] | None = None) -> EvalReport:
    """Run, score and summarise; retrieval is measured on this process's index whatever the target."""
    results = run_eval(questions, target, read_corpus_lines(settings.corpus_dir),
                       searcher_ranking(HybridSearcher(index)), k, on_result)
    return EvalReport(
        created_at=now_stamp(), dataset=dataset, subset=subset, target=target.description, k=k,
        index_version=index.version, git_commit=git_commit(), summary=summarize_by_type(results),
        results=results, baselines=measure_baselines(questions, index, settings, k) if baselines else {},
    )
