"""Two app servers on one PostgreSQL database, as real processes on 127.0.0.1 (`tests/serving.py`): an
upload through one is answerable through the other within 5 s (the issue's bound; NOTIFY usually tells
it at once), and a server killed (SIGKILL) inside its upload's transaction leaves the database as it
was: the other still serves the old version and the same upload, sent again, succeeds. The load over
both servers is measured by hand: evals/two_servers.py."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from assistant.storage.postgres.local import free_port
from tests.conftest import PROJECT

NAME = "005_youth.txt"
TEXT = "臺北市113年青年住宅租金補貼說明\n申請資格：設籍本市之青年。\n"
FIELDS = {"title": "青年住宅租金補貼說明", "issuer": "臺北市政府都市發展局", "year_roc": "113"}
VISIBLE_WITHIN_S = 5.0


class Server:
    """One `tests/serving.py` process on its own port, data directory and local cache."""

    def __init__(self, env: dict[str, str], folder: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        folder.mkdir(parents=True)
        env = {**env, "ASSISTANT_DATA_DIR": str(folder / "data"), "ASSISTANT_INDEX_DIR": str(folder / "cache")}
        self.process = subprocess.Popen([sys.executable, "-m", "tests.serving", str(self.port)], cwd=PROJECT, env=env,
                                        stdout=subprocess.DEVNULL, stderr=open(folder / "stderr.log", "wb"))
        self.client = httpx.Client(base_url=self.url, timeout=30)

    def ready(self, deadline_s: float = 120) -> dict:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            assert self.process.poll() is None, "the server exited"
            try:
                response = self.client.get("/readyz")
                if response.status_code == 200:
                    return response.json()
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError("the server never became ready")

    def upload(self) -> str:
        accepted = self.client.post("/api/documents", files={"file": (NAME, TEXT.encode(), "text/plain")}, data=FIELDS)
        assert accepted.status_code == 202, accepted.text
        return accepted.json()["id"]

    def finished(self, upload_id: str, deadline_s: float = 60) -> dict:
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            status = self.client.get(f"/api/documents/uploads/{upload_id}").json()
            if status["state"] in ("ready", "failed"):
                return status
            time.sleep(0.05)
        raise AssertionError("the upload never finished")

    def finds_upload(self) -> bool:
        hits = self.client.get("/api/search", params={"q": "青年住宅租金補貼", "file": NAME}).json()["hits"]
        return bool(hits) and hits[0]["file"] == NAME

    def documents(self) -> set[str]:
        return {d["file"] for d in self.client.get("/api/documents").json()}

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@pytest.fixture
def database_url(pg_server, pg_database, pg_built) -> str:
    return pg_server.url(pg_database(pg_built))


@pytest.fixture
def start_server(make_settings, database_url, tmp_path) -> Iterator[Callable[[], Server]]:
    """`start()` → another server over the same corpus copy and database."""
    settings = make_settings()
    env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir), "ASSISTANT_CACHE_DIR": str(settings.cache_dir),
           "ASSISTANT_DATABASE_URL": database_url, "ASSISTANT_LOG_LEVEL": "WARNING", "ASSISTANT_THREADS": "2"}
    servers: list[Server] = []

    def start() -> Server:
        servers.append(Server(env, tmp_path / f"server-{len(servers)}"))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()


def test_an_upload_through_one_server_is_answerable_through_the_other(start_server):
    one, other = start_server(), start_server()
    before = one.ready()["index_version"]
    assert other.ready()["index_version"] == before and not other.finds_upload()

    upload_id = one.upload()
    status = one.finished(upload_id)
    assert status["state"] == "ready", status
    published = time.monotonic()
    while not other.finds_upload():
        assert time.monotonic() - published < VISIBLE_WITHIN_S, "the other server did not pick the version up"
        time.sleep(0.05)
    assert other.client.get("/readyz").json()["index_version"] == status["index_version"] != before
    assert other.client.get(f"/api/documents/uploads/{upload_id}").json()["state"] == "ready"  # shared status
    answer = other.client.post("/api/ask", json={"question": "青年住宅租金補貼的申請資格是什麼？"})
    assert answer.status_code == 200 and NAME in {c["file"] for c in answer.json()["citations"]}


def _waiting_on_serving(conn: psycopg.Connection) -> int | None:
    """The backend of an upload's transaction blocked at publishing (the `serving` row), if there is one."""
    row = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND "
                       "wait_event_type = 'Lock' AND query ILIKE '%%INSERT INTO serving%%'").fetchone()
    return row[0] if row else None


def test_a_server_killed_inside_its_upload_leaves_the_database_as_it_was(start_server, database_url):
    doomed, survivor = start_server(), start_server()
    before = doomed.ready()["index_version"]
    survivor.ready()
    with psycopg.connect(database_url, autocommit=True) as blocker, psycopg.connect(database_url, autocommit=True) as watch:
        blocker.execute("BEGIN")
        blocker.execute("LOCK TABLE serving IN EXCLUSIVE MODE")  # readers go on; publishing waits here
        doomed.upload()
        deadline = time.monotonic() + 60
        while (backend := _waiting_on_serving(watch)) is None:
            assert time.monotonic() < deadline, "the upload never reached its publishing step"
            time.sleep(0.05)
        doomed.process.send_signal(signal.SIGKILL)
        doomed.process.wait(30)
        blocker.execute("COMMIT")
        while watch.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", [backend]).fetchone():
            assert time.monotonic() < deadline, "the killed server's transaction never ended"
            time.sleep(0.05)
        assert watch.execute("SELECT count(*) FROM uploaded_documents").fetchone() == (0,)
        assert watch.execute("SELECT count(*) FROM documents WHERE name = %s", [NAME]).fetchone() == (0,)

    assert survivor.client.get("/readyz").json()["index_version"] == before
    assert NAME not in survivor.documents() and not survivor.finds_upload()

    status = survivor.finished(survivor.upload())
    assert status["state"] == "ready", status
    assert NAME in survivor.documents() and survivor.finds_upload()
