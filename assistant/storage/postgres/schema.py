"""The database schema's revision, and migrating it with Alembic (`migrations/`).

At start-up a server compares the database's revision with this release's head: equal, it serves;
older (or an empty database), it migrates when `database_migrate` is on and its role owns the
schema, else it refuses with the command that migrates; newer (a later release migrated it), it
refuses. Migrations run one at a time across servers (an advisory lock), each in its own
transaction, so a database is moved forward revision by revision and never rebuilt.
"""

import logging
from functools import cache
from pathlib import Path

import psycopg

from assistant.errors import DatabaseUnavailableError, SchemaError
from assistant.storage.postgres.database import Database, explain

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
MIGRATE_COMMAND = "assistant db migrate"
_MIGRATION_LOCK = 0x706F6C6963790001  # pg_advisory_lock key: "policy" + 1


def _config(connection: object = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@cache
def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head_revision() -> str:
    """The revision this release's code reads and writes."""
    head = _script().get_current_head()
    assert head is not None, "the migrations folder has no revision"
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in _script().walk_revisions()}


def current_revision(conn: psycopg.Connection) -> str | None:
    """The database's revision, or None for a database this assistant never used."""
    exists = conn.execute("SELECT to_regclass('alembic_version') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return None
    row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return row[0] if row else None


def _sqlalchemy_url(url: str) -> str:
    scheme, rest = url.split("://", 1)
    return f"postgresql+psycopg://{rest}" if scheme in ("postgresql", "postgres") else url


def migrate(database: Database) -> tuple[str | None, str]:
    """Bring the schema to this release's head; returns (revision before, revision after)."""
    import sqlalchemy
    from alembic import command

    engine = sqlalchemy.create_engine(_sqlalchemy_url(database.url), poolclass=sqlalchemy.pool.NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(sqlalchemy.text(f"SELECT pg_advisory_lock({_MIGRATION_LOCK})"))
            conn.commit()
            try:
                with database.connection() as plain:  # read after the lock: another server may just have migrated
                    before = current_revision(plain)
                command.upgrade(_config(conn), "head")
                conn.commit()
            finally:
                conn.rollback()
                conn.execute(sqlalchemy.text(f"SELECT pg_advisory_unlock({_MIGRATION_LOCK})"))
                conn.commit()
    except sqlalchemy.exc.OperationalError as exc:
        raise DatabaseUnavailableError(explain(exc.orig or exc, database.url)) from None
    except sqlalchemy.exc.DBAPIError as exc:
        raise SchemaError(f"migrating the database at {database.where} failed: {' '.join(str(exc.orig).split())} "
                          "(migrations need the role that owns the schema; CREATE EXTENSION vector needs a "
                          "superuser once)") from None
    finally:
        engine.dispose()
    after = head_revision()
    if before != after:
        log.warning("migrated the database schema from %s to %s", before or "nothing", after)
    return before, after


def ensure_schema(database: Database, allow_migrate: bool) -> None:
    """Serve only a database at this release's revision: migrate an older one if allowed, else refuse."""
    head = head_revision()
    with database.connection() as conn:
        current = current_revision(conn)
        may_create = conn.execute("SELECT has_database_privilege(current_database(), 'CREATE')").fetchone()[0]
    if current == head:
        return
    if current is not None and current not in known_revisions():
        raise SchemaError(f"the database at {database.where} has schema revision {current}, which is newer than "
                          f"this release (head {head}): run the release that migrated it, or a later one")
    described = "has no schema yet" if current is None else f"has schema revision {current}"
    if not allow_migrate or not may_create:
        why = "ASSISTANT_DATABASE_MIGRATE is off" if not allow_migrate else "this server's role may not change it"
        raise SchemaError(f"the database at {database.where} {described}; this release needs {head} ({why}). "
                          f"Migrate it with the owner role: ASSISTANT_DATABASE_URL=postgresql://OWNER@HOST/DB "
                          f"{MIGRATE_COMMAND}")
    migrate(database)
