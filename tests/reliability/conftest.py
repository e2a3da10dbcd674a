"""Reliability fixtures: the fake LLM server (from tests/answering), `running` (from tests/api) and a helper that counts
every row of an index's records database, to prove hostile input changed nothing."""

import sqlite3
from pathlib import Path

from tests.answering.conftest import FakeLLM, fake_llm  # noqa: F401  (re-exported fixtures)
from tests.api.conftest import running  # noqa: F401


def row_counts(index_folder: Path) -> dict[str, int]:
    """Rows per table of `records.sqlite`, read through a separate read-only connection."""
    with sqlite3.connect(f"file:{index_folder / 'records.sqlite'}?mode=ro", uri=True) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {table: db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] for table in tables}
