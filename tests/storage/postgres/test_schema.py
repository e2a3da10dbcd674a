"""Schema migrations: a database of an older release is migrated at start-up and keeps what it holds (its
published version is served, not rebuilt); where migrating is off or the role may not, the server
refuses with the command that migrates; a schema newer than the release is refused."""

import threading

import pytest
import sqlalchemy
from alembic import command
from alembic.config import Config
from pydantic import SecretStr
from typer.testing import CliRunner

from assistant.cli import app
from assistant.errors import SchemaError
from assistant.storage.postgres.database import Database
from assistant.storage.postgres.local import READER
from assistant.storage.postgres.schema import MIGRATE_COMMAND, MIGRATIONS, current_revision, head_revision
from assistant.storage.postgres.storage import PostgresStorage
from tests.fakes import FakeEmbedder

OLDEST = "0001"


def _to_revision(url: str, revision: str) -> None:
    """Move the schema down to `revision`, as a database left by that release would be."""
    engine = sqlalchemy.create_engine(url.replace("postgresql://", "postgresql+psycopg://"),
                                      poolclass=sqlalchemy.pool.NullPool)
    with engine.connect() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.downgrade(config, revision)
        conn.commit()
    engine.dispose()


def _revision(url: str) -> str | None:
    database = Database(SecretStr(url))
    database.open()
    try:
        with database.connection() as conn:
            return current_revision(conn)
    finally:
        database.close()


def _storage(settings, **changes) -> PostgresStorage:
    return PostgresStorage(settings.model_copy(update=changes), FakeEmbedder(384))


def _connect_once(settings) -> None:
    """Connect (migrating an empty database to head) and close again."""
    storage = _storage(settings)
    storage.connect()
    storage.close()


def _text(output: str) -> str:
    """Console output without the line wrapping of a narrow terminal."""
    return " ".join(output.split())


def test_an_older_database_is_migrated_at_start_up_and_served_not_rebuilt(pg_settings):
    url = pg_settings.database_url.get_secret_value()
    assert head_revision() != OLDEST, "this test needs a migration after the first"
    first = _storage(pg_settings)
    version = first.open(show_progress=False).version
    first.close()
    _to_revision(url, OLDEST)
    assert _revision(url) == OLDEST

    storage = _storage(pg_settings)
    try:
        index = storage.open(show_progress=False)
        assert _revision(url) == head_revision()
        assert index.version == version, "the published version is served as it was, not rebuilt"
        storage.share_status("u1", {"id": "u1"})  # what the newer revision added works
        assert storage.shared_status("u1") == {"id": "u1"}
    finally:
        storage.close()


def test_an_older_schema_is_refused_with_the_command_when_migrating_is_off(pg_settings):
    url = pg_settings.database_url.get_secret_value()
    _connect_once(pg_settings)
    _to_revision(url, OLDEST)
    storage = _storage(pg_settings, database_migrate=False)
    with pytest.raises(SchemaError, match=MIGRATE_COMMAND) as refused:
        storage.connect()
    storage.close()
    assert OLDEST in str(refused.value) and head_revision() in str(refused.value)
    assert "owner-secret" not in str(refused.value)
    assert _revision(url) == OLDEST, "nothing was changed"


def test_a_serving_role_refuses_an_older_schema_with_the_command(pg_settings):
    owner_url = pg_settings.database_url.get_secret_value()
    _connect_once(pg_settings)
    _to_revision(owner_url, OLDEST)
    reader_url = owner_url.replace("policy_owner:owner-secret", f"{READER}:reader-secret")
    storage = _storage(pg_settings, database_url=SecretStr(reader_url))
    with pytest.raises(SchemaError, match="may not change it") as refused:
        storage.connect()
    storage.close()
    assert MIGRATE_COMMAND in str(refused.value) and "reader-secret" not in str(refused.value)


def test_a_schema_newer_than_the_release_is_refused(pg_settings):
    storage = _storage(pg_settings)
    storage.connect()
    with storage.database.connection() as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    storage.close()
    refused = _storage(pg_settings, database_pool_size=2)
    before = set(threading.enumerate())  # other tests' pools (same name) may be running
    with pytest.raises(SchemaError, match="newer than this release"):
        refused.connect()
    started = [t.name for t in set(threading.enumerate()) - before if t.name.startswith(f"{refused.database.name}-")]
    assert started == [], "a refused connect stops the pool it started"
    with pytest.raises(SchemaError, match="newer than this release"):
        refused.connect()  # and a retry asks the database again instead of reusing a closed pool


def test_the_migrate_command_moves_an_older_database_to_head(pg_settings, monkeypatch):
    url = pg_settings.database_url.get_secret_value()
    _connect_once(pg_settings)
    _to_revision(url, OLDEST)
    monkeypatch.setenv("ASSISTANT_DATABASE_URL", url)
    from assistant.config import get_settings

    get_settings.cache_clear()
    try:
        runner = CliRunner()
        status = runner.invoke(app, ["db", "status"])
        assert status.exit_code == 0 and "needs `assistant db migrate`" in _text(status.output)
        migrated = runner.invoke(app, ["db", "migrate"])
        assert migrated.exit_code == 0, migrated.output
        assert f"{OLDEST} → {head_revision()}" in _text(migrated.output) and "owner-secret" not in migrated.output
        assert "up to date" in _text(runner.invoke(app, ["db", "status"]).output)
    finally:
        get_settings.cache_clear()
    assert _revision(url) == head_revision()
