"""Every error the API returns has one shape, `{"error": {"type", "message"}}`, and the right status.

Expected failures of the assistant (`AssistantError`) map to 4xx/503 by class; FastAPI's validation
errors become 422 in our shape; anything unexpected is a 500 with a generic message, and its
traceback goes to the log (never the request headers, so no key is ever logged).
"""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.errors import (
    AssistantError,
    CorpusError,
    DocumentNotFoundError,
    DocumentTooLargeError,
    DuplicateDocumentError,
    LineRangeError,
    QueryError,
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
    (SearchIndexError, 503, "index_unavailable"),
    (CorpusError, 503, "corpus_unavailable"),
)
_HTTP_TYPES = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
               409: "conflict", 413: "too_large", 415: "unsupported_media_type", 422: "invalid_request",
               503: "not_ready"}
GENERIC_MESSAGE = "an unexpected error occurred; it has been logged"


class ApiError(StarletteHTTPException):
    """An HTTP error with our `type` slug; raise it from routes, dependencies and middleware."""

    def __init__(self, status_code: int, type_: str, message: str, headers: dict[str, str] | None = None):
        super().__init__(status_code, message, headers)
        self.type = type_


def error_response(status: int, type_: str, message: str, headers: dict[str, str] | None = None,
                   **extra: object) -> JSONResponse:
    return JSONResponse({"error": {"type": type_, "message": message, **extra}}, status, headers=headers)


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


async def _assistant_error(request: Request, exc: AssistantError) -> JSONResponse:
    for cls, status, type_ in _ASSISTANT_ERRORS:
        if isinstance(exc, cls):
            return error_response(status, type_, str(exc))
    return await _unexpected_error(request, exc)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "internal_error", GENERIC_MESSAGE)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(AssistantError, _assistant_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)
