"""Reject oversized or too-slow request bodies before they are read into memory.

Two size checks, because a client may omit Content-Length (chunked upload) or lie about it: the
declared length is checked before the app runs, and the bytes actually received are counted as
the app reads them. Document uploads get `max_upload_bytes` plus room for the multipart framing
and form fields; every other route gets `max_request_bytes`. The whole body must also arrive within
`body_timeout_s` of the app starting to read it (408 otherwise): a client sending a byte now and
then cannot hold a connection and a request open. The request head has its own deadline, in
`api.protocol`.
"""

import asyncio
from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import ApiError, TrackedSend, send_error
from assistant.config import Settings

MULTIPART_OVERHEAD = 64 * 1024
UPLOAD_PATH = "/api/documents"
_HANDLED = (408, 413)  # raised while reading the body; answered here if the app did not answer them


def body_limit(settings: Settings, method: str, path: str) -> int:
    """Uploads, replacements and inspections of a document carry a file; everything else is small."""
    if method in ("POST", "PUT") and path.rstrip("/").startswith(UPLOAD_PATH):
        return settings.max_upload_bytes + MULTIPART_OVERHEAD
    return settings.max_request_bytes


def _too_large(limit: int) -> ApiError:
    return ApiError(413, "too_large", f"the request body is larger than the limit of {limit:,} bytes")


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = body_limit(self.settings, scope["method"], scope["path"])
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            if not declared.isdigit():
                await send_error(send, ApiError(422, "invalid_request", "the Content-Length header is not a number"))
                return
            if int(declared) > limit:
                await send_error(send, _too_large(limit))
                return

        received = 0
        body_done = False
        deadline: float | None = None
        loop = asyncio.get_running_loop()

        async def counting_receive() -> Message:
            nonlocal received, body_done, deadline
            if body_done:  # after the body, receive only waits for the client to disconnect
                return await receive()
            deadline = deadline or loop.time() + self.settings.body_timeout_s
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                raise ApiError(408, "timeout", f"the request body did not arrive within "
                                               f"{self.settings.body_timeout_s:g} s") from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if received > limit:
                    raise _too_large(limit)  # FastAPI re-raises HTTP exceptions met while reading the body
            return message

        tracked = TrackedSend(send)
        try:
            await self.app(scope, counting_receive, tracked)
        except ApiError as exc:
            if tracked.started or exc.status_code not in _HANDLED:
                raise
            await send_error(send, exc)


def ensure_question_fits(settings: Settings, question: str, history_questions: Sequence[str] = ()) -> None:
    """413 when the question (or an earlier one sent back as history) is over `max_question_chars`."""
    for text in (question, *history_questions):
        if len(text) > settings.max_question_chars:
            raise ApiError(413, "too_large", f"a question is {len(text):,} characters long; "
                                             f"the limit is {settings.max_question_chars:,}")
