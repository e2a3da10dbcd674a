"""Scale test, run by hand: grow the corpus to 10× and 100× and see how build time, latency and memory grow.

    .venv/bin/python evals/scale.py                  # factors 1, 10, 100; 3 answers timed per question type
    .venv/bin/python evals/scale.py --factors 1 10   # quicker (a few minutes)

How the corpus grows: every document is copied N times into a temporary corpus folder with its
manifest entry, and each copy's prose is perturbed (a copy-specific two-character word after the
first 。 of every line that has one), so copies are not identical texts and the vocabulary grows.
Table cells, item numbers, statuses and agencies are untouched, so every copy parses to the same
records: the script checks that records grow exactly N× (passages grow about N×: a lengthened line
may be cut into one more passage).

The dense part uses a FAKE embedder (hashed character bigrams, 384 dimensions): embedding 100× the
passages with multilingual-e5-small would take hours on two cores. The real model's throughput is
measured separately on real passages and the real embedding time at each size is extrapolated from
it (embedding is linear in the number of passages; the content cache makes it a one-time cost).
Everything else (parsing, SQLite records, jieba + BM25, FAISS flat index, search, answering) is real.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import zlib
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev.jsonl"
SAMPLE_PASSAGES = 150  # for the real embedding throughput: a quarter of the corpus, its mix of lengths
FIRST_CJK = 0x4E00
CJK_SPAN = 0x9FA5 - 0x4E00


class HashingEmbedder:
    """FAKE embeddings for the scale test: character bigrams hashed into 384 dimensions (deterministic)."""

    model_id = "fake-hashing-bigram-384"
    dim = 384

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            vector[zlib.crc32((a + b).encode()) % self.dim] += 1.0
        norm = np.linalg.norm(vector)
        return vector / norm if norm else vector

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vector(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def embed_query(self, text: str) -> np.ndarray:
        return self._vector(text)


def copy_word(copy: int, line: int) -> str:
    """A pseudo-word unique to (copy, line): two CJK characters."""
    seed = zlib.crc32(f"{copy}:{line}".encode())
    return chr(FIRST_CJK + seed % CJK_SPAN) + chr(FIRST_CJK + (seed // CJK_SPAN) % CJK_SPAN)


def perturb(text: str, copy: int) -> str:
    """Copy 0 is the original; copy n inserts its own word after the first 。 of each line having one."""
    if copy == 0:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if "。" in line:
            lines[number] = line.replace("。", "。" + copy_word(copy, number), 1)
    return "\n".join(lines)


def build_scaled_corpus(source: Path, target: Path, factor: int) -> None:
    """`factor` perturbed copies of every manifest document, with a manifest listing them all."""
    manifest = yaml.safe_load((source / "manifest.yaml").read_text(encoding="utf-8"))
    documents = {}
    target.mkdir(parents=True)
    for name, entry in manifest["documents"].items():
        text = (source / name).read_text(encoding="utf-8")
        stem, suffix = name.rsplit(".", 1)
        for copy in range(factor):
            copy_name = name if copy == 0 else f"{stem}-x{copy:03d}.{suffix}"
            (target / copy_name).write_text(perturb(text, copy), encoding="utf-8")
            documents[copy_name] = entry
    (target / "manifest.yaml").write_text(yaml.safe_dump({"documents": documents}, allow_unicode=True),
                                          encoding="utf-8")


# --- workers (run in their own process) ----------------------------------------------------------


def sample_by_kind(questions: list, per_kind: int) -> list:
    """The first `per_kind` questions of each type (all of them if per_kind is 0), in file order."""
    taken: dict[str, int] = {}
    chosen = []
    for q in questions:
        if not per_kind or taken.get(q.type, 0) < per_kind:
            taken[q.type] = taken.get(q.type, 0) + 1
            chosen.append(q)
    return chosen


def worker_scale(corpus_dir: Path, work_dir: Path, per_kind: int) -> dict:
    """Build over `corpus_dir` with the fake embedder, then time search (every dev question) and
    answers (a sample per kind: answering time can grow faster than the corpus, which is the point)."""
    from assistant.answering.contract import Turn
    from assistant.answering.service import Assistant
    from assistant.config import Settings
    from assistant.corpus.manifest import load_corpus
    from assistant.evaluation.dataset import load_dev_set
    from assistant.evaluation.measure import Latency, own_peak_mb, timed_ms
    from assistant.index.retriever import HybridSearcher
    from assistant.index.store import build_index, load_version

    settings = Settings(corpus_dir=corpus_dir, index_dir=work_dir / "idx", cache_dir=work_dir / "cache",
                        llm_base_url=None)
    embedder = HashingEmbedder()
    build_s, folder = timed_ms(build_index, settings, load_corpus(corpus_dir), embedder, show_progress=False)
    load_s, index = timed_ms(load_version, folder, settings.embed_threads, embedder)
    init_s, assistant = timed_ms(Assistant, index, settings)
    searcher = HybridSearcher(index)
    questions = load_dev_set(DEV)
    searcher.search(questions[0].search_query, 10)  # warm-up
    search_ms = [timed_ms(searcher.search, q.search_query, 10)[0] for q in questions]
    answer_ms: dict[str, list[float]] = {}
    errors = 0
    for q in sample_by_kind(questions, per_kind):
        try:
            ms, _ = timed_ms(assistant.ask, q.question, [Turn(question=t.question) for t in q.history] or None)
        except Exception:  # noqa: BLE001 (counted; the measurement goes on)
            errors += 1
            continue
        answer_ms.setdefault(q.type, []).append(ms)
    return {
        "records": sum(d["records"] for d in index.manifest["documents"].values()),
        "passages": len(index.passages),
        "build_s": build_s / 1000, "load_s": load_s / 1000, "assistant_init_s": init_s / 1000,
        "search": vars(Latency.of(search_ms)),
        "answer": {kind: vars(Latency.of(v)) for kind, v in answer_ms.items()},
        "errors": errors,
        "peak_mb": own_peak_mb(),
        "index_mb": sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20,
    }


def worker_embed_rate() -> dict:
    """Throughput of the runtime index builds embed with, on real passages (heading + text, normalised)."""
    from assistant.config import Settings
    from assistant.corpus.lexicon import load_lexicon
    from assistant.corpus.manifest import load_corpus
    from assistant.index.embedder import passage_embedder
    from assistant.index.indexed_passage import index_passages
    from assistant.parsing.pipeline import parse_corpus

    settings = Settings()
    parsed = parse_corpus(load_corpus(ROOT / "corpus"))
    lexicon = load_lexicon()
    texts = [p.search_text() for d in parsed.documents
             for p in index_passages(d.document, d.passages, d.records, lexicon)]
    sample = texts[:: max(1, len(texts) // SAMPLE_PASSAGES)][:SAMPLE_PASSAGES]
    embedder = passage_embedder(settings)  # the runtime index builds use
    embedder.embed_passages(sample[:2])  # load and warm the model
    started = time.perf_counter()
    embedder.embed_passages(sample)
    seconds = time.perf_counter() - started
    return {"passages_per_s": len(sample) / seconds, "sample": len(sample),
            "mean_chars": sum(map(len, sample)) / len(sample)}


# --- orchestration -------------------------------------------------------------------------------


def run_worker(args: list[str]) -> dict:
    from assistant.evaluation.measure import run_measured

    measured = run_measured([sys.executable, __file__, *args], cwd=str(ROOT))
    if not measured.ok:
        raise SystemExit(f"worker {args} failed ({measured.returncode}):\n{measured.stderr[-2000:]}")
    return {**json.loads(measured.stdout.strip().splitlines()[-1]), "process_peak_mb": measured.peak_mb}


def growth(value: float | None, base: float | None) -> str:
    return "" if not value or not base else f" ({value / base:.1f}×)"


def print_row(factor: int, row: dict, base: dict, base_factor: int) -> None:
    exact = "exactly" if row["records"] == base["records"] * factor // base_factor else "NOT exactly"
    print(f"{factor:>4}×  {row['records']:>7} records ({exact} {factor // base_factor}×), {row['passages']:>7} passages"
          f"{growth(row['passages'], base['passages'])}, index {row['index_mb']:.0f} MB"
          f"{growth(row['index_mb'], base['index_mb'])}, {row['errors']} answer errors")
    print(f"       build {row['build_s']:7.1f} s with fake vectors{growth(row['build_s'], base['build_s'])}"
          f" + real embedding ≈ {row['real_embedding_s']:.0f} s (extrapolated, first build only); "
          f"load {row['load_s']:.1f} s, assistant init {row['assistant_init_s']:.1f} s"
          f"{growth(row['assistant_init_s'], base['assistant_init_s'])}")
    s = row["search"]
    print(f"       search ({s['n']} queries) p50 {s['p50_ms']:.1f} ms{growth(s['p50_ms'], base['search']['p50_ms'])}, "
          f"p95 {s['p95_ms']:.1f} ms{growth(s['p95_ms'], base['search']['p95_ms'])}")
    base_p50 = {kind: lat["p50_ms"] for kind, lat in base["answer"].items()}
    answers = ", ".join(f"{kind} {lat['p50_ms']:.0f}/{lat['p95_ms']:.0f}{growth(lat['p50_ms'], base_p50.get(kind))}"
                        for kind, lat in row["answer"].items())
    print(f"       answer p50/p95 ms: {answers}")
    peak = row["process_peak_mb"]
    print(f"       peak memory {peak:.0f} MB{growth(peak, base['process_peak_mb'])}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--per-kind", type=int, default=3,
                        help="answers timed per question type at each size (0 = every dev question)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--worker", choices=["scale", "embed-rate"], help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker == "scale":
        print(json.dumps(worker_scale(args.corpus, args.work, args.per_kind)))
        return 0
    if args.worker == "embed-rate":
        print(json.dumps(worker_embed_rate()))
        return 0

    print("scale test · dense vectors from a FAKE hashing embedder (real e5 at 100× would take hours); "
          "real embedding time extrapolated from measured throughput", flush=True)
    rate = run_worker(["--worker", "embed-rate"])
    print(f"real multilingual-e5-small throughput: {rate['passages_per_s']:.1f} passages/s "
          f"(sample of {rate['sample']}, mean {rate['mean_chars']:.0f} chars)\n", flush=True)
    rows: dict[int, dict] = {}
    factors = sorted(set(args.factors))
    with tempfile.TemporaryDirectory(prefix="policy-qa-scale-") as tmp:
        for factor in factors:
            corpus = Path(tmp) / f"corpus-{factor}x"
            build_scaled_corpus(ROOT / "corpus", corpus, factor)
            work = Path(tmp) / f"work-{factor}x"
            work.mkdir()
            row = run_worker(["--worker", "scale", "--corpus", str(corpus), "--work", str(work),
                              "--per-kind", str(args.per_kind)])
            row["real_embedding_s"] = row["passages"] / rate["passages_per_s"]
            rows[factor] = row
            print_row(factor, row, rows[factors[0]], factors[0])
            shutil.rmtree(corpus)
            shutil.rmtree(work)
    if args.json:
        args.json.write_text(json.dumps({"embed_rate": rate, "factors": rows}, indent=1), encoding="utf-8")
        print(f"\nfigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
