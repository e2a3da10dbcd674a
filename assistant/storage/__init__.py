"""Storage backends: where documents and index versions live, behind one small interface (`Storage`).

- `embedded` (`folder.py`, the default): the index folder and data directory on this machine.
- `postgres` (`postgres/`): one PostgreSQL database with pgvector shared by any number of app
  servers, selected by `ASSISTANT_DATABASE_URL=postgresql://…`.

`open_storage(settings)` picks one; nothing else in the assistant needs to know which.
"""

from assistant.config import Settings
from assistant.index.embedder import Embedder
from assistant.storage.base import Storage


def open_storage(settings: Settings, embedder: Embedder | None = None) -> Storage:
    """The backend `settings` selects: PostgreSQL when `database_url` is set, else the embedded folder."""
    if settings.database_url is not None:
        from assistant.storage.postgres.storage import PostgresStorage  # psycopg only when it is used

        return PostgresStorage(settings, embedder)
    from assistant.storage.folder import FolderStorage

    return FolderStorage(settings, embedder)


__all__ = ["Storage", "open_storage"]
