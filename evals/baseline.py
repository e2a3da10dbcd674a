"""Run the two baselines beside the assistant on the same dev questions, in one run, and print them.

    .venv/bin/python evals/baseline.py [evals/dev.jsonl] [--subset …] [--api URL]

Exactly `assistant eval --baselines` with the same arguments (the baselines live in
`assistant/evaluation/baselines.py`): a plain llama-index RAG (default SentenceSplitter,
VectorStoreIndex over FAISS IndexFlatIP, multilingual-e5-small, top 5) and BM25 alone over our
passages. The report lands in evals/reports/ like any eval run.
"""

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.argv = [sys.argv[0], "eval", "--baselines", *sys.argv[1:]]
    main()
