"""Two app servers on one PostgreSQL, measured by hand (the test, tests/reliability/test_two_servers.py,
checks the same without timing):

    .venv/bin/python evals/two_servers.py [--uploads 5] [--clients 32] [--seconds 30]

Starts a PostgreSQL + pgvector here (`assistant.storage.postgres.local`, durable), then two servers
(`evals/scale.py --worker serve`: the real service over the bundled corpus, with scale.py's fake
hashing embedder, so no build needs the model) on free ports of 127.0.0.1, each with its own data and
cache folders. Prints: each server's start-up; for `--uploads` uploads and withdrawals, alternately
through one server and the other, how long after the change was ready on one it was served by the other;
`evals/load.py` with half the clients on each server at once (errors, throughput, latency, memory); and a
server killed (SIGKILL) just after accepting an upload: what the other serves, and a retry through it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
NAME = "two-servers.txt"
TEXT = "臺北市113年青年住宅租金補貼說明\n申請資格：設籍本市之青年。\n"
FIELDS = {"title": "青年住宅租金補貼說明", "issuer": "臺北市政府都市發展局", "year_roc": "113"}


class Server:
    def __init__(self, corpus: Path, work: Path, env: dict[str, str]):
        from assistant.storage.postgres.local import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        work.mkdir(parents=True)
        self.started = time.monotonic()
        self.process = subprocess.Popen([sys.executable, str(ROOT / "evals" / "scale.py"), "--worker", "serve",
                                         "--corpus", str(corpus), "--work", str(work), "--port", str(self.port)],
                                        cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                        stderr=open(work / "stderr.log", "wb"))
        self.client = httpx.Client(base_url=self.url, timeout=60)

    def ready(self, deadline_s: float = 600) -> float:
        """Seconds from the process start until /readyz said ready."""
        end = time.monotonic() + deadline_s
        while time.monotonic() < end:
            if self.process.poll() is not None:
                raise SystemExit(f"the server on port {self.port} exited ({self.process.returncode})")
            try:
                if self.client.get("/readyz").status_code == 200:
                    return time.monotonic() - self.started
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        raise SystemExit("a server never became ready")

    def version(self) -> str | None:
        return self.client.get("/readyz").json().get("index_version")

    def finished(self, response: httpx.Response) -> dict:
        if response.status_code != 202:
            raise SystemExit(f"the change was refused: {response.status_code} {response.text}")
        upload_id = response.json()["id"]
        while True:
            status = self.client.get(f"/api/documents/uploads/{upload_id}").json()
            if status["state"] in ("ready", "failed"):
                return status
            time.sleep(0.02)

    def upload(self) -> httpx.Response:
        return self.client.post("/api/documents", files={"file": (NAME, TEXT.encode(), "text/plain")}, data=FIELDS)

    def withdraw(self) -> httpx.Response:
        return self.client.delete(f"/api/documents/{NAME}")

    def stop(self) -> None:
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(60)


def _seen_after(change_ready: float, other: Server, version: str) -> float:
    while other.version() != version:
        time.sleep(0.01)
    return time.monotonic() - change_ready


def _load(servers: list[Server], clients: int, seconds: float, work: Path) -> list[dict]:
    """evals/load.py against every server at once, the clients split evenly."""
    runs = []
    for n, server in enumerate(servers):
        report = work / f"load-{n}.json"
        runs.append((report, subprocess.Popen(
            [sys.executable, str(ROOT / "evals" / "load.py"), "--url", server.url, "--pid", str(server.process.pid),
             "--clients", str(clients // len(servers)), "--duration", str(seconds), "--json", str(report),
             "--seed", str(7 + n)], cwd=ROOT, stdout=subprocess.DEVNULL)))
    for _, process in runs:
        process.wait()
    return [json.loads(report.read_text(encoding="utf-8")) for report, _ in runs]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uploads", type=int, default=5, help="uploads and withdrawals timed")
    parser.add_argument("--clients", type=int, default=32, help="load clients, split over both servers")
    parser.add_argument("--seconds", type=float, default=30.0, help="load test length")
    args = parser.parse_args(argv)

    from assistant.storage.postgres.local import LocalPostgres

    with tempfile.TemporaryDirectory(prefix="policy-qa-two-") as tmp:
        base = Path(tmp)
        corpus = base / "corpus"
        shutil.copytree(ROOT / "corpus", corpus)
        pg = LocalPostgres(base / "postgres", durable=True).start()
        pg.create_database("two")
        env = {**os.environ, "ASSISTANT_DATABASE_URL": pg.url("two"), "ASSISTANT_LOG_LEVEL": "WARNING"}
        servers: list[Server] = []
        try:
            servers.append(Server(corpus, base / "a", env))
            print(f"server A ready (first build of the database included) in {servers[0].ready():.1f} s", flush=True)
            servers.append(Server(corpus, base / "b", env))
            print(f"server B ready in {servers[1].ready():.1f} s", flush=True)
            a, b = servers

            seen: list[float] = []
            for n in range(args.uploads):
                one, other = (a, b) if n % 2 == 0 else (b, a)
                for change in (one.upload, one.withdraw):
                    status = one.finished(change())
                    if status["state"] != "ready":
                        raise SystemExit(f"a change failed: {status}")
                    seen.append(_seen_after(time.monotonic(), other, status["index_version"]))
            print(f"{len(seen)} changes (uploads and withdrawals, alternately through A and B): served by the other "
                  f"server {statistics.median(seen) * 1000:.0f} ms (median) / {max(seen) * 1000:.0f} ms (max) "
                  "after ready on the first", flush=True)

            reports = _load(servers, args.clients, args.seconds, base)
            total = sum(r["requests"] for r in reports)
            errors = sum(r["errors"] for r in reports)
            print(f"load: {args.clients} clients over both × {args.seconds:.0f} s: {total} requests, {errors} errors, "
                  f"{sum(r['throughput_rps'] for r in reports):.1f} req/s", flush=True)
            for name, r in zip("AB", reports):
                lat = r["latency"]
                print(f"  server {name}: {r['requests']} requests, {r['errors']} errors, p50 {lat.get('p50_ms')} / "
                      f"p95 {lat.get('p95_ms')} / p99 {lat.get('p99_ms')} ms, RSS max {r['rss'].get('max_mb')} MB")

            before = b.version()
            accepted = a.upload()
            a.process.send_signal(signal.SIGKILL)
            a.process.wait(30)
            time.sleep(2 * float(os.environ.get("ASSISTANT_DATABASE_POLL_S", "2")))
            after = b.version()
            listed = NAME in {d["file"] for d in b.client.get("/api/documents").json()}
            print(f"server A killed just after accepting an upload ({accepted.status_code}): B serves "
                  f"{'the same version' if after == before else 'a new version'} ({'with' if listed else 'without'} "
                  "the upload)", flush=True)
            if listed:
                status = b.finished(b.withdraw())
                print(f"  its transaction had committed; withdrawn through B: {status['state']}")
            status = b.finished(b.upload())
            print(f"  the upload again through B: {status['state']}; B now serves it: "
                  f"{NAME in {d['file'] for d in b.client.get('/api/documents').json()}}")
        finally:
            for server in servers:
                server.stop()
            pg.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
