"""FastAPI dependencies: the settings, the current (index, Assistant) snapshot, the storage backend, uploads
and the work pool.

All are async and only read `app.state`, so resolving them never hops to a thread. The API key is
checked earlier, in `api.auth`, before the body is read.
"""

from typing import Annotated

from fastapi import Depends, Request

from api.holder import IndexHolder, Snapshot
from api.pool import WorkPool
from api.uploads import UploadQueue
from assistant.config import Settings
from assistant.storage import Storage


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_holder(request: Request) -> IndexHolder:
    return request.app.state.holder


async def get_snapshot(holder: Annotated[IndexHolder, Depends(get_holder)]) -> Snapshot:
    """One snapshot per request, taken at its start: 503 until the index is ready."""
    return holder.snapshot()


async def get_storage(request: Request) -> Storage:
    return request.app.state.holder.storage


async def get_uploads(request: Request) -> UploadQueue:
    return request.app.state.uploads


async def get_pool(request: Request) -> WorkPool:
    return request.app.state.pool


SettingsDep = Annotated[Settings, Depends(get_settings)]
HolderDep = Annotated[IndexHolder, Depends(get_holder)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
StorageDep = Annotated[Storage, Depends(get_storage)]
UploadsDep = Annotated[UploadQueue, Depends(get_uploads)]
PoolDep = Annotated[WorkPool, Depends(get_pool)]
