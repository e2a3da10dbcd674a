"""HTTP overhead per ask: the same answers through POST /api/ask on 127.0.0.1 and straight from the library.

    .venv/bin/python evals/http_overhead.py [--rounds 5] [--json figures.json]

Serves the app with uvicorn in this process (the protocol `assistant serve` uses, LLM off) and asks
every dev question, with its history, over one kept-alive connection, one request at a time, after
a warm-up round. Two figures:
- replay: the app answers from responses computed beforehand, so the round trip is the HTTP layer
  alone (reading and validating the request, the hop to a pool thread, encoding the reply, the
  loopback) against the library call that returns the same object. This is the overhead figure.
- real: the real Assistant through HTTP and called directly, per question; the median of the
  per-question differences. Noisier: answer times vary by more than the overhead.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev.jsonl"
TARGET_MS = 1.0


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def serve(app: object) -> int:
    """Run `app` with uvicorn on a free port of 127.0.0.1 in a daemon thread; its port."""
    import uvicorn

    from api.protocol import TimedHttpToolsProtocol

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, http=TimedHttpToolsProtocol, loop="uvloop", lifespan="off",
                                           log_level="warning"))
    threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not server.started:
        time.sleep(0.01)
    return sock.getsockname()[1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds over the dev questions")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)

    from api.holder import IndexHolder
    from api.main import create_app
    from assistant.answering.contract import AnswerResponse, Turn
    from assistant.answering.service import Assistant
    from assistant.config import Settings
    from assistant.index.store import open_index

    settings = Settings(llm_base_url=None)
    index = open_index(settings, show_progress=False)
    real = Assistant(index, settings)
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    asks = [(row["question"], [Turn(question=t["question"]) for t in row.get("history", [])]) for row in rows]
    answers = {(q, tuple(t.question for t in h)): real.ask(q, h or None) for q, h in asks}

    class Replay:
        """Answers with the response computed beforehand for the same question and history."""

        def __init__(self, *_: object) -> None:
            pass

        def ask(self, question: str, history: list[Turn] | None = None, *_: object) -> AnswerResponse:
            return answers[(question, tuple(t.question for t in history or []))]

    replay = Replay()
    ports = {}
    for name, assistant in (("replay", replay), ("real", real)):
        holder = IndexHolder(settings, assistant_factory=lambda *_, a=assistant: a)  # type: ignore[misc]
        holder.install(index)
        ports[name] = serve(create_app(settings, holder))
    bodies = [json.dumps({"question": q, "history": [{"question": t.question} for t in h]}).encode() for q, h in asks]

    def over_http(port: int) -> list[float]:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        times = []
        for body in bodies:
            started = time.perf_counter()
            connection.request("POST", "/api/ask", body=body, headers={"Content-Type": "application/json"})
            reply = connection.getresponse()
            reply.read()
            times.append((time.perf_counter() - started) * 1000)
            if reply.status != 200:
                raise SystemExit(f"HTTP {reply.status} for {body[:80]!r}")
        connection.close()
        return times

    def direct(assistant: object) -> list[float]:
        times = []
        for question, history in asks:
            started = time.perf_counter()
            assistant.ask(question, history or None)  # type: ignore[attr-defined]
            times.append((time.perf_counter() - started) * 1000)
        return times

    samples: dict[str, list[list[float]]] = {"replay_http": [], "replay_lib": [], "real_http": [], "real_lib": []}
    for round_ in range(args.rounds + 1):  # round 0 warms up and is not counted
        measured = {"replay_http": over_http(ports["replay"]), "replay_lib": direct(replay),
                    "real_http": over_http(ports["real"]), "real_lib": direct(real)}
        if round_:
            for name, times in measured.items():
                samples[name].append(times)

    flat = {name: [t for times in rounds for t in times] for name, rounds in samples.items()}
    per_question = [statistics.median(r[i] for r in samples["real_http"]) -
                    statistics.median(r[i] for r in samples["real_lib"]) for i in range(len(asks))]
    overhead_p50 = percentile(flat["replay_http"], 50) - percentile(flat["replay_lib"], 50)
    figures = {
        "requests": len(flat["replay_http"]),
        "replay_http_ms": {"p50": percentile(flat["replay_http"], 50), "p95": percentile(flat["replay_http"], 95)},
        "replay_library_ms": {"p50": percentile(flat["replay_lib"], 50)},
        "overhead_ms": {"p50": overhead_p50,
                        "p95": percentile(flat["replay_http"], 95) - percentile(flat["replay_lib"], 50)},
        "real_http_ms": {"p50": percentile(flat["real_http"], 50)},
        "real_library_ms": {"p50": percentile(flat["real_lib"], 50)},
        "real_difference_ms": {"median": statistics.median(per_question)},
    }
    verdict = "ok" if overhead_p50 <= TARGET_MS else "MISSED"
    print(f"HTTP overhead per ask, {figures['requests']} requests on one kept-alive connection:")
    print(f"  replay (HTTP layer only): p50 {overhead_p50:.2f} ms, p95 {figures['overhead_ms']['p95']:.2f} ms "
          f"over the library call (target ≤ {TARGET_MS:g} ms: {verdict})")
    print(f"  real answers: library p50 {figures['real_library_ms']['p50']:.1f} ms, HTTP p50 "
          f"{figures['real_http_ms']['p50']:.1f} ms, per-question median difference "
          f"{figures['real_difference_ms']['median']:.2f} ms")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
