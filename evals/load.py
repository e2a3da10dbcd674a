"""Bounded load test: many concurrent clients asking the dev questions through POST /api/ask.

    .venv/bin/python evals/load.py                       # starts `assistant serve` on a free port (real index)
    .venv/bin/python evals/load.py --clients 32 --duration 60 --json evals/reports/load.json
    .venv/bin/python evals/load.py --url http://127.0.0.1:8000 --pid 12345   # an already running server

Each client (an httpx asyncio task) asks the questions of evals/dev.jsonl (every kind, with their
history) in its own seeded order, one request at a time, until the duration or the request cap is
reached, so the run always stops by itself. It reports throughput, latency p50/p95/p99 (overall and
per question kind), every error (non-200 status or transport failure), and the server's resident
memory (VmRSS from /proc/<pid>/status, summed over its worker processes) before the load, half-way
and at the end: flat memory means no growth per request. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev.jsonl"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
READY_TIMEOUT_S = 600  # the first start may build the real index


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    rss_kb: list[tuple[float, int]] = field(default_factory=list)


def load_questions(path: Path = DEV) -> list[dict]:
    """Every dev question as a request body, tagged with its kind."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [{"kind": row["type"], "body": {"question": row["question"], "history": row.get("history", [])}}
            for row in rows]


def _own_rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0  # a zombie has no VmRSS line


def _children(pid: int) -> list[int]:
    return [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
            for c in (task / "children").read_text().split()]


def rss_kb(pid: int) -> int:
    """Resident memory of the server and every process under it (uvicorn workers), summed."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            total += _own_rss_kb(current)
            todo += _children(current)
        except FileNotFoundError:  # exited between two reads
            continue
    return total


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


async def client_loop(client: httpx.AsyncClient, questions: list[dict], seed: int, deadline: float,
                      budget: list[int], results: Results) -> None:
    order = questions[:]
    random.Random(seed).shuffle(order)
    n = 0
    while time.monotonic() < deadline and budget[0] > 0:
        budget[0] -= 1
        question = order[n % len(order)]
        n += 1
        start = time.perf_counter()
        try:
            reply = await client.post("/api/ask", json=question["body"])
            if reply.status_code != 200:
                results.errors[f"HTTP {reply.status_code}"] += 1
                continue
            reply.json()
        except (httpx.HTTPError, ValueError) as exc:
            results.errors[type(exc).__name__] += 1
            continue
        results.latencies[question["kind"]].append(time.perf_counter() - start)


async def sample_memory(pid: int | None, results: Results, started: float, every_s: float = 1.0) -> None:
    while pid is not None:
        results.rss_kb.append((time.monotonic() - started, rss_kb(pid)))
        await asyncio.sleep(every_s)


async def run_load(url: str, pid: int | None, clients: int, duration_s: float, max_requests: int,
                   timeout_s: float, seed: int) -> tuple[Results, float]:
    questions = load_questions()
    results = Results()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=timeout_s, limits=limits) as client:
        started = time.monotonic()
        sampler = asyncio.create_task(sample_memory(pid, results, started))
        budget = [max_requests]
        deadline = started + duration_s
        await asyncio.gather(*(client_loop(client, questions, seed + c, deadline, budget, results)
                               for c in range(clients)))
        elapsed = time.monotonic() - started
        sampler.cancel()
    if pid is not None:
        results.rss_kb.append((elapsed, rss_kb(pid)))
    return results, elapsed


def summarise(results: Results, elapsed: float, clients: int) -> dict:
    everything = [t for values in results.latencies.values() for t in values]

    def stats(values: list[float]) -> dict:
        return {"n": len(values), "p50_ms": round(percentile(values, 50) * 1000, 1),
                "p95_ms": round(percentile(values, 95) * 1000, 1),
                "p99_ms": round(percentile(values, 99) * 1000, 1),
                "mean_ms": round(statistics.fmean(values) * 1000, 1)} if values else {"n": 0}

    memory = {}
    if results.rss_kb:
        samples = results.rss_kb
        middle = min(samples, key=lambda s: abs(s[0] - elapsed / 2))
        memory = {"start_mb": round(samples[0][1] / 1024, 1), "middle_mb": round(middle[1] / 1024, 1),
                  "end_mb": round(samples[-1][1] / 1024, 1), "max_mb": round(max(s[1] for s in samples) / 1024, 1),
                  "growth_middle_to_end_mb": round((samples[-1][1] - middle[1]) / 1024, 1)}
    return {"clients": clients, "seconds": round(elapsed, 1), "requests": len(everything) + sum(results.errors.values()),
            "ok": len(everything), "errors": sum(results.errors.values()), "error_kinds": dict(results.errors),
            "throughput_rps": round(len(everything) / elapsed, 1) if elapsed else 0.0,
            "latency": stats(everything), "by_kind": {kind: stats(v) for kind, v in sorted(results.latencies.items())},
            "rss": memory}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    """`assistant serve` on 127.0.0.1 with the default settings (the real index), logs to a temp file."""
    env = {**os.environ, "ASSISTANT_HOST": "127.0.0.1", "ASSISTANT_PORT": str(port)}
    env.pop("ASSISTANT_API_KEY", None)
    with open(Path(os.environ.get("TMPDIR", "/tmp")) / f"load-server-{port}.log", "w") as log:  # the child keeps its copy
        return subprocess.Popen([str(Path(sys.executable).with_name("assistant")), "serve"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)


def wait_ready(url: str, server: subprocess.Popen | None, timeout_s: float = READY_TIMEOUT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode} before it was ready")
        try:
            if httpx.get(f"{url}/readyz", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} was not ready within {timeout_s:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server on 127.0.0.1 (default: start one on a free port)")
    parser.add_argument("--pid", type=int, help="that server's process id, to sample its memory")
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests")
    parser.add_argument("--timeout", type=float, default=30.0, help="per-request timeout in seconds")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    server = None
    if args.url:
        url, pid = args.url.rstrip("/"), args.pid
        if urlsplit(url).hostname not in LOCAL_HOSTS:
            parser.error("only a server on 127.0.0.1 may be load-tested")
    else:
        port = free_port()
        server = start_server(port)
        url, pid = f"http://127.0.0.1:{port}", server.pid
    try:
        wait_ready(url, server)
        results, elapsed = asyncio.run(run_load(url, pid, args.clients, args.duration, args.max_requests,
                                                args.timeout, args.seed))
    finally:
        if server is not None:
            server.terminate()
            server.wait(30)
    summary = summarise(results, elapsed, args.clients)
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    return 1 if summary["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
