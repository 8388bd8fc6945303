"""A real PostgreSQL server for the tests: Debian's postgresql 15, on a Unix socket only.

initdb and pg_ctl refuse to run as root, so as root they run as the `postgres` user, in
a temporary folder it owns. Every test database is a copy of a migrated template
(CREATE DATABASE ... TEMPLATE), which takes milliseconds.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

BIN = Path(os.environ.get("CURATOR_PG_BIN", "/usr/lib/postgresql/15/bin"))
_names = itertools.count(1)


def missing_reason() -> str | None:
    """Why no server can be started here, or None."""
    if not (BIN / "initdb").is_file():
        return f"PostgreSQL is not installed ({BIN}/initdb is missing; apt install postgresql)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no postgres user to run the server"
    return None


class PostgresServer:
    """A private cluster in a temporary folder, stopped by stop() (also after a failure)."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="curator-pg-"))
        self.data = self.root / "data"
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self.user = "postgres" if self.as_root else pwd.getpwuid(os.geteuid()).pw_name
        self.running = False

    def _run(self, *args: str) -> None:
        command = [str(BIN / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, cwd=self.root, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, timeout=120)

    def start(self) -> PostgresServer:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user,
                  "--no-sync", "-E", "UTF8", "--locale=C.UTF-8")
        # members of password_users must give their password (the tests of a wrong
        # one); everyone else is trusted on the socket
        hba = self.data / "pg_hba.conf"
        hba.write_text("local all +password_users scram-sha-256\nlocal all all trust\n",
                       encoding="utf-8")
        # a socket in the folder and no TCP port: nothing else on the machine is touched;
        # fsync off: a test server's data need not survive a power cut
        options = (f"-c listen_addresses='' -k {self.root} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"),
                  "-o", options, "-w", "start")
        self.running = True
        self.sql("CREATE ROLE password_users NOLOGIN")
        return self

    def stop(self) -> None:
        try:
            if self.running:
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
                self.running = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str, user: str | None = None) -> str:
        return f"postgresql://{user or self.user}@/{database}?host={self.root}"

    def sql(self, statement: str, database: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(host=str(self.root), user=self.user, dbname=database,
                             autocommit=True) as conn:
            conn.execute(statement)

    def new_database(self, template: str | None = None) -> str:
        name = f"test_{os.getpid()}_{next(_names)}"
        self.sql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self.sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
