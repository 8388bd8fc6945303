"""The archive folder on disk: the SQLite catalogue, its schema migrations and backups.

    MyArchive.curator/
      archive.sqlite   the catalogue (WAL, foreign keys on)
      stills/          original images named by SHA-256
      cache/           derivatives, safe to delete
      backups/         copies taken before migrations and on request
"""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

from curator import CuratorError

DATABASE_NAME = "archive.sqlite"
# Every revision this Curator knows, oldest first; a test checks it against Alembic's scripts.
SCHEMA_REVISIONS = ("0001", "0002", "0003")
SCHEMA_HEAD = SCHEMA_REVISIONS[-1]
LOCK_TIMEOUT = float(os.environ.get("CURATOR_LOCK_TIMEOUT", "10"))
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class ArchiveError(CuratorError):
    pass


class ArchiveBusy(ArchiveError):
    pass


def _configure_sqlite(engine: Engine, timeout: float) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can take
        # the lock up front (BEGIN IMMEDIATE) and wait for it with busy_timeout.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        mode = "BEGIN IMMEDIATE" if conn.get_execution_options().get("curator_write") else "BEGIN"
        conn.exec_driver_sql(mode)


def is_archive(folder: Path) -> bool:
    return (folder / DATABASE_NAME).is_file()


class Archive:
    """An open archive: its folder and its database engine."""

    def __init__(self, folder: Path, engine: Engine) -> None:
        self.folder = folder
        self.engine = engine
        self.write_engine = engine.execution_options(curator_write=True)

    # -- locations -----------------------------------------------------------------
    @property
    def database_path(self) -> Path:
        return self.folder / DATABASE_NAME

    @property
    def stills_dir(self) -> Path:
        return self.folder / "stills"

    @property
    def cache_dir(self) -> Path:
        return self.folder / "cache"

    @property
    def backups_dir(self) -> Path:
        return self.folder / "backups"

    @property
    def name(self) -> str:
        return self.folder.name.removesuffix(".curator")

    # -- opening -------------------------------------------------------------------
    @classmethod
    def create(cls, folder: str | os.PathLike[str]) -> Archive:
        """Make a new, empty archive in folder (which must not exist or be empty)."""
        path = Path(folder).expanduser().absolute()
        if path.exists():
            if not path.is_dir():
                raise ArchiveError(f"{path} exists and is not a folder.")
            if is_archive(path):
                raise ArchiveError(f"{path} is already a Curator archive.")
            if any(path.iterdir()):
                raise ArchiveError(
                    f"{path} is not empty and is not a Curator archive; choose a new folder."
                )
        try:
            path.mkdir(parents=True, exist_ok=True)
            for sub in ("stills", "cache", "backups"):
                (path / sub).mkdir(exist_ok=True)
        except OSError as exc:
            raise ArchiveError(f"Cannot create {path}: {exc.strerror}.") from exc
        archive = cls(path, _sqlite_engine(path / DATABASE_NAME, LOCK_TIMEOUT))
        archive._upgrade(backup=False)
        return archive

    @classmethod
    def open(cls, folder: str | os.PathLike[str], *, lock_timeout: float | None = None) -> Archive:
        """Open an existing archive, upgrading an older schema after a backup."""
        path = Path(folder).expanduser().absolute()
        if not path.is_dir():
            raise ArchiveError(f"{path} does not exist.")
        if not is_archive(path):
            raise ArchiveError(f"{path} is not a Curator archive (no {DATABASE_NAME}).")
        timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        archive = cls(path, _sqlite_engine(path / DATABASE_NAME, timeout))
        for sub in ("stills", "cache", "backups"):
            (path / sub).mkdir(exist_ok=True)
        archive.check_schema()
        return archive

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------
    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return read_revision(conn)

    def check_schema(self) -> None:
        """Upgrade an older schema (after a backup); refuse a newer one, changing nothing."""
        revision = self.schema_revision()
        if revision == SCHEMA_HEAD:
            return
        if revision is not None and revision not in SCHEMA_REVISIONS:
            raise ArchiveError(
                f"{self.folder.name} was made by a newer version of Curator "
                f"(schema {revision}); upgrade Curator to open it."
            )
        self._upgrade(backup=revision is not None)

    def _upgrade(self, *, backup: bool) -> None:
        from alembic import command
        from alembic.config import Config

        if backup:
            self.backup(reason=f"before-upgrade-from-{self.schema_revision()}")
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS_DIR))
        with self.write_engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, SCHEMA_HEAD)

    def backup(self, reason: str = "manual") -> Path:
        """Copy the catalogue into backups/ with SQLite's online backup; returns the copy."""
        self.backups_dir.mkdir(exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
        target = self.backups_dir / f"archive-{stamp}-{reason}.sqlite"
        source = sqlite3.connect(self.database_path, timeout=LOCK_TIMEOUT)
        try:
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                dest.close()
        except sqlite3.Error as exc:
            target.unlink(missing_ok=True)
            raise ArchiveError(f"Cannot write a backup to {target}: {exc}.") from exc
        finally:
            source.close()
        return target


def read_revision(conn: Connection) -> str | None:
    has_table = conn.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
    ).first()
    if not has_table:
        return None
    row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    return row[0] if row else None


def _sqlite_engine(path: Path, timeout: float) -> Engine:
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": timeout})
    _configure_sqlite(engine, timeout)
    return engine
