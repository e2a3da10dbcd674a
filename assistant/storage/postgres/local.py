"""A throwaway PostgreSQL 16 with pgvector on this machine, from the `pgserver` wheel (a dev/test extra):
what the tests and `evals/scale.py --backend postgres` run against, and a way to try the backend.

    .venv/bin/python -m assistant.storage.postgres.local /tmp/pg   # prints ASSISTANT_DATABASE_URL lines

It listens on 127.0.0.1 only, with password (SCRAM) logins over TCP, and sets a database up the
way the README's deployment section tells a DBA to: an owner role that migrates and writes, a
reader role that may only read (for serving-only app servers), and the `vector` extension created
by the superuser. No network is needed: the binaries ship inside the wheel.
"""

import os
import socket
import subprocess
import sys
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

with warnings.catch_warnings():  # pgserver asks platformdirs for a runtime folder at import, which warns without one
    warnings.simplefilter("ignore")
    from pgserver._commands import POSTGRES_BIN_PATH

OWNER, READER = "policy_owner", "policy_reader"
# What a DBA runs once per database (as a superuser), with the two roles' passwords; see the README.
SETUP_SQL = """
CREATE DATABASE {database} OWNER {owner};
\\connect {database}
CREATE EXTENSION IF NOT EXISTS vector;
ALTER SCHEMA public OWNER TO {owner};
REVOKE ALL ON DATABASE {database} FROM PUBLIC;
GRANT CONNECT ON DATABASE {database} TO {owner}, {reader};
GRANT USAGE ON SCHEMA public TO {reader};
ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT SELECT ON TABLES TO {reader};
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LocalPostgres:
    """One cluster in `folder` (created on first start), listening on 127.0.0.1:`port`."""

    folder: Path
    port: int = 0
    durable: bool = False  # fsync and full-page writes (off for tests: faster, and the data is thrown away)
    owner_password: str = "owner-secret"
    reader_password: str = "reader-secret"

    def __post_init__(self) -> None:
        self.port = self.port or free_port()
        self.data = self.folder / "data"
        self.socket_dir = Path(tempfile.mkdtemp(prefix="pg-"))  # short: a socket path has ~100 characters

    @property
    def _user(self) -> str | None:
        """PostgreSQL refuses to run as root; pgserver's own user then runs it."""
        return "pgserver" if os.geteuid() == 0 else None

    def _run(self, program: str, *args: str) -> str:
        done = subprocess.run([str(POSTGRES_BIN_PATH / program), *args], capture_output=True, text=True,
                              user=self._user, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"{program} failed ({done.returncode}): {done.stderr or done.stdout}")
        return done.stdout

    def _prepare_permissions(self) -> None:
        if self._user is None:
            return
        import pwd

        from pgserver.utils import ensure_folder_permissions, ensure_prefix_permissions, ensure_user_exists

        ensure_user_exists(self._user)
        entry = pwd.getpwnam(self._user)
        for path in (self.folder, self.socket_dir):
            ensure_prefix_permissions(path)
            os.chown(path, entry.pw_uid, entry.pw_gid)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        ensure_folder_permissions(POSTGRES_BIN_PATH.parent, 0o555)

    def start(self) -> "LocalPostgres":
        self.folder.mkdir(parents=True, exist_ok=True)
        self._prepare_permissions()
        if not (self.data / "PG_VERSION").exists():
            self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth-local=trust",
                      "--auth-host=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8")
        options = f"-h 127.0.0.1 -p {self.port} -k {self.socket_dir}"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "server.log"), "-w", "-t", "60",
                  "-o", options, "start")
        return self

    def stop(self) -> None:
        """Stop at once (connections are cut), as a crash or an outage would look to the app."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def running(self) -> bool:
        return subprocess.run([str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(self.data), "status"],
                              capture_output=True, user=self._user).returncode == 0

    def psql(self, sql: str, database: str = "postgres") -> str:
        """Run SQL as the superuser over the local socket (no password)."""
        done = subprocess.run([str(POSTGRES_BIN_PATH / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                               str(self.socket_dir), "-p", str(self.port), "-U", "postgres", "-d", database],
                              input=sql, capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed: {done.stderr}")
        return done.stdout

    def create_database(self, name: str) -> None:
        """A new database set up for the assistant: owner and reader roles, the vector extension."""
        roles = self.psql(f"SELECT rolname FROM pg_roles WHERE rolname IN ('{OWNER}', '{READER}')")
        for role, password in ((OWNER, self.owner_password), (READER, self.reader_password)):
            if role not in roles:
                self.psql(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        self.psql(SETUP_SQL.format(database=name, owner=OWNER, reader=READER))

    def copy_database(self, template: str, name: str) -> None:
        """A new database with everything `template` holds (no one may be connected to the template)."""
        self.psql(f"CREATE DATABASE {name} TEMPLATE {template} OWNER {OWNER}")
        self.psql(f"REVOKE ALL ON DATABASE {name} FROM PUBLIC; GRANT CONNECT ON DATABASE {name} TO {OWNER}, {READER}")

    def drop_database(self, name: str) -> None:
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def url(self, database: str, role: str = OWNER, password: str | None = None) -> str:
        if password is None:
            password = self.owner_password if role == OWNER else self.reader_password
        return f"postgresql://{role}:{password}@127.0.0.1:{self.port}/{database}"


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else tempfile.mkdtemp(prefix="policy-qa-pg-"))
    server = LocalPostgres(folder, durable=True).start()
    server.create_database("policy_qa")
    print(f"PostgreSQL in {folder} on 127.0.0.1:{server.port} (stop: pg_ctl -D {server.data} stop)")
    print(f"ASSISTANT_DATABASE_URL={server.url('policy_qa')}            # owner: migrates, builds, uploads")
    print(f"ASSISTANT_DATABASE_URL={server.url('policy_qa', READER)}   # reader: serves questions only")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
