"""FastAPI dependencies: the settings, the current (index, Assistant) snapshot, uploads, and the API key."""

import secrets
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from api.holder import IndexHolder, Snapshot
from api.uploads import UploadQueue
from assistant.config import Settings


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_holder(request: Request) -> IndexHolder:
    return request.app.state.holder


def get_snapshot(holder: Annotated[IndexHolder, Depends(get_holder)]) -> Snapshot:
    """One snapshot per request, taken at its start: 503 until the index is ready."""
    return holder.snapshot()


def get_uploads(request: Request) -> UploadQueue:
    return request.app.state.uploads


_bearer = HTTPBearer(auto_error=False, description="Required only when ASSISTANT_API_KEY is set.")


def require_api_key(settings: Annotated[Settings, Depends(get_settings)],
                    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]) -> None:
    """When `api_key` is set (and not empty), demand `Authorization: Bearer <key>`, compared in constant time."""
    expected = settings.api_key.get_secret_value() if settings.api_key else ""
    if not expected:
        return
    given = credentials.credentials if credentials else ""
    if not secrets.compare_digest(given.encode(), expected.encode()):
        message = "the API key is not valid" if given else \
            "a valid API key is required: send 'Authorization: Bearer <key>'"
        raise ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


SettingsDep = Annotated[Settings, Depends(get_settings)]
HolderDep = Annotated[IndexHolder, Depends(get_holder)]
SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
UploadsDep = Annotated[UploadQueue, Depends(get_uploads)]
