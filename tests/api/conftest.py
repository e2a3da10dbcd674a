"""API fixtures: the app over a private copy of the corpus and its fake-embedder index (built once
per session, see tests/conftest.py), copied per test so uploads never touch the real corpus."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest
from fastapi.testclient import TestClient

from api.holder import AssistantFactory, IndexHolder
from api.main import create_app
from assistant.config import Settings
from tests.fakes import FakeAssistant, fake_embedder_for


@contextmanager
def _running(settings: Settings, assistant_factory: AssistantFactory = FakeAssistant,  # type: ignore[assignment]
            holder: IndexHolder | None = None, **client_args: object) -> Iterator[TestClient]:
    """A TestClient over the app, after the background index load has finished."""
    holder = holder or IndexHolder(settings, embedder=fake_embedder_for(settings), assistant_factory=assistant_factory)
    with TestClient(create_app(settings, holder), **client_args) as client:  # type: ignore[arg-type]
        assert holder.wait(60), holder.error
        yield client


@pytest.fixture(scope="session")
def running() -> Callable[..., AbstractContextManager[TestClient]]:
    """`with running(settings, assistant_factory=…, holder=…, **TestClient options) as client:`"""
    return _running


@pytest.fixture(scope="session")
def client(backend_shared_settings: Settings) -> Iterator[TestClient]:
    """One app per storage backend for every test that only reads (the index is opened once)."""
    with _running(backend_shared_settings) as client:
        yield client


@pytest.fixture
def fresh_client(settings: Settings) -> Iterator[TestClient]:
    """An app over a private corpus copy, for tests that upload."""
    with _running(settings) as client:
        yield client
