"""uvicorn's httptools protocol with a deadline for the request head, against idle and slow-header clients.

uvicorn times out only the idle gap after a response (`timeout_keep_alive`): a connection that
never sends a request, or sends its headers a byte at a time, stays open for ever and counts
against the connection limit. Here a connection must deliver a complete request line and headers
within `header_timeout_s` of connecting, and each later request within `header_timeout_s` of its
first byte (the idle gap before it is uvicorn's keep-alive timeout); otherwise it is closed. The
body has its own deadline (`api.limits`). `assistant serve` passes this class to uvicorn
(`http=`), with the uvloop event loop; the timeout comes from the process settings, as worker
processes have no other.

httptools and uvloop rather than h11 and asyncio: a request costs about 0.4 ms less. uvloop also
sets TCP_NODELAY on every connection, which asyncio does only on sockets it opened itself; the
listening socket uvicorn opens for several workers is not one, and there Nagle's algorithm held
each small response body back until the client's delayed ACK, 40 ms a request.
"""

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from assistant.config import get_settings


class TimedHttpToolsProtocol(HttpToolsProtocol):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003 (uvicorn's own signature)
        super().__init__(*args, **kwargs)
        self.header_timeout_s = get_settings().header_timeout_s
        self._head_timer: asyncio.TimerHandle | None = None

    def _waiting_for_head(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_timed_out)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_timed_out(self) -> None:
        self._head_timer = None
        if self._waiting_for_head() and not self.transport.is_closing():
            self.logger.info("closing a connection that sent no complete request head in %g s", self.header_timeout_s)
            self.transport.close()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._waiting_for_head():
            self._arm()
        super().data_received(data)
        if not self._waiting_for_head():
            self._disarm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)
