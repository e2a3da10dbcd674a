"""Connections to the PostgreSQL backend: one pool per process, and every failure as a readable error.

The URL comes from `ASSISTANT_DATABASE_URL` as a secret: messages name the user, host, port and
database (`redacted`) and never the password, which is also scrubbed from any text a driver error
carries. A connection that cannot be had (server down, unreachable, login refused, connection lost
mid-query) is a `DatabaseUnavailableError`, which HTTP answers with 503; the pool checks each
connection before handing it out and replaces broken ones, so service resumes by itself when the
database is back.
"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout
from pydantic import SecretStr

from assistant.errors import DatabaseUnavailableError, ReadOnlyDatabaseError

log = logging.getLogger(__name__)
_SCHEMES = ("postgresql", "postgres")


def redacted(url: str) -> str:
    """`url` with its password replaced by ***, as it may appear in a message or a log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def check_url(url: str) -> None:
    """A clear error for a URL that is not a PostgreSQL one, before any connection is tried."""
    scheme = urlsplit(url).scheme
    if scheme not in _SCHEMES:
        raise DatabaseUnavailableError(f"ASSISTANT_DATABASE_URL must start with postgresql:// (got {scheme or 'no'} "
                                       f"scheme in {redacted(url)})")


def explain(exc: BaseException, url: str) -> str:
    """The driver's reason, without the password, prefixed by where we tried to connect."""
    password = urlsplit(url).password
    reason = " ".join(str(exc).split()) or type(exc).__name__
    if password:
        reason = reason.replace(password, "***")
    return f"the database at {redacted(url)} is unavailable: {reason}"


class Database:
    """A connection pool over one database URL; `connection()` hands out checked connections."""

    def __init__(self, url: SecretStr, timeout_s: float = 5.0, pool_size: int = 4, name: str = "policy-qa"):
        self.url = url.get_secret_value()
        check_url(self.url)
        self.timeout_s = timeout_s
        self.pool_size = pool_size
        self.name = name
        self._pool: ConnectionPool | None = None

    @property
    def where(self) -> str:
        return redacted(self.url)

    def probe(self) -> None:
        """Connect once directly, so a start-up failure says why (login refused, no such database, down)."""
        try:
            with psycopg.connect(self.url, connect_timeout=max(1, round(self.timeout_s))) as conn:
                conn.execute("SELECT 1")
        except psycopg.Error as exc:
            raise DatabaseUnavailableError(explain(exc, self.url)) from None

    def open(self) -> None:
        """Probe, then start a pool (a closed one cannot be reopened, so each open makes its own)."""
        self.probe()
        if self._pool is None:
            self._pool = ConnectionPool(self.url, min_size=1, max_size=self.pool_size, open=False,
                                        timeout=self.timeout_s, name=self.name, check=ConnectionPool.check_connection,
                                        kwargs={"autocommit": True, "connect_timeout": max(1, round(self.timeout_s)),
                                                "application_name": self.name})
            self._pool.open(wait=False)

    @contextmanager
    def connection(self) -> Iterator[psycopg.Connection]:
        """A pooled connection (autocommit; use `conn.transaction()` for several statements as one)."""
        if self._pool is None:
            raise DatabaseUnavailableError(f"the database at {self.where} is not connected (closed or never opened)")
        try:
            with self._pool.connection() as conn:
                yield conn
        except PoolTimeout:
            raise DatabaseUnavailableError(
                f"the database at {self.where} is unavailable: no connection within {self.timeout_s:g} s") from None
        except psycopg.errors.InsufficientPrivilege as exc:
            raise ReadOnlyDatabaseError(
                f"the database role in ASSISTANT_DATABASE_URL ({self.where}) may not do this: "
                f"{explain(exc, self.url).split(': ', 1)[-1]}; uploads and builds need the owner role") from None
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise DatabaseUnavailableError(explain(exc, self.url)) from None

    @contextmanager
    def dedicated(self) -> Iterator[psycopg.Connection]:
        """A connection of its own, outside the pool: for LISTEN, which holds its connection."""
        try:
            with psycopg.connect(self.url, autocommit=True, connect_timeout=max(1, round(self.timeout_s))) as conn:
                yield conn
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            raise DatabaseUnavailableError(explain(exc, self.url)) from None

    def close(self) -> None:
        """Stop the pool and join its worker threads; a later `open()` starts a new one."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
