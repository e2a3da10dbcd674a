"""Validate evals/dev.jsonl against the raw corpus files.

Standalone on purpose: it reads only corpus/*.txt and the question set, never the
assistant package, so the gold answers are checked independently of the code they
are meant to measure. Exit status 1 if any problem is found.

Usage: python evals/check_dev_set.py [--strict] [path/to/dev.jsonl] [path/to/corpus]

--strict also requires every must_contain string on one of the question's evidence lines
(compared as the scorer compares: NFKC, no `**`, no whitespace), as first-sight batches must.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"list", "count", "lookup", "free", "unanswerable"}
ID_RE = re.compile(r"^([a-z0-9]+-)?(list|count|lookup|free|unans)-\d{3}$")
ITEM_CELL = re.compile(r"^\d{1,3}、")
STATUS_CELL = re.compile(r"^[AB](已完成或例行性業務|執行中)$")
PROGRESS_TABLE = "000_a326a7c91818490c.txt"


def match_form(text: str) -> str:
    """How answers are compared with needles: NFKC, no `**`, no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text).replace("**", ""))


def load_corpus(folder: Path) -> dict[str, list[str]]:
    """File name -> physical lines (index 0 is line 1)."""
    return {p.name: p.read_text(encoding="utf-8").split("\n") for p in sorted(folder.glob("*.txt"))}


def line_text(corpus: dict[str, list[str]], ref: dict, errors: list[str], where: str) -> str | None:
    """The referenced line, or None after recording why it is not usable."""
    file, line = ref.get("file"), ref.get("line")
    if file not in corpus:
        errors.append(f"{where}: unknown file {file!r}")
        return None
    if not isinstance(line, int) or not 1 <= line <= len(corpus[file]):
        errors.append(f"{where}: line {line!r} out of range for {file}")
        return None
    text = corpus[file][line - 1]
    if not text.strip():
        errors.append(f"{where}: {file} L{line} is blank")
        return None
    return text


def check_item(corpus: dict[str, list[str]], item: dict, errors: list[str], where: str) -> None:
    """A 000 item must sit on its own data row; a KPI item on the line naming its code."""
    text = line_text(corpus, item, errors, where)
    if text is None:
        return
    where = f"{where} {item['file']} L{item['line']}"
    if "kpi_code" in item:
        if item["kpi_code"] not in text:
            errors.append(f"{where}: kpi_code {item['kpi_code']} not on the line")
        return
    if "item_no" not in item:
        errors.append(f"{where}: item needs item_no or kpi_code")
        return
    cells = [c.strip() for c in text.split("\t")]
    if item["file"] == PROGRESS_TABLE and sum(bool(STATUS_CELL.match(c)) for c in cells) != 1:
        errors.append(f"{where}: not a data row with exactly one status cell")
    item_cells = [c for c in cells if ITEM_CELL.match(c)]
    if item["item_no"] is None:
        if item_cells:
            errors.append(f"{where}: item_no null but the row has an item cell {item_cells[0][:12]!r}")
    elif not any(c.startswith(f"{item['item_no']}、") for c in item_cells):
        errors.append(f"{where}: no cell starting with {item['item_no']}、")


def check_question(
    q: dict, corpus: dict[str, list[str]], everything: str, errors: list[str], strict: bool = False
) -> None:
    qid = q.get("id", "?")
    qtype = q.get("type")
    if qtype not in TYPES:
        errors.append(f"{qid}: bad type {qtype!r}")
        return
    if not isinstance(q.get("question"), str) or not q["question"].strip():
        errors.append(f"{qid}: empty question")
    for turn in q.get("history", []):
        if not isinstance(turn, dict) or not str(turn.get("question", "")).strip():
            errors.append(f"{qid}: malformed history turn {turn!r}")
    if q.get("expect_refusal") is not (qtype == "unanswerable"):
        errors.append(f"{qid}: expect_refusal must be {qtype == 'unanswerable'}")

    evidence = q.get("evidence")
    if not isinstance(evidence, list):
        errors.append(f"{qid}: evidence must be a list")
        evidence = []
    if qtype == "unanswerable":
        if evidence or q.get("expected_items") or q.get("expected_values"):
            errors.append(f"{qid}: unanswerable questions carry no evidence or answers")
    elif not evidence:
        errors.append(f"{qid}: answerable question without evidence")
    evidence_lines = [t for e in evidence if (t := line_text(corpus, e, errors, f"{qid} evidence")) is not None]

    items = q.get("expected_items", [])
    for item in items:
        check_item(corpus, item, errors, f"{qid} item")
    keys = [(i.get("file"), i.get("line"), i.get("item_no"), i.get("kpi_code")) for i in items]
    if len(keys) != len(set(keys)):
        errors.append(f"{qid}: duplicate expected_items")
    if qtype == "list" and not items:
        errors.append(f"{qid}: list question without expected_items")
    if qtype in {"list", "count"}:
        count = q.get("expected_count")
        if not isinstance(count, int):
            errors.append(f"{qid}: expected_count missing")
        elif items and count != len(items):
            errors.append(f"{qid}: expected_count {count} != {len(items)} items")

    counts = q.get("expected_counts", [])
    if counts and (qtype != "count" or not all(isinstance(c, int) for c in counts)):
        errors.append(f"{qid}: expected_counts must be integers on a count question")
    elif counts and q.get("expected_count") != counts[0]:
        errors.append(f"{qid}: expected_count must be the first of expected_counts")

    values = q.get("expected_values", [])
    if qtype == "lookup" and not values:
        errors.append(f"{qid}: lookup without expected_values")
    for value in values:
        if not any(value in t for t in evidence_lines):
            errors.append(f"{qid}: value {value!r} not on any evidence line")

    cited = match_form("\n".join(evidence_lines))
    for needle in q.get("must_contain", []):
        if needle not in everything:
            errors.append(f"{qid}: must_contain {needle!r} not in the corpus")
        elif strict and match_form(needle) not in cited:
            errors.append(f"{qid}: must_contain {needle!r} not on any evidence line")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Validate a question set against the raw corpus files.")
    parser.add_argument("--strict", action="store_true",
                        help="also require every must_contain string on one of the question's evidence lines")
    parser.add_argument("dev", nargs="?", type=Path, default=HERE / "dev.jsonl", help="the question set (JSONL)")
    parser.add_argument("corpus", nargs="?", type=Path, default=HERE.parent / "corpus", help="the corpus folder")
    args = parser.parse_args(argv[1:])
    strict, dev = args.strict, args.dev
    if not dev.is_file() or not args.corpus.is_dir():
        parser.error(f"no question set at {dev} or no corpus folder at {args.corpus}")
    corpus = load_corpus(args.corpus)
    everything = "\n".join("\n".join(lines) for lines in corpus.values())
    errors: list[str] = []
    seen: set[str] = set()
    types: Counter[str] = Counter()
    for n, raw in enumerate(dev.read_text(encoding="utf-8").splitlines(), 1):
        try:
            q = json.loads(raw)
        except json.JSONDecodeError as exc:
            errors.append(f"line {n}: invalid JSON ({exc})")
            continue
        qid = q.get("id", "")
        if not ID_RE.match(qid):
            errors.append(f"line {n}: bad id {qid!r}")
        if qid in seen:
            errors.append(f"line {n}: duplicate id {qid!r}")
        seen.add(qid)
        types[q.get("type", "?")] += 1
        check_question(q, corpus, everything, errors, strict)
    for error in errors:
        print(error)
    print(f"{sum(types.values())} questions: " + ", ".join(f"{t} {types[t]}" for t in sorted(types)))
    print("OK" if not errors else f"{len(errors)} problem(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
