"""Index fixtures: settings with a private index folder. The fake embedder and the real index are
shared fixtures in tests/conftest.py."""

from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.e5_folder import ensure_folder
from tests.fakes import FakeEmbedder  # noqa: F401  (kept importable from here for existing tests)

PROJECT = Path(__file__).resolve().parents[2]


@pytest.fixture
def tmp_settings(tmp_path: Path) -> Settings:
    """Settings with a private index folder and embedding cache, over the bundled corpus."""
    return Settings(corpus_dir=PROJECT / "corpus", index_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache")


@pytest.fixture(scope="session")
def e5_folder() -> Path:
    """The converted model, in the machine's cache as index builds use it (so CI converts once per weights)."""
    return ensure_folder(Settings().cache_dir)
