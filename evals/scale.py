"""Scale test, run by hand: grow the corpus to 10× and 100× with distinct documents and see what grows.

    .venv/bin/python evals/scale.py                          # factors 1, 10, 100 (about an hour on 2 cores)
    .venv/bin/python evals/scale.py --factors 1 10 --load-seconds 0   # quicker, no load test
    .venv/bin/python evals/scale.py --backend postgres       # the same on PostgreSQL + pgvector

`--backend postgres` runs every step against one database per size in a PostgreSQL 16 + pgvector
started here (`assistant.storage.postgres.local`, durable: fsync on), through the storage interface the
server uses; the build's "index" size is then the database's size (`pg_database_size`).

How the corpus grows: `evals/scale_corpus.py` turns copy n of every document into another document
the city could publish (other agencies, later periods of the same series, renamed items), so
records grow N× but a question that names no period still answers from one document per series:
lists do not multiply, and list answers are also reported per returned row.

At each size, each step in its own process (its peak memory is its own):
  1. build: the index from nothing, then one upload through the ingestion path (another period of
     the 白皮書 table, the same at every size: an incremental update), its withdrawal and the upload
     again;
  2. start-up, twice in fresh processes: `load_version` (checksums, records, passages, segmenter)
     and `Assistant(...)` (the first start-up computes what `assistant.index.derived` keeps; the
     second reads it back);
  3. answers: `--per-kind` dev questions of each type, timed (p50/p95 per kind, list ms per row),
     and hybrid search for every dev question;
  4. load (`--load-seconds`, `--clients`): `evals/load.py` against the API served over this index.

The dense part uses a FAKE embedder (hashed character bigrams, 384 dimensions): embedding 100× the
passages with multilingual-e5-small would take hours on two cores. The real model's throughput is
measured on real passages and the real embedding time at each size is extrapolated from it (a
one-time cost thanks to the content cache). Everything else (parsing, SQLite, records, jieba + BM25,
FAISS flat index, question reading, answering, HTTP) is real.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_corpus import build_scaled_corpus, derive, name_terms  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "evals" / "dev.jsonl"
SAMPLE_PASSAGES = 150  # for the real embedding throughput: a quarter of the corpus, its mix of lengths
UPLOADED = "000_a326a7c91818490c.txt"  # the document whose earlier period (copy -1: 111年下半年) is uploaded


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


def _settings(work: Path, corpus: Path):
    """The settings of every step; the database (PostgreSQL backend) comes in ASSISTANT_DATABASE_URL."""
    from assistant.config import Settings

    return Settings(corpus_dir=corpus, index_dir=work / "idx", cache_dir=work / "cache", data_dir=work / "data",
                    llm_base_url=None)


def _storage(work: Path, corpus: Path):
    from assistant.storage import open_storage

    return open_storage(_settings(work, corpus), HashingEmbedder())


def sample_by_kind(questions: list, per_kind: int) -> list:
    """The first `per_kind` questions of each type (all of them if per_kind is 0), in file order."""
    taken: dict[str, int] = {}
    chosen = []
    for q in questions:
        if not per_kind or taken.get(q.type, 0) < per_kind:
            taken[q.type] = taken.get(q.type, 0) + 1
            chosen.append(q)
    return chosen


# --- workers (run in their own process) ----------------------------------------------------------


def worker_build(corpus: Path, work: Path, factor: int) -> dict:
    """The index from nothing, then one upload (incremental) and its withdrawal, all with fake vectors."""
    from assistant.evaluation.measure import timed_ms
    from assistant.index.ingestion import UploadFields, prepare

    settings = _settings(work, corpus)
    storage = _storage(work, corpus)
    build_ms, index = timed_ms(lambda: storage.open(show_progress=False))

    manifest = yaml.safe_load((ROOT / "corpus" / "manifest.yaml").read_text(encoding="utf-8"))["documents"]
    original = (ROOT / "corpus" / UPLOADED).read_text(encoding="utf-8")
    text, entry = derive(original, manifest[UPLOADED], -1, name_terms(original, manifest[UPLOADED]))
    fields = UploadFields(title=entry["title"], issuer=entry["issuer"], year_roc=entry["year_roc"],
                          half=entry.get("half"), series=entry.get("series"), kind=entry["kind"])
    name = f"upload-{factor}x.txt"

    def upload():
        return storage.ingest(prepare(settings, name, text.encode(), fields, served=storage.served_corpus()))

    upload_ms, uploaded = timed_ms(upload)
    withdraw_ms, withdrawn = timed_ms(lambda: storage.withdraw(name))
    again_ms, again = timed_ms(upload)
    return {
        "records": sum(d["records"] for d in index.manifest["documents"].values()),
        "passages": len(index.passages), "documents": len(index.manifest["documents"]),
        "build_s": build_ms / 1000, "upload_s": upload_ms / 1000, "withdraw_s": withdraw_ms / 1000,
        "upload_again_s": again_ms / 1000,
        "upload_update": uploaded.manifest.get("update"), "withdraw_update": withdrawn.manifest.get("update"),
        "index_mb": _stored_mb(storage, again.folder),
    }


def _stored_mb(storage, folder: Path) -> float:
    """What one version takes: its folder (embedded), or the whole database (PostgreSQL)."""
    if storage.name == "postgres":
        with storage.database.connection() as conn:
            return conn.execute("SELECT pg_database_size(current_database())").fetchone()[0] / 2**20
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def worker_startup(corpus: Path, work: Path) -> dict:
    """A fresh process opening the CURRENT version and the assistant over it."""
    started = time.perf_counter()
    from assistant.answering.service import Assistant
    from assistant.index.store import served_settings

    imported = time.perf_counter()
    settings = _settings(work, corpus)
    index = _storage(work, corpus).load_current()
    loaded = time.perf_counter()
    Assistant(index, served_settings(settings, index))
    ready = time.perf_counter()
    return {"import_s": imported - started, "load_s": loaded - imported, "assistant_s": ready - loaded,
            "startup_s": ready - imported}


def worker_answers(corpus: Path, work: Path, per_kind: int) -> dict:
    """Answer latency per kind (and per returned row for lists), and hybrid search for every question."""
    from assistant.answering.contract import Turn
    from assistant.answering.service import Assistant
    from assistant.evaluation.dataset import load_dev_set
    from assistant.evaluation.measure import Latency, timed_ms
    from assistant.index.retriever import HybridSearcher
    from assistant.index.store import served_settings

    settings = _settings(work, corpus)
    index = _storage(work, corpus).load_current()
    assistant = Assistant(index, served_settings(settings, index))
    searcher = HybridSearcher(index)
    questions = load_dev_set(DEV)
    searcher.search(questions[0].search_query, 10)  # warm-up
    search_ms = [timed_ms(searcher.search, q.search_query, 10)[0] for q in questions]
    answer_ms: dict[str, list[float]] = {}
    per_row: list[float] = []
    rows: list[int] = []
    errors = 0
    sample = sample_by_kind(questions, per_kind)
    assistant.ask(sample[0].question)  # warm-up
    for q in sample:
        try:
            ms, response = timed_ms(assistant.ask, q.question, [Turn(question=t.question) for t in q.history] or None)
        except Exception:  # noqa: BLE001 (counted; the measurement goes on)
            errors += 1
            continue
        answer_ms.setdefault(q.type, []).append(ms)
        if q.type == "list":
            rows.append(len(response.items))
            if response.items:  # a list that found nothing (or was refused) has no rows to divide by
                per_row.append(ms / len(response.items))
    return {
        "search": vars(Latency.of(search_ms)),
        "answer": {kind: vars(Latency.of(v)) for kind, v in answer_ms.items()},
        "list_ms_per_row": vars(Latency.of(per_row)), "list_rows": rows, "errors": errors,
    }


def worker_serve(corpus: Path, work: Path, port: int) -> None:
    """The API over this index (fake query vectors), until terminated."""
    import uvicorn

    from api.holder import IndexHolder
    from api.main import create_app

    settings = _settings(work, corpus)
    app = create_app(settings, IndexHolder(settings, embedder=HashingEmbedder()))
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning")


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
    return {**json.loads(measured.stdout.strip().splitlines()[-1]), "peak_mb": measured.peak_mb,
            "wall_s": measured.wall_s}


def run_load(corpus: Path, work: Path, clients: int, seconds: float) -> dict:
    """evals/load.py against this index served in its own process."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, __file__, "--worker", "serve", "--corpus", str(corpus),
                               "--work", str(work), "--port", str(port)], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        report = work / "load.json"
        subprocess.run([sys.executable, str(ROOT / "evals" / "load.py"), "--url", f"http://127.0.0.1:{port}",
                        "--pid", str(server.pid), "--clients", str(clients), "--duration", str(seconds),
                        "--json", str(report)], cwd=ROOT, stdout=subprocess.DEVNULL, check=False)
        return json.loads(report.read_text(encoding="utf-8")) if report.is_file() else {"error": "no report"}
    finally:
        server.terminate()
        server.wait(60)


