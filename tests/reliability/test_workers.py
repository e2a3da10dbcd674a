"""Several uvicorn workers share one index folder safely: `assistant serve` with ASSISTANT_WORKERS=2 over a
copy of the real index answers the same from every worker, leaves the folder as it was, and, when the
records file is damaged under it, both workers recover from one rebuild (503s meanwhile, never a 500)."""

import os
import shutil
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from assistant.index.store import CURRENT, load_version

PROJECT = Path(__file__).resolve().parents[2]
WORKERS = 2
QUESTIONS = ["社會局主辦、仍為B執行中的項目有哪些？", "秘書處112年度預算數是多少？", "社會局主辦的項目有幾項？"]
START_S = 180
RECOVER_S = 180


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _workers_of(pid: int) -> int:
    children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir() for c in (task / "children").read_text().split()]
    return sum("spawn_main" in Path(f"/proc/{c}/cmdline").read_text() for c in children)


@pytest.fixture
def server(real_index, tmp_path):
    """`assistant serve` with two workers over a private copy of the real index, on a free port."""
    index_dir = tmp_path / "indexes"
    index_dir.mkdir()
    shutil.copy2(real_index.folder.parent / CURRENT, index_dir / CURRENT)
    shutil.copytree(real_index.folder, index_dir / real_index.folder.name)
    port = _free_port()
    env = {**{k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")},
           "ASSISTANT_INDEX_DIR": str(index_dir), "ASSISTANT_WORKERS": str(WORKERS), "ASSISTANT_THREADS": "1",
           "ASSISTANT_PORT": str(port), "ASSISTANT_LOG_LEVEL": "WARNING"}
    with open(tmp_path / "server.log", "wb") as log:
        process = subprocess.Popen([str(Path(sys.executable).with_name("assistant")), "serve"], cwd=PROJECT, env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_S
        ready = 0
        while ready < 2 * WORKERS:  # several answers in a row, from whichever workers take them
            assert process.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the workers did not get ready"
            try:
                ready = ready + 1 if httpx.get(f"{url}/readyz", timeout=5).status_code == 200 else 0
            except httpx.HTTPError:
                ready = 0
            time.sleep(0.2)
        yield url, process, index_dir / real_index.folder.name
    finally:
        process.terminate()
        process.wait(60)


def _ask(url: str, question: str) -> httpx.Response:
    return httpx.post(f"{url}/api/ask", json={"question": question}, timeout=120,
                      headers={"Connection": "close"})  # a new connection each time, to reach every worker


def _records(url: str) -> httpx.Response:
    return httpx.get(f"{url}/api/records", params={"主辦": "社會局"}, timeout=120, headers={"Connection": "close"})


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file() and not p.name.startswith("derived-")}


def test_two_workers_share_one_index_folder_and_recover_together(server):
    url, process, version = server
    assert _workers_of(process.pid) == WORKERS
    before = _files(version)

    with ThreadPoolExecutor(8) as pool:
        replies = list(pool.map(lambda i: (QUESTIONS[i % 3], _ask(url, QUESTIONS[i % 3])), range(24)))
    assert {r.status_code for _, r in replies} == {200}
    answers: dict[str, set[str]] = {}
    for question, reply in replies:
        answers.setdefault(question, set()).add(reply.text)
    assert all(len(texts) == 1 for texts in answers.values()), "every worker answers the same"
    assert _files(version) == before, "serving changed nothing in the shared folder"
    assert {p.name for p in version.parent.iterdir()} - {".lock"} == {CURRENT, version.name}

    (version / "records.sqlite").write_bytes(b"damaged under both workers" * 64)
    statuses: Counter[int] = Counter()
    deadline = time.monotonic() + RECOVER_S
    recovered = 0
    while recovered < 4 * WORKERS:  # answers in a row again, on fresh connections: every worker has recovered
        assert time.monotonic() < deadline, f"not recovered: {statuses}"
        with ThreadPoolExecutor(WORKERS) as pool:  # the records query reads the damaged file in every worker
            batch = list(pool.map(lambda _: _records(url).status_code, range(WORKERS)))
        statuses.update(batch)
        recovered = recovered + len(batch) if set(batch) == {200} else 0
        time.sleep(0.2)
    assert set(statuses) <= {200, 503} and statuses[503], statuses
    leftovers = [p.name for p in version.parent.iterdir() if p.name.startswith(".build-")]
    assert not leftovers and (version.parent / CURRENT).read_text().strip() == version.name
    load_version(version)  # the rebuilt version is complete: every checksum verifies
