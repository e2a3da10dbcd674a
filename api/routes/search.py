"""GET /api/search: ranked passages with provenance (file, lines, retriever ranks)."""

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import PoolDep, SettingsDep, SnapshotDep
from api.limits import ensure_question_fits
from api.schemas import SearchHitOut, SearchResponse
from assistant.corpus.lexicon import load_lexicon
from assistant.index.filters import PassageFilter
from assistant.index.retriever import HybridSearcher  # imports llama-index (seconds): here, before serving

router = APIRouter(prefix="/api", tags=["search"])


@router.get("/search", response_model=SearchResponse)
async def search(
    snapshot: SnapshotDep,
    settings: SettingsDep,
    pool: PoolDep,
    q: Annotated[str, Query(min_length=1, description="what to look for, in any script")],
    k: Annotated[int, Query(ge=1, le=100, description="how many passages")] = 10,
    file: Annotated[list[str], Query(description="only these corpus files")] = [],
    year: Annotated[list[int], Query(description="only documents covering these ROC years")] = [],
    agency: Annotated[list[str], Query(description="only passages about these agencies (any spelling)")] = [],
) -> Response:
    """The same hybrid (BM25 + dense) search the answers are built on."""
    ensure_question_fits(settings, q)

    def respond() -> Response:
        lexicon = load_lexicon()
        filters = PassageFilter(
            files=frozenset(file) or None,
            years=frozenset(year) or None,
            agencies=frozenset(lexicon.canonical(a) or a for a in agency) or None,
        )
        hits = HybridSearcher(snapshot.index).search(q, k, filters)
        body = SearchResponse(query=q, k=k, hits=[
            SearchHitOut(rank=rank, id=h.passage.id, file=h.passage.file, line=h.passage.line,
                         end_line=h.passage.end_line, title=h.passage.title, context=h.passage.context,
                         text=h.passage.text, score=h.score, retrievers=h.ranks,
                         bm25_score=h.bm25_score, dense_score=h.dense_score)
            for rank, h in enumerate(hits, start=1)])
        return Response(body.model_dump_json(), media_type="application/json")

    return await pool.run(respond)