@contextmanager
def _database_server(backend: str, tmp: Path) -> Iterator:
    """A local PostgreSQL for `--backend postgres` (stopped afterwards), else None."""
    if backend != "postgres":
        yield None
        return
    from assistant.storage.postgres.local import LocalPostgres

    server = LocalPostgres(tmp / "postgres", durable=True).start()
    try:
        yield server
    finally:
        server.stop()


def growth(value: float | None, base: float | None) -> str:
    return "" if not value or not base else f" ({value / base:.1f}×)"


def fmt(lat: dict | None) -> str:
    if not lat or lat.get("p50_ms") is None:
        return "–"
    return f"{lat['p50_ms']:.0f}/{lat['p95_ms']:.0f}"


def print_row(factor: int, row: dict, base: dict) -> None:
    build, first, second, answers = row["build"], row["startup"][0], row["startup"][1], row["answers"]
    b = base
    print(f"{factor:>4}×  {build['documents']} documents, {build['records']} records"
          f"{growth(build['records'], b['build']['records'])}, {build['passages']} passages, "
          f"{'database' if row.get('backend') == 'postgres' else 'index'} {build['index_mb']:.0f} MB, {answers['errors']} answer errors")
    print(f"       build {build['build_s']:.1f} s (fake vectors) + real embedding ≈ {row['real_embedding_s']:.0f} s; "
          f"peak {row['build']['peak_mb']:.0f} MB")
    up = build["upload_update"]
    done = (f" ({up['documents_parsed']} parsed, {up['documents_reused']} reused, {up['passages_segmented']} passages "
            f"segmented, {up['passages_embedded']} embedded)") if up else ""
    print(f"       one upload {build['upload_s']:.2f} s{done}, "
          f"withdrawal {build['withdraw_s']:.2f} s, upload again {build['upload_again_s']:.2f} s")
    print(f"       start-up: first {first['startup_s']:.2f} s (load {first['load_s']:.2f} + assistant "
          f"{first['assistant_s']:.2f}), again {second['startup_s']:.2f} s (load {second['load_s']:.2f} + "
          f"assistant {second['assistant_s']:.2f}); peak {second['peak_mb']:.0f} MB")
    kinds = ", ".join(f"{k} {fmt(v)}" for k, v in sorted(answers["answer"].items()))
    listed = [n for n in answers["list_rows"] if n]
    print(f"       answer p50/p95 ms: {kinds}; list per row {fmt(answers['list_ms_per_row'])} ms "
          f"({len(listed)} of {len(answers['list_rows'])} lists with rows, {sum(listed)} rows); "
          f"search {fmt(answers['search'])} ms; peak {answers['peak_mb']:.0f} MB")
    load = row.get("load")
    if load and "throughput_rps" in load:
        lat = load["latency"]
        print(f"       load {load['clients']} clients × {load['seconds']:.0f} s: {load['throughput_rps']} req/s, "
              f"{load['errors']} errors, p50 {lat.get('p50_ms')} / p95 {lat.get('p95_ms')} / p99 {lat.get('p99_ms')} ms, "
              f"RSS max {load['rss'].get('max_mb')} MB")
    print(flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--factors", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--per-kind", type=int, default=8,
                        help="answers timed per question type at each size (0 = every dev question)")
    parser.add_argument("--load-seconds", type=float, default=20.0, help="load test length per size (0: none)")
    parser.add_argument("--clients", type=int, default=8, help="load test clients")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--backend", choices=["embedded", "postgres"], default="embedded",
                        help="storage backend (postgres: a local PostgreSQL + pgvector started here)")
    parser.add_argument("--worker", choices=["build", "startup", "answers", "serve", "embed-rate"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--work", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--factor", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        os.environ.setdefault("OMP_WAIT_POLICY", "passive")
        if args.worker == "serve":
            worker_serve(args.corpus, args.work, args.port)
            return 0
        result = {"build": lambda: worker_build(args.corpus, args.work, args.factor),
                  "startup": lambda: worker_startup(args.corpus, args.work),
                  "answers": lambda: worker_answers(args.corpus, args.work, args.per_kind),
                  "embed-rate": worker_embed_rate}[args.worker]()
        print(json.dumps(result))
        return 0

    print(f"scale test · {args.backend} backend · distinct documents (evals/scale_corpus.py) · dense vectors from a FAKE hashing embedder, "
          "real embedding time extrapolated from measured throughput", flush=True)
    rate = run_worker(["--worker", "embed-rate"])
    print(f"real multilingual-e5-small throughput: {rate['passages_per_s']:.1f} passages/s "
          f"(sample of {rate['sample']}, mean {rate['mean_chars']:.0f} chars)\n", flush=True)
    rows: dict[int, dict] = {}
    factors = sorted(set(args.factors))
    with tempfile.TemporaryDirectory(prefix="policy-qa-scale-") as tmp, _database_server(args.backend, Path(tmp)) as pg:
        for factor in factors:
            corpus, work = Path(tmp) / f"corpus-{factor}x", Path(tmp) / f"work-{factor}x"
            build_scaled_corpus(ROOT / "corpus", corpus, factor)
            work.mkdir()
            if pg is not None:  # every step's process (and the served app's) reads it from the environment
                pg.create_database(f"scale_{factor}x")
                os.environ["ASSISTANT_DATABASE_URL"] = pg.url(f"scale_{factor}x")
            common = ["--corpus", str(corpus), "--work", str(work)]
            row: dict = {"backend": args.backend,
                         "build": run_worker(["--worker", "build", "--factor", str(factor), *common])}
            row["startup"] = [run_worker(["--worker", "startup", *common]) for _ in range(2)]
            row["answers"] = run_worker(["--worker", "answers", "--per-kind", str(args.per_kind), *common])
            if args.load_seconds:
                row["load"] = run_load(corpus, work, args.clients, args.load_seconds)
            row["real_embedding_s"] = row["build"]["passages"] / rate["passages_per_s"]
            rows[factor] = row
            print_row(factor, row, rows[factors[0]])
            shutil.rmtree(corpus)
            shutil.rmtree(work)
            if pg is not None:
                pg.drop_database(f"scale_{factor}x")
    if args.json:
        args.json.write_text(json.dumps({"embed_rate": rate, "factors": rows}, indent=1), encoding="utf-8")
        print(f"figures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
