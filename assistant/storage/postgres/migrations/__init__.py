"""Alembic migrations of the PostgreSQL backend's schema (env.py, versions/): see ../schema.py."""
