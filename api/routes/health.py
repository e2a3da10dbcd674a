"""Liveness and readiness: always open, never behind the API key, and never waiting on anything.

Both are async and only read the holder's state, so they answer while every answering thread is
busy and while the LLM is slow.
"""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.deps import HolderDep
from api.errors import without_paths
from api.schemas import Health, Readiness

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """200 whenever the process is up, even while the index is still being built."""
    return Health()


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
async def readyz(holder: HolderDep) -> JSONResponse:
    """200 once questions can be answered; 503 while the index is being built or rebuilt, if it failed, or
    while the shared database (PostgreSQL backend) cannot be reached."""
    if holder.state == "ready" and holder.unavailable is not None:
        body = Readiness(ready=False, state="database_unavailable", message=without_paths(holder.unavailable),
                         index_version=holder.snapshot().index.version)
        return JSONResponse(body.model_dump(), 503)
    if holder.state == "ready":
        index = holder.snapshot().index
        body = Readiness(ready=True, state="ready", message="ready", index_version=index.version,
                         documents=len(index.manifest.get("documents", {})))
        return JSONResponse(body.model_dump(), 200)
    message = {"starting": "opening the search index", "building": "building the search index "
               "(about a minute the first time)", "failed": f"the search index could not be opened: {holder.error}"}
    body = Readiness(ready=False, state=holder.state, message=without_paths(message.get(holder.state, holder.state)))
    return JSONResponse(body.model_dump(), 503)
