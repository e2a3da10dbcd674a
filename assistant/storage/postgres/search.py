"""Passage search in PostgreSQL, behind the two faces `HybridSearcher` already uses (`BM25Index`,
`DenseIndex`), so retrieval, filtering and fusion are the embedded backend's code.

**Lexical**: the query's tokens (our jieba segmentation, as for the passages) make a `tsquery` that
finds, through the GIN index over each passage's `tsvector`, every passage sharing a token with it;
PostgreSQL returns those with the query terms' counts, and the scores are computed here with numpy
exactly as bm25s computes them (Lucene idf and tf, k1 1.5, b 0.75, float32, summed in query order), so
the ranking is the embedded backend's. (Ranking in SQL, a subquery per candidate, took 150 ms a query
at 10x the corpus against 20 ms for the scan; `ts_rank` ignores document frequency.) **Dense**: cosine distance over `vector(384)`; the HNSW index when nothing is filtered,
an exact scan of the allowed passages when a filter is given (pgvector 0.6 filters after the
index, which could return fewer than k).
"""

import math
from collections.abc import Sequence

import numpy as np

from assistant.storage.postgres.database import Database
from assistant.storage.postgres.writer import vector_text

K1, B = 1.5, 0.75  # bm25s's defaults, which the embedded BM25 uses
HNSW_EF_SEARCH = 200  # candidates the HNSW scan considers; at least what is fetched
# Up to this many served passages dense search scans them exactly (in milliseconds): FAISS's neighbours,
# which an approximate HNSW scan can miss (one version's rows among other versions', or a hard query).
EXACT_SCAN_MAX = 20_000


def tsquery(tokens: Sequence[str]) -> str:
    """`'a' | 'b'`: any of the tokens, each quoted as the tsquery syntax wants."""
    return " | ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in tokens)


def bm25s_idf(frequency: int, size: int) -> np.float32:
    return np.float32(math.log(1 + (size - frequency + 0.5) / (frequency + 0.5)))


class PostgresLexical:
    """`BM25Index.scores` and `vocabulary` over one version's segmentations in PostgreSQL."""

    def __init__(self, database: Database, version_id: int, passage_ids: np.ndarray,
                 frequencies: dict[str, int], tokens: int):
        self.database = database
        self.version_id = version_id
        self.passage_ids = passage_ids
        self.frequencies = frequencies
        self.size = len(passage_ids)
        self.average = tokens / self.size if self.size else 0.0
        self._id_order = np.argsort(passage_ids, kind="stable")  # passage id → position, vectorised
        self._sorted_ids = passage_ids[self._id_order]

    @property
    def vocabulary(self) -> frozenset[str]:
        """Every token that occurs in some passage of the version."""
        return frozenset(self.frequencies)

    def scores(self, query_tokens: list[str], mask: np.ndarray | None = None) -> np.ndarray:
        """A score per passage position: BM25 for every passage sharing a token with the query, 0 elsewhere."""
        scores = np.zeros(self.size, dtype=np.float32)
        known = [t for t in query_tokens if t in self.frequencies]
        if not known or not self.size:
            return scores
        distinct = list(dict.fromkeys(known))
        allowed = None
        if mask is not None:
            allowed = self.passage_ids[np.flatnonzero(mask)].tolist()
            if not allowed:
                return scores
        counts = ", ".join(["coalesce((t.counts ->> %s)::integer, 0)"] * len(distinct))
        sql = (f"SELECT t.passage_id, t.length, ARRAY[{counts}] FROM passage_tokens t "
               "JOIN version_members m ON m.segmentation_id = t.segmentation_id "
               "WHERE m.version_id = %s AND t.lexemes @@ %s::tsquery"
               + (" AND t.passage_id = ANY(%s)" if allowed is not None else ""))
        params = [*distinct, self.version_id, tsquery(distinct), *([allowed] if allowed is not None else [])]
        with self.database.connection() as conn:
            rows = conn.execute(sql, params).fetchall()  # type: ignore[arg-type]
        if not rows:
            return scores
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        lengths = np.fromiter((r[1] for r in rows), dtype=np.float64, count=len(rows))
        tfs = np.asarray([r[2] for r in rows], dtype=np.float64)
        denominator = K1 * ((1 - B) + B * lengths / self.average)
        column = {t: i for i, t in enumerate(distinct)}
        total = np.zeros(len(rows), dtype=np.float32)
        for token in known:  # bm25s adds each query token's float32 score in query order (a zero adds nothing)
            tf = tfs[:, column[token]]
            total = total + (float(bm25s_idf(self.frequencies[token], self.size)) * (tf / (denominator + tf))
                             ).astype(np.float32)
        found = np.searchsorted(self._sorted_ids, ids)
        found[found == len(self._sorted_ids)] = 0
        member = self._sorted_ids[found] == ids
        scores[self._id_order[found[member]]] = total[member]
        return scores


class PostgresDense:
    """`DenseIndex.search` over one version's passages' vectors in PostgreSQL."""

    def __init__(self, database: Database, part_ids: Sequence[int], passage_ids: np.ndarray,
                 positions: dict[int, int]):
        self.database = database
        self.part_ids = list(part_ids)
        self.passage_ids = passage_ids
        self.positions = positions

    @property
    def size(self) -> int:
        return len(self.passage_ids)

    def search(self, query: np.ndarray, k: int, allowed: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """(positions, cosine scores) of the k nearest passages, among the allowed ones if a mask is given,
        in FAISS's order: of equal cosines the lowest positions are kept, and listed highest first."""
        vector = vector_text(np.asarray(query, dtype=np.float32).reshape(-1))
        fetch = max(HNSW_EF_SEARCH, 2 * k)  # beyond k, so that a tie at the k-th is cut as FAISS cuts it
        with self.database.connection() as conn:
            if allowed is not None or self.size <= EXACT_SCAN_MAX:
                ids = (self.passage_ids if allowed is None else self.passage_ids[np.flatnonzero(allowed)]).tolist()
                if not ids:
                    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
                rows = conn.execute(  # MATERIALIZED keeps the planner off the HNSW index: an exact scan of these rows
                    "WITH c AS MATERIALIZED (SELECT id, embedding FROM passages WHERE id = ANY(%s)) "
                    "SELECT id, embedding <=> %s::vector AS d FROM c ORDER BY d, id LIMIT %s",
                    [ids, vector, 2 * k]).fetchall()
            else:
                with conn.transaction():
                    conn.execute(f"SET LOCAL hnsw.ef_search = {fetch}")
                    rows = conn.execute(
                        "SELECT id, d FROM (SELECT id, part_id, embedding <=> %(q)s::vector AS d FROM passages "
                        "ORDER BY embedding <=> %(q)s::vector LIMIT %(fetch)s) s WHERE part_id = ANY(%(parts)s) "
                        "ORDER BY d, id", {"q": vector, "fetch": fetch, "parts": self.part_ids}).fetchall()
        found = [(self.positions[int(pid)], float(np.float32(1.0 - float(d)))) for pid, d in rows
                 if int(pid) in self.positions]
        kept = sorted(found, key=lambda hit: (-hit[1], hit[0]))[:k]
        kept.sort(key=lambda hit: (-hit[1], -hit[0]))
        return (np.asarray([p for p, _ in kept], dtype=np.int64), np.asarray([c for _, c in kept], dtype=np.float32))
