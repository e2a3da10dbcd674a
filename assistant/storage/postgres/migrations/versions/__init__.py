"""One file per schema revision, applied in order (Alembic revision ids 0001, 0002, …)."""
