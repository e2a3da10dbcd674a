"""PostgreSQL backend fixtures: a private copy of the built database per test, its storage, and the
embedded index of the same corpus with the same (384-dimensional fake) embedder, to compare with."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.store import SearchIndex, open_index
from assistant.storage.postgres.storage import PostgresStorage
from tests.conftest import postgres_settings
from tests.fakes import FakeEmbedder


@pytest.fixture
def pg_settings(make_settings: Callable[..., Settings], pg_server, pg_database, pg_built, tmp_path: Path) -> Settings:
    """Settings over a private corpus copy and a private copy of the built database (owner role)."""
    return postgres_settings(make_settings(), pg_server.url(pg_database(pg_built)), tmp_path)


@pytest.fixture
def pg_storage(pg_settings: Settings) -> Iterator[PostgresStorage]:
    storage = PostgresStorage(pg_settings, FakeEmbedder(384))
    yield storage
    storage.close()


@pytest.fixture(scope="session")
def folder_index(built_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SearchIndex]:
    """The embedded index of the bundled corpus with the 384-dimensional fake embedder."""
    base = tmp_path_factory.mktemp("folder-384")
    shutil.copytree(built_corpus / "corpus", base / "corpus")
    settings = Settings(corpus_dir=base / "corpus", index_dir=base / "indexes", cache_dir=built_corpus / "cache",
                        data_dir=base / "data")
    index = open_index(settings, show_progress=False, embedder=FakeEmbedder(384))
    yield index
    index.close()


@pytest.fixture(scope="session")
def pg_index(pg_read_settings: Settings):
    """The built database's index, opened once: for tests that only read."""
    storage = PostgresStorage(pg_read_settings, FakeEmbedder(384))
    yield storage.open(show_progress=False)
    storage.close()


@pytest.fixture(scope="session")
def pg_read_settings(shared_settings: Settings, pg_server, pg_database, pg_built,
                                     tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return postgres_settings(shared_settings, pg_server.url(pg_database(pg_built)), tmp_path_factory.mktemp("pg-read"))
