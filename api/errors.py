"""Every error the API returns has one shape, `{"error": {"type", "message"}}`, and the right status.

Expected failures of the assistant (`AssistantError`) map to 4xx/503 by class; a database that is
down or unreachable (PostgreSQL backend) is a 503 `database_unavailable` with Retry-After. FastAPI's validation
errors become 422 in our shape. A damaged index found while answering (SQLite cannot read the
records, an artifact cannot be read) is a 503 and asks for a rebuild (`api.repair`). Anything else
is a 500 with a generic message, and its traceback goes to the log (never the request headers or
body, so no key is ever logged). Messages never carry server paths: a path is cut to its last part.
The 500 is answered by `CatchAllMiddleware`, which, unlike Starlette's last-resort handler, does
not re-raise, so the kept-alive connection stays usable.
"""

import json
import logging
import re
import sqlite3

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import (
    AssistantError,
    CorpusError,
    DatabaseError,
    DatabaseUnavailableError,
    DocumentNotFoundError,
    DocumentTooLargeError,
    DuplicateDocumentError,
    LineRangeError,
    QueryError,
    ReadOnlyDatabaseError,
    SearchIndexError,
    UploadError,
)

log = logging.getLogger(__name__)

# Most specific first: the first class an exception is an instance of decides.
_ASSISTANT_ERRORS: tuple[tuple[type[AssistantError], int, str], ...] = (
    (DuplicateDocumentError, 409, "duplicate_document"),
    (DocumentTooLargeError, 413, "too_large"),
    (UploadError, 422, "invalid_document"),
    (DocumentNotFoundError, 404, "not_found"),
    (LineRangeError, 404, "lines_out_of_range"),
    (QueryError, 422, "invalid_query"),
    (CorpusError, 503, "corpus_unavailable"),
    (DatabaseUnavailableError, 503, "database_unavailable"),
    (ReadOnlyDatabaseError, 503, "read_only"),
    (DatabaseError, 503, "database_error"),
)
_HTTP_TYPES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed", 408: "timeout",
               409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
               503: "not_ready"}
GENERIC_MESSAGE = "an unexpected error occurred; it has been logged"
DAMAGED_MESSAGE = "the search index is damaged and is being rebuilt; try again shortly (GET /readyz says when)"
RETRY_AFTER_S = "10"
# An absolute path of two or more parts (not one of our own routes), up to whitespace, quotes or punctuation.
_SERVER_PATH = re.compile(r"(?<![\w.:/~-])/(?!(?:api|v1)/)(?:[^\s/'\"(),;:]+/)+([^\s/'\"(),;:]*)")


class ApiError(StarletteHTTPException):
    """An HTTP error with our `type` slug; raise it from routes, dependencies and middleware."""

    def __init__(self, status_code: int, type_: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(status_code, message, headers)
        self.type = type_


def without_paths(message: str) -> str:
    """`message` with every absolute server path cut to its last part (`/srv/x/indexes/v1/a.db` → `a.db`)."""
    return _SERVER_PATH.sub(lambda m: m.group(1) or m.group(0).rstrip("/").rsplit("/", 1)[-1], message)


def _body(type_: str, message: str, **extra: object) -> dict:
    return {"error": {"type": type_, "message": without_paths(message), **extra}}


def error_response(status: int, type_: str, message: str, headers: dict[str, str] | None = None,
                   **extra: object) -> JSONResponse:
    return JSONResponse(_body(type_, message, **extra), status, headers=headers)


async def send_error(send: Send, error: ApiError) -> None:
    """Answer from ASGI middleware, before the app runs; the connection closes, as the body may be unread."""
    body = json.dumps(_body(error.type, str(error.detail)), ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    headers += [(k.lower().encode(), v.encode()) for k, v in (error.headers or {}).items()]
    await send({"type": "http.response.start", "status": error.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _describe(errors: list[dict]) -> str:
    """'body.question: Field required; query.k: …' without echoing the (possibly huge) input."""
    parts = []
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ()))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", "invalid"))
    return "; ".join(parts) or "the request is malformed"


async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
    details = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
    return error_response(422, "invalid_request", _describe(exc.errors()), details=details)


async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
    if exc.status_code == 400:  # FastAPI's "error parsing the body" (e.g. not UTF-8): malformed input
        return error_response(422, "invalid_request", f"the request body could not be read: {exc.detail}")
    type_ = getattr(exc, "type", None) or _HTTP_TYPES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, type_, str(exc.detail), headers=getattr(exc, "headers", None))


async def _damaged_index(request: Request, exc: Exception) -> JSONResponse:
    """The served index failed under a request: rebuild it in the background, 503 until then."""
    log.error("the served index is damaged (%s: %s); rebuilding", type(exc).__name__, exc)
    request.app.state.repair.request(f"{type(exc).__name__}: {exc}")
    return error_response(503, "index_damaged", DAMAGED_MESSAGE, headers={"Retry-After": RETRY_AFTER_S})


async def _assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
    if isinstance(exc, SearchIndexError):
        return await _damaged_index(request, exc)
    for cls, status, type_ in _ASSISTANT_ERRORS:
        if isinstance(exc, cls):
            headers = {"Retry-After": RETRY_AFTER_S} if isinstance(exc, DatabaseUnavailableError) else None
            return error_response(status, type_, str(exc), headers=headers)
    log.error("unhandled assistant error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", GENERIC_MESSAGE)


class TrackedSend:
    """`send` that remembers whether the response has started: after its head is out, an error can no
    longer become an error response, only a closed connection."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.started = False

    async def __call__(self, message: Message) -> None:
        self.started = self.started or message["type"] == "http.response.start"
        await self.send(message)


class CatchAllMiddleware:
    """The last line: an unexpected exception becomes our generic 500, logged, and is not re-raised."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        tracked = TrackedSend(send)
        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:
            log.error("unhandled error on %s %s", scope["method"], scope["path"], exc_info=exc)
            if tracked.started:  # half a response is out: only closing the connection can tell the client
                raise
            response = error_response(500, "internal_error", GENERIC_MESSAGE)
            await response(scope, receive, send)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(AssistantError, _assistant_error)  # type: ignore[arg-type]
    app.add_exception_handler(sqlite3.DatabaseError, _damaged_index)
    app.add_middleware(CatchAllMiddleware)
