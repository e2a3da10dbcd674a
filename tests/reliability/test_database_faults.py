"""PostgreSQL faults, on a PostgreSQL of this module's own (stopped and started here, so no other test's
database goes away): down at start-up (a clear 503 and /readyz false, then ready once it is up, without a
restart), down while serving (503 `database_unavailable`, never 500, and served again once it is back), and
a wrong password (a clear error that never shows a password). Older schemas: tests/storage/postgres/test_schema.py.
The waits below are deadlines for something to happen, not timings."""

import shutil
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr
from typer.testing import CliRunner

from api.holder import IndexHolder
from api.main import create_app
from assistant.answering.service import Assistant
from assistant.config import Settings
from assistant.storage.postgres.local import LocalPostgres, free_port
from tests.conftest import TOY, local_postgres
from tests.fakes import fake_embedder_for

DATABASE = "faults"
WRONG_PASSWORD = "Wr0ng-pa55word"
QUESTION = "市民服務辦理情形"


@pytest.fixture(scope="module")
def own_pg() -> Iterator[LocalPostgres]:
    with local_postgres(durable=True) as server:  # durable: what was committed survives its stops
        server.create_database(DATABASE)
        yield server


@pytest.fixture
def up_pg(own_pg: LocalPostgres) -> LocalPostgres:
    """The module's PostgreSQL, running (a test that stopped it may have failed before starting it again)."""
    if not own_pg.running():
        own_pg.start()
    return own_pg


@pytest.fixture
def toy_settings_for(tmp_path: Path) -> Callable[[str], Settings]:
    """`make(url)`: settings over a private copy of the toy corpus on the database at `url`, polled often."""
    shutil.copytree(TOY, tmp_path / "corpus", dirs_exist_ok=True)

    def make(url: str) -> Settings:
        return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "indexes", cache_dir=tmp_path / "cache",
                        data_dir=tmp_path / "data", database_url=SecretStr(url), database_poll_s=0.2,
                        database_timeout_s=1.0)

    return make


def _client(settings: Settings) -> TestClient:
    holder = IndexHolder(settings, embedder=fake_embedder_for(settings), assistant_factory=Assistant)
    return TestClient(create_app(settings, holder))


def _eventually(check: Callable[[], bool], deadline_s: float = 30.0) -> bool:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.1)
    return False


def _ask(client: TestClient):
    return client.post("/api/ask", json={"question": QUESTION})


def _secret_free(text: str, *secrets: str) -> bool:
    return not any(secret in text for secret in secrets)


def test_down_at_start_up_says_so_and_serves_once_it_is_up(own_pg, toy_settings_for):
    if own_pg.running():
        own_pg.stop()
    settings = toy_settings_for(own_pg.url(DATABASE))
    with _client(settings) as client:
        assert client.app.state.holder.wait(30) is False
        ready = client.get("/readyz")
        assert ready.status_code == 503 and ready.json()["ready"] is False
        assert f"127.0.0.1:{own_pg.port}" in ready.json()["message"]
        answer = _ask(client)
        assert answer.status_code == 503 and answer.headers["retry-after"]
        assert answer.json()["error"]["type"] == "database_unavailable"
        assert "unavailable" in answer.json()["error"]["message"]
        assert _secret_free(ready.text + answer.text, own_pg.owner_password)

        own_pg.start()
        assert _eventually(lambda: client.get("/readyz").status_code == 200), client.get("/readyz").json()
        assert _ask(client).status_code == 200


def test_down_while_serving_is_503_then_served_again_without_a_restart(up_pg, toy_settings_for):
    settings = toy_settings_for(up_pg.url(DATABASE))
    with _client(settings) as client:
        assert client.app.state.holder.wait(60), client.app.state.holder.error
        assert _ask(client).status_code == 200
        assert client.get("/api/search", params={"q": QUESTION}).status_code == 200

        up_pg.stop()
        try:
            for response in (_ask(client), client.get("/api/search", params={"q": QUESTION}),
                             client.get("/api/records")):
                assert response.status_code == 503, response.text
                assert response.json()["error"]["type"] == "database_unavailable"
                assert response.headers["retry-after"]
                assert f"127.0.0.1:{up_pg.port}" in response.json()["error"]["message"]
                assert _secret_free(response.text, up_pg.owner_password)
            assert _eventually(lambda: client.get("/readyz").json()["state"] == "database_unavailable")
            assert client.get("/readyz").status_code == 503
        finally:
            up_pg.start()

        assert _eventually(lambda: _ask(client).status_code == 200)
        assert _eventually(lambda: client.get("/readyz").status_code == 200)
        assert client.get("/api/search", params={"q": QUESTION}).status_code == 200


def test_a_wrong_password_is_named_without_any_password(up_pg, toy_settings_for):
    settings = toy_settings_for(up_pg.url(DATABASE, password=WRONG_PASSWORD))
    with _client(settings) as client:
        assert client.app.state.holder.wait(30) is False
        ready = client.get("/readyz").json()
        answer = _ask(client)
    assert answer.status_code == 503 and answer.json()["error"]["type"] == "database_unavailable"
    for message in (ready["message"], answer.json()["error"]["message"]):
        assert "password authentication failed" in message
        assert "policy_owner:***@127.0.0.1" in message  # the URL is named, its password masked
        assert _secret_free(message, WRONG_PASSWORD, up_pg.owner_password)


def test_the_command_line_names_a_wrong_password_without_it(up_pg, toy_settings_for, monkeypatch):
    from assistant.cli import app
    from assistant.config import get_settings

    settings = toy_settings_for(up_pg.url(DATABASE, password=WRONG_PASSWORD))
    for name, value in (("CORPUS_DIR", settings.corpus_dir), ("INDEX_DIR", settings.index_dir),
                        ("DATABASE_URL", settings.database_url.get_secret_value())):  # type: ignore[union-attr]
        monkeypatch.setenv(f"ASSISTANT_{name}", str(value))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["documents"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code != 0
    text = " ".join(f"{result.output} {result.exception}".split())
    assert "password authentication failed" in text and _secret_free(text, WRONG_PASSWORD)


def test_a_server_that_is_not_there_is_named(toy_settings_for):
    port = free_port()
    settings = toy_settings_for(f"postgresql://policy_owner:{WRONG_PASSWORD}@127.0.0.1:{port}/{DATABASE}")
    with _client(settings) as client:
        assert client.app.state.holder.wait(30) is False
        ready = client.get("/readyz")
    assert ready.status_code == 503 and f"127.0.0.1:{port}" in ready.json()["message"]
    assert _secret_free(ready.text, WRONG_PASSWORD)
