"""Accepted means kept: a queue survives SIGTERM and restart; a CLI upload racing a failing server
upload survives its rollback; after a kill mid-rebuild a restarted server answers from the last
good version while the rebuild runs."""

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import httpx

from assistant.corpus.datadir import DataDir
from assistant.corpus.served import load_served_corpus
from assistant.index.ingestion import UploadFields, ingest, prepare
from assistant.index.store import open_index
from tests.fakes import FakeEmbedder

PROJECT = Path(__file__).resolve().parents[2]

# A server whose index builds are slow (0.3 s per embedding batch), on the given port and folders.
_SERVER = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import uvicorn
    from api.holder import IndexHolder
    from api.main import create_app
    from assistant.answering.service import Assistant
    from assistant.config import Settings
    from tests.fakes import FakeEmbedder

    class SlowEmbedder(FakeEmbedder):
        def embed_passages(self, texts):
            time.sleep(0.3)
            return super().embed_passages(texts)

    corpus, index, cache, data, port = sys.argv[1:6]
    settings = Settings(corpus_dir=Path(corpus), index_dir=Path(index), cache_dir=Path(cache), data_dir=Path(data))
    holder = IndexHolder(settings, embedder=SlowEmbedder(), assistant_factory=Assistant)
    uvicorn.run(create_app(settings, holder), host="127.0.0.1", port=int(port), log_level="warning")
""")


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(settings, port: int) -> subprocess.Popen:
    args = [sys.executable, "-c", _SERVER, str(settings.corpus_dir), str(settings.index_dir),
            str(settings.cache_dir), str(settings.data_dir), str(port)]
    return subprocess.Popen(args, cwd=PROJECT, env={**os.environ, "PYTHONPATH": str(PROJECT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_until(check, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            result = check()
        except httpx.HTTPError:
            result = None
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError("timed out")


def _form(n: int) -> dict:
    return {"title": f"測試文件{n}", "issuer": "臺北市政府", "year_roc": "113"}


def test_queued_uploads_survive_sigterm_and_are_finished_after_restart(make_settings):
    settings = make_settings()
    port = _port()
    url = f"http://127.0.0.1:{port}"
    server = _start(settings, port)
    try:
        _wait_until(lambda: httpx.get(f"{url}/readyz").json()["ready"])
        ids = []
        for n in range(3):
            reply = httpx.post(f"{url}/api/documents", data=_form(n),
                               files={"file": (f"q{n}.txt", f"第{n}份測試文件的內容，關於青年住宅。\n".encode())})
            assert reply.status_code == 202, reply.text
            ids.append(reply.json()["id"])
        server.send_signal(signal.SIGTERM)
        server.wait(120)
    finally:
        server.kill()
    on_disk = {p.stem for p in DataDir(settings.data_dir).uploads.glob("*.json")}
    assert set(ids) <= on_disk, "every accepted upload is still on disk after SIGTERM"

    restarted = _start(settings, port)
    try:
        def all_done():
            replies = [httpx.get(f"{url}/api/documents/uploads/{i}") for i in ids]
            if any(r.status_code != 200 for r in replies):
                return None
            statuses = [r.json() for r in replies]
            return statuses if all(s["state"] in ("ready", "failed") for s in statuses) else None

        statuses = _wait_until(all_done, 180)
        assert [s["state"] for s in statuses] == ["ready"] * 3, statuses
        files = _wait_until(lambda: (r := httpx.get(f"{url}/api/documents")).status_code == 200
                            and {d["file"] for d in r.json()})
        assert {"q0.txt", "q1.txt", "q2.txt"} <= files
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(60)


def test_a_cli_upload_survives_a_failing_server_upload_rollback(make_settings):
    settings = make_settings()
    fake = FakeEmbedder()
    cli_done = threading.Event()
    server_doc = prepare(settings, "server.txt", "伺服器上傳的文件\n".encode(), UploadFields(**{**_form(1), "year_roc": 113}))
    cli_doc = prepare(settings, "cli.txt", "命令列上傳的文件\n".encode(), UploadFields(**{**_form(2), "year_roc": 113}))

    def failing_build():  # the server's build: the CLI upload lands meanwhile, then this build fails
        ingest(settings, cli_doc, lambda: open_index(settings, show_progress=False, embedder=fake)).close()
        cli_done.set()
        raise RuntimeError("injected failure")

    try:
        ingest(settings, server_doc, failing_build)
    except RuntimeError as exc:
        assert "injected" in str(exc)
    assert cli_done.is_set()
    served = {d.file for d in load_served_corpus(settings).documents if d.origin == "uploaded"}
    assert served == {"cli.txt"}, "the rollback removed only the server's own entry"
    index = open_index(settings, show_progress=False, embedder=fake)
    assert "cli.txt" in index.manifest["documents"] and "server.txt" not in index.manifest["documents"]
    index.close()


def test_after_a_kill_mid_rebuild_the_last_good_version_answers_while_rebuilding(make_settings):
    settings = make_settings()
    port = _port()
    url = f"http://127.0.0.1:{port}"
    data = DataDir(settings.data_dir)
    doc = prepare(settings, "big.txt", "".join(f"第{n}段：青年住宅與社會住宅的說明文字。\n" for n in range(400)).encode(),
                  UploadFields(**{**_form(9), "year_roc": 113}))
    with data.lock():  # an accepted document whose index is not built yet
        data.store("k", doc.source_name, doc.original, doc.extracted.text, doc.extracted.locations)
        data.put_entry(doc.name, doc.info.model_copy(update={"stored": "k"}))
    server = _start(settings, port)
    try:
        _wait_until(lambda: any(settings.index_dir.glob(".build-*")))  # the rebuild is running
    finally:
        server.send_signal(signal.SIGKILL)
        server.wait(30)

    restarted = _start(settings, port)
    try:
        started = time.monotonic()
        answer = _wait_until(lambda: (r := httpx.post(f"{url}/api/ask", json={"question": "社會局主辦的項目有哪些？"},
                                                      timeout=30)).status_code == 200 and r.json())
        elapsed = time.monotonic() - started
        still_building = any(settings.index_dir.glob(".build-*"))
        print(f"first answer {elapsed:.1f} s after the restart; rebuild still running: {still_building}")
        assert answer["items"], "answered from the last good version"
        assert still_building, "the answer came while the rebuild ran, not after it"
        ready = _wait_until(lambda: "big.txt" in {d["file"] for d in httpx.get(f"{url}/api/documents").json()}, 180)
        assert ready
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(60)
