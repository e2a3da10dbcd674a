"""A content-addressed cache of passage vectors, shared by every checkout on the machine.

Embedding is the slow part of an index build (a minute or two for this corpus on two cores).
Keyed by the model id and the exact text, a vector is computed once per machine: a fresh clone,
a CI run, or a rebuild after a parser change re-embeds only the passages whose text changed.
"""

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import numpy as np

from assistant.index.embedder import Embedder


def _key(model_id: str, text: str) -> str:
    return hashlib.sha256(f"{model_id}\0{text}".encode()).hexdigest()


class EmbeddingCache:
    """SQLite key→vector store; a damaged cache file is discarded, since it only saves time."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            path.unlink(missing_ok=True)
            self._db = self._open()

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        db.execute("SELECT count(*) FROM vectors").fetchone()
        return db

    def embed(self, embedder: Embedder, texts: list[str], batch_size: int = 64,
              on_progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors for `texts`, computing and storing only those not cached yet."""
        keys = [_key(embedder.model_id, t) for t in texts]
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, blob in self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                vector = np.frombuffer(blob, dtype=np.float32)
                if vector.shape == (embedder.dim,):
                    found[key] = vector
        missing = [i for i, k in enumerate(keys) if k not in found]
        if on_progress:
            on_progress(len(texts) - len(missing))
        for start in range(0, len(missing), batch_size):
            batch = missing[start : start + batch_size]
            vectors = embedder.embed_passages([texts[i] for i in batch])
            rows = [(keys[i], v.astype(np.float32).tobytes()) for i, v in zip(batch, vectors)]
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", rows)
            for (key, _), vector in zip(rows, vectors):
                found[key] = vector
            if on_progress:
                on_progress(len(batch))
        out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        for i, key in enumerate(keys):
            out[i] = found[key]
        return out

    def close(self) -> None:
        self._db.close()
