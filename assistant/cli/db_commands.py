"""The PostgreSQL backend from the command line: `db status` and `db migrate` (ASSISTANT_DATABASE_URL)."""

import typer

from assistant.cli.app import app, console
from assistant.config import get_settings
from assistant.errors import DatabaseError

db_app = typer.Typer(help="The PostgreSQL backend (ASSISTANT_DATABASE_URL): schema revision and migrations.",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


def _database():
    from assistant.storage.postgres.database import Database

    settings = get_settings()
    if settings.database_url is None:
        raise DatabaseError("ASSISTANT_DATABASE_URL is not set: the embedded backend has no database to migrate")
    database = Database(settings.database_url, settings.database_timeout_s, pool_size=1)
    database.open()
    return database


@db_app.command()
def status() -> None:
    """The database's schema revision against this release's, and the published index version."""
    from assistant.storage.postgres.schema import current_revision, head_revision

    database = _database()
    try:
        with database.connection() as conn:
            current = current_revision(conn)
            published = None
            if current is not None:
                row = conn.execute("SELECT v.id, v.fingerprint, v.built_at, v.passages FROM serving s "
                                   "JOIN index_versions v ON v.id = s.version_id").fetchone()
                published = row
    finally:
        database.close()
    head = head_revision()
    state = "up to date" if current == head else "needs `assistant db migrate`" if current is None or current < head \
        else "newer than this release"
    console.print(f"database {database.where}: schema {current or 'none'}, this release {head} ({state})")
    if published:
        console.print(f"published index version pg{published[0]}-{published[1][:12]} ({published[3]} passages, "
                      f"built {published[2]:%Y-%m-%d %H:%M})")


@db_app.command()
def migrate() -> None:
    """Bring the schema to this release's revision (needs the role that owns the schema), in order."""
    from assistant.storage.postgres.schema import migrate as run

    database = _database()
    try:
        before, after = run(database)
    finally:
        database.close()
    console.print(f"database {database.where}: schema {before or 'none'} → {after}")
