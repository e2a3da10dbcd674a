"""Two baselines the assistant is measured against, on the same questions in the same run.

- `LlamaIndexRag`: what a generic RAG tutorial builds. Whole files as llama-index `Document`s, the
  default `SentenceSplitter` (1,024 tokens, 200 overlap), a `VectorStoreIndex` over FAISS
  (`IndexFlatIP`), the same multilingual-e5-small embeddings, top-5 retrieval, no LLM (`MockLLM`).
- `Bm25Only`: the BM25 half of our own index over our own passages, without dense or records.

A baseline's "answer" is the text of its top 5 chunks (the benefit of the doubt on must-contain);
its "items" are every corpus line those chunks cover. Chunks are mapped back to lines by finding
their text in the original file.
"""

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
from pydantic import BaseModel

from assistant.errors import EvaluationError
from assistant.evaluation import metrics
from assistant.evaluation.dataset import QUESTION_TYPES, DevQuestion
from assistant.evaluation.metrics import Span
from assistant.evaluation.runner import DEFAULT_K, RANKING_DEPTH
from assistant.evaluation.summary import OVERALL
from assistant.index.embedder import Embedder
from assistant.index.embedding_cache import EmbeddingCache
from assistant.index.retriever import HybridSearcher
from assistant.index.store import SearchIndex


@dataclass(frozen=True)
class Chunk:
    """A retrieved piece of text and the lines it came from (None when it cannot be found in its file)."""

    text: str
    span: Span | None


class Baseline(Protocol):
    name: str

    def retrieve(self, query: str, depth: int) -> list[Chunk]: ...


class BaselineResult(BaseModel):
    id: str
    type: str
    recall_at_k: float | None = None
    reciprocal_rank: float | None = None
    items_recall: float | None = None
    must_contain_ok: bool | None = None
    latency_ms: float


class BaselineSummary(BaseModel):
    n: int
    recall_at_k: float | None
    mrr: float | None
    items_recall: float | None
    must_contain: float | None
    latency_p50_ms: float | None
    latency_p95_ms: float | None


class Bm25Only:
    name = "bm25-only"

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._prepare = HybridSearcher(index).prepare

    def retrieve(self, query: str, depth: int) -> list[Chunk]:
        scores = self._index.bm25.scores(self._index.segmenter.tokens(self._prepare(query)))
        order = [int(i) for i in np.argsort(-scores, kind="stable")[:depth] if scores[i] > 0]
        passages = [self._index.passages[i] for i in order]
        return [Chunk(p.text, Span(p.file, p.line, p.end_line)) for p in passages]


def locate(text: str, chunk: str, file: str) -> Span | None:
    """The lines of `file` (whose content is `text`) that `chunk` spans, found by exact search."""
    start = text.find(chunk)
    if start < 0 or not chunk:
        return None
    line = text.count("\n", 0, start) + 1
    return Span(file, line, line + chunk.count("\n", 0, len(chunk.rstrip("\n"))))


class LlamaIndexRag:
    name = "llama-index-rag"

    def __init__(self, corpus_dir: Path, embedder: Embedder, cache: EmbeddingCache | None = None) -> None:
        """Build the plain pipeline over every `*.txt` in `corpus_dir` (this is what `build` time measures)."""
        try:
            import faiss
            from llama_index.core import Document, Settings, StorageContext, VectorStoreIndex
            from llama_index.core.llms import MockLLM
            from llama_index.vector_stores.faiss import FaissVectorStore
        except ImportError as exc:
            raise EvaluationError(f"the llama-index baseline needs the dev extras ({exc}); "
                                  "run `pip install -e '.[dev]'`") from exc
        from assistant.evaluation.llama_embedding import E5Embedding

        Settings.embed_model = E5Embedding(embedder, cache)
        Settings.llm = MockLLM()
        self._texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(corpus_dir.glob("*.txt"))}
        documents = [Document(text=text, metadata={"file": name}, excluded_embed_metadata_keys=["file"],
                              excluded_llm_metadata_keys=["file"]) for name, text in self._texts.items()]
        store = FaissVectorStore(faiss_index=faiss.IndexFlatIP(embedder.dim))
        self._index = VectorStoreIndex.from_documents(
            documents, storage_context=StorageContext.from_defaults(vector_store=store))

    @property
    def chunk_count(self) -> int:
        return len(self._index.docstore.docs)

    def retrieve(self, query: str, depth: int) -> list[Chunk]:
        nodes = self._index.as_retriever(similarity_top_k=depth).retrieve(query)
        chunks = []
        for hit in nodes:
            file = hit.node.metadata["file"]
            text = hit.node.get_content()
            chunks.append(Chunk(text, locate(self._texts[file], text, file)))
        return chunks


def score_baseline(question: DevQuestion, chunks: Sequence[Chunk], latency_ms: float,
                   k: int = DEFAULT_K) -> BaselineResult:
    """Retrieval over the ranked chunks; items and must-contain over the top k."""
    ranked = [c.span for c in chunks if c.span is not None]
    top = chunks[:k]
    top_spans = [c.span for c in top if c.span is not None]
    result = BaselineResult(id=question.id, type=question.type, latency_ms=latency_ms)
    targets = question.retrieval_targets
    if targets:
        result.recall_at_k = metrics.recall_at_k(ranked, targets, k)
        result.reciprocal_rank = metrics.reciprocal_rank(ranked, targets)
    if question.expected_items:
        hits = metrics.covered(top_spans, question.expected_items)
        result.items_recall = sum(hits) / len(hits)
    if question.answerable and question.needles:
        result.must_contain_ok = not metrics.missing_needles("\n".join(c.text for c in top), question.needles)
    return result


def run_baseline(baseline: Baseline, questions: Sequence[DevQuestion], k: int = DEFAULT_K) -> list[BaselineResult]:
    """Retrieve for every question (history prepended, as for our own retrieval) and score it."""
    results = []
    for question in questions:
        started = time.perf_counter()
        chunks = baseline.retrieve(question.search_query, max(k, RANKING_DEPTH))
        results.append(score_baseline(question, chunks, (time.perf_counter() - started) * 1000, k))
    return results


def summarize_baseline(results: Sequence[BaselineResult]) -> BaselineSummary:
    latencies = [r.latency_ms for r in results]
    return BaselineSummary(
        n=len(results),
        recall_at_k=metrics.mean([r.recall_at_k for r in results]),
        mrr=metrics.mean([r.reciprocal_rank for r in results]),
        items_recall=metrics.mean([r.items_recall for r in results]),
        must_contain=metrics.mean([float(r.must_contain_ok) for r in results if r.must_contain_ok is not None]),
        latency_p50_ms=metrics.percentile(latencies, 50),
        latency_p95_ms=metrics.percentile(latencies, 95),
    )


def summarize_baseline_by_type(results: Sequence[BaselineResult]) -> dict[str, BaselineSummary]:
    """Per question type (canonical order), then overall, like the assistant's summary."""
    by_type = {t: summarize_baseline([r for r in results if r.type == t]) for t in QUESTION_TYPES
               if any(r.type == t for r in results)}
    return {**by_type, OVERALL: summarize_baseline(results)}
