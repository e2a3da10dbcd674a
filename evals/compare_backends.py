"""Do the two storage backends answer alike? Run by hand, after a change to either:

    .venv/bin/python evals/compare_backends.py                       # evals/dev.jsonl and evals/first_sight/*.jsonl
    .venv/bin/python evals/compare_backends.py --sets evals/dev.jsonl

The embedded index of the bundled corpus (the project's index folder, built if missing) and the same
corpus in a PostgreSQL + pgvector started here (`assistant.storage.postgres.local`), both with the real
embedder (the content cache makes the second build cheap). For every question of each set: recall@5 of
hybrid search on each backend, measured as `assistant eval` measures it, and whether the two answers are
identical (text, items, citations, reading). The issue's bar: recall@5 within 0.01, and identical answers
on every structured question (list, count, lookup).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STRUCTURED = ("list", "count", "lookup")
DEFAULT_K = 5


def _answer(assistant, question) -> str:
    """The answer as comparable JSON (everything the contract returns)."""
    from assistant.answering.contract import Turn

    history = [Turn(question=t.question) for t in question.history] or None
    return json.dumps(assistant.ask(question.question, history=history).model_dump(mode="json"),
                      ensure_ascii=False, sort_keys=True)


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def compare(sets: list[Path], k: int) -> int:
    from pydantic import SecretStr

    from assistant.answering.service import Assistant
    from assistant.config import Settings
    from assistant.evaluation.dataset import load_dev_set
    from assistant.evaluation.runner import retrieval_for, searcher_ranking
    from assistant.index.retriever import HybridSearcher
    from assistant.index.store import open_index, served_settings
    from assistant.storage.postgres.local import LocalPostgres
    from assistant.storage.postgres.storage import PostgresStorage

    settings = Settings(llm_base_url=None)
    embedded = open_index(settings, show_progress=False)
    with tempfile.TemporaryDirectory(prefix="policy-qa-compare-") as tmp:
        server = LocalPostgres(Path(tmp) / "postgres").start()
        try:
            server.create_database("compare")
            pg_settings = settings.model_copy(update={"database_url": SecretStr(server.url("compare")),
                                                      "index_dir": Path(tmp) / "pg-cache"})
            storage = PostgresStorage(pg_settings)
            postgres = storage.open(show_progress=False)
            backends = {name: (index, Assistant(index, served_settings(settings, index)),
                               searcher_ranking(HybridSearcher(index)))
                        for name, index in (("embedded", embedded), ("postgres", postgres))}
            failed = False
            for path in sets:
                questions = load_dev_set(path)
                recall: dict[str, list[float]] = {name: [] for name in backends}
                same = {"all": [0, 0], "structured": [0, 0]}
                different: list[str] = []
                for q in questions:
                    answers = {}
                    for name, (_, assistant, rank) in backends.items():
                        score = retrieval_for(q, rank, k)
                        if score is not None:
                            recall[name].append(score.recall_at_k)
                        answers[name] = _answer(assistant, q)
                    equal = answers["embedded"] == answers["postgres"]
                    for group in ("all", "structured") if q.type in STRUCTURED else ("all",):
                        same[group][0] += equal
                        same[group][1] += 1
                    if not equal:
                        different.append(f"{q.id} ({q.type})")
                r_e, r_p = _mean(recall["embedded"]), _mean(recall["postgres"])
                gap = abs(r_e - r_p) if r_e is not None and r_p is not None else 0.0
                failed |= gap > 0.01 or same["structured"][0] != same["structured"][1]
                print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {len(questions)} questions; "
                      f"recall@{k} embedded {r_e:.3f} · postgres {r_p:.3f} · difference {gap:.3f} "
                      f"({len(recall['embedded'])} with retrieval targets); identical answers "
                      f"{same['all'][0]}/{same['all'][1]}, structured {same['structured'][0]}/{same['structured'][1]}")
                if different:
                    print(f"  differing answers: {', '.join(different)}")
            storage.close()
        finally:
            server.stop()
    embedded.close()
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sets", type=Path, nargs="+",
                        default=[ROOT / "evals" / "dev.jsonl", *sorted((ROOT / "evals" / "first_sight").glob("*.jsonl"))])
    parser.add_argument("--k", type=int, default=DEFAULT_K)
    args = parser.parse_args(argv)
    return compare([p.resolve() for p in args.sets], args.k)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
