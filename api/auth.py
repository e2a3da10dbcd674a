"""The API key, checked from the request head before a byte of the body is read.

A FastAPI dependency would run only after the body was received and parsed (a 4 MB body cost its
full read before the 401). So this is ASGI middleware: when `api_key` is set (and not empty),
every `/api` and `/v1` request needs `Authorization: Bearer <key>`, compared in constant time; the
page, `/docs`, `/healthz` and `/readyz` stay open. The routers keep an `HTTPBearer` dependency
only so the OpenAPI document shows the scheme.
"""

import secrets

from fastapi.security import HTTPBearer
from starlette.types import ASGIApp, Receive, Scope, Send

from api.errors import ApiError, send_error
from assistant.config import Settings

GUARDED_PREFIXES = ("/api", "/v1")

bearer_scheme = HTTPBearer(auto_error=False, description="Required only when ASSISTANT_API_KEY is set.")


def is_guarded(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in GUARDED_PREFIXES)


def key_error(authorization: bytes | None, expected: str) -> ApiError | None:
    """None when `authorization` carries the expected bearer key, else the 401 to send."""
    scheme, _, given = (authorization or b"").decode("latin-1").partition(" ")
    given = given.strip() if scheme.lower() == "bearer" else ""
    if secrets.compare_digest(given.encode("latin-1"), expected.encode()):
        return None
    message = "the API key is not valid" if given else "a valid API key is required: send 'Authorization: Bearer <key>'"
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": "Bearer"})


class ApiKeyMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.expected = settings.api_key.get_secret_value() if settings.api_key else ""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.expected and scope["type"] == "http" and is_guarded(scope["path"]):
            error = key_error(dict(scope["headers"]).get(b"authorization"), self.expected)
            if error is not None:
                await send_error(send, error)
                return
        await self.app(scope, receive, send)
