"""Alembic's entry point for the PostgreSQL backend's schema (run by `assistant db migrate` or at start-up).

The caller passes an open SQLAlchemy connection in `config.attributes["connection"]` (see
`assistant.storage.postgres.schema`), already holding the migration lock; there is no offline mode.
"""

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, transaction_per_migration=True)
with context.begin_transaction():
    context.run_migrations()
