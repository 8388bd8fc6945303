"""The archive folder on disk: the SQLite catalogue, its schema migrations and backups.

    MyArchive.curator/
      archive.sqlite   the catalogue (WAL, foreign keys on)
      stills/          original images named by SHA-256
      sources/         scans and PDFs of printed catalogues, named by SHA-256 (made with
                       its first file)
      cache/           derivatives, safe to delete
      backups/         copies taken before migrations and on request
      .in-use/         a marker per open session (see integrity.py)
"""

from __future__ import annotations

import errno
import getpass
import hashlib
import os
import shutil
import sqlite3
import uuid
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from curator import CuratorError
from curator.store import integrity
from curator.store.schema import (  # noqa: F401 - known here too
    DATABASE_NAME,
    SCHEMA_HEAD,
    SCHEMA_REVISIONS,
)

LOCK_TIMEOUT = float(os.environ.get("CURATOR_LOCK_TIMEOUT", "10"))
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# FULL: a commit is on the disk before the desk says "saved", power cut or not (with
# NORMAL, WAL may lose the last commits). benchmarks/bench_durability.py measures the cost.
SYNCHRONOUS = "FULL"
SUBFOLDERS = ("stills", "cache", "backups")  # sources/ is made with its first file


def newest_history_id(engine: Engine) -> int:
    """The id of the catalogue's newest history entry (0 before any): on either engine,
    what changes once anyone has written to it."""
    from curator.model.history import CHANGE_HISTORY

    with engine.connect() as conn:
        return conn.execute(select(func.max(CHANGE_HISTORY.c.id))).scalar() or 0


class ArchiveError(CuratorError):
    pass


class ArchiveBusy(ArchiveError):
    pass


class ArchiveReadOnly(ArchiveError):
    """The archive's folder or catalogue cannot be written (a CD, a read-only share)."""


class ArchiveDamaged(ArchiveError):
    """SQLite found the catalogue damaged; nothing is written to it."""


def _configure_sqlite(engine: Engine, timeout: float, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so writes can take
        # the lock up front (BEGIN IMMEDIATE) and wait for it with busy_timeout.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        cur.close()


def is_archive(folder: Path) -> bool:
    return (folder / DATABASE_NAME).is_file()


def is_writable(folder: Path) -> bool:
    """Whether Curator may write here (os.access also knows read-only mounts and immutable
    files, which stop even the administrator)."""
    database = folder / DATABASE_NAME
    return os.access(folder, os.W_OK) and os.access(database, os.W_OK)


class Archive:
    """An open archive: its folder and its database engine.

    A read-only archive is opened without locks or journal and refuses every
    write with ArchiveReadOnly; a damaged one (found so by SQLite's check after
    a session that did not close) refuses writes with ArchiveDamaged.
    """

    kind = "folder"
    role = "admin"  # whoever can write the folder may do anything in it

    def __init__(self, folder: Path, engine: Engine, *, read_only: bool = False) -> None:
        self.folder = folder
        self.engine = engine
        self.read_only = read_only
        self.damage: list[str] = []  # what SQLite's check found, if anything
        self._marker: integrity.SessionMarker | None = None
        self.write_engine = engine.execution_options(curator_write=True)
        # This open archive among others on the same catalogue: the history says which
        # desk wrote each change, so a desk can tell its own changes from its colleagues'.
        self.desk = uuid.uuid4().hex[:16]
        self._user_name = ""

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            write = conn.get_execution_options().get("curator_write")
            if write:
                self.refuse_writes()
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    # -- locations -----------------------------------------------------------------
    @property
    def location(self) -> Path:
        """What opens this archive again (see store.open_archive)."""
        return self.folder

    @property
    def address(self) -> str:
        """Where the catalogue is, as shown to the archivist."""
        return str(self.folder)

    @property
    def database_path(self) -> Path:
        return self.folder / DATABASE_NAME

    @property
    def stills_dir(self) -> Path:
        return self.folder / "stills"

    @property
    def sources_dir(self) -> Path:
        return self.folder / "sources"

    @property
    def cache_dir(self) -> Path:
        if self.read_only:
            return _outside_cache(self.folder)
        return self.folder / "cache"

    @property
    def backups_dir(self) -> Path:
        return self.folder / "backups"

    @property
    def name(self) -> str:
        return self.folder.name.removesuffix(".curator")

    # -- who is writing ---------------------------------------------------------------
    @property
    def user_name(self) -> str:
        """Who the history names for this desk's changes: a name set in the preferences
        (or CURATOR_USER_NAME), else the operating system's user (a server names its own
        user instead)."""
        if self._user_name:
            return self._user_name
        if chosen := " ".join(os.environ.get("CURATOR_USER_NAME", "").split())[:200]:
            return chosen
        try:
            return getpass.getuser()
        except (OSError, KeyError):  # no user name in the environment or the password file
            return "unknown"

    @user_name.setter
    def user_name(self, name: str) -> None:
        self._user_name = " ".join(name.split())[:200]

    def change_token(self) -> object:
        """Something that differs once anyone has written to the catalogue since it was last
        asked: here the newest history entry's id, one step down an index."""
        return newest_history_id(self.engine)

    # -- refusing writes -------------------------------------------------------------
    def refuse_writes(self) -> None:
        """Raise, in one sentence, why nothing may be written now; return if it may."""
        if self.read_only:
            raise ArchiveReadOnly(
                f"{self.folder} is read-only: it can be read, searched and exported, not "
                "changed (copy it to a writable place to edit it).")
        if self.damage:
            raise ArchiveDamaged(
                f"{self.folder} is damaged ({self.damage[0]}); nothing will be saved to it. "
                f"Restore a copy from {self.backups_dir}, or run "
                f"\u201ccurator repair {self.folder}\u201d to copy what can be read into "
                "a new archive.")

    # -- opening -------------------------------------------------------------------
    @classmethod
    def create(cls, folder: str | os.PathLike[str]) -> Archive:
        """Make a new, empty archive in folder (which must not exist or be empty).

        It is built in a hidden folder beside its place and renamed into place when
        complete, so a full disk or a crash leaves nothing half-made where it should be.
        """
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
        made = _missing_parents(path)
        building: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            building = path.parent / f".{path.name}.{uuid.uuid4().hex[:8]}.new"
            building.mkdir()
            for sub in SUBFOLDERS:
                (building / sub).mkdir()
            draft = cls(building, _sqlite_engine(building / DATABASE_NAME, LOCK_TIMEOUT))
            try:
                draft._upgrade(backup=False)
            finally:
                draft.close()
            if path.exists():
                path.rmdir()  # the empty folder the user chose; the new one takes its place
            os.rename(building, path)
            building = None
        except (OSError, SQLAlchemyError) as exc:
            raise ArchiveError(f"Cannot create {path}: {_reason(exc)}; nothing was left "
                               "behind.") from exc
        finally:
            if building is not None:
                shutil.rmtree(building, ignore_errors=True)
                for parent in made:
                    try:
                        parent.rmdir()
                    except OSError:
                        break
        return cls.open(path)

    @classmethod
    def open(cls, folder: str | os.PathLike[str], *, lock_timeout: float | None = None) -> Archive:
        """Open an existing archive, upgrading an older schema after a backup.

        Only a Curator archive is opened: any other file is refused, unchanged. A folder
        Curator cannot write to opens read-only.
        """
        path = Path(folder).expanduser().absolute()
        if not path.is_dir():
            raise ArchiveError(f"{path} does not exist.")
        if not is_archive(path):
            raise ArchiveError(f"{path} is not a Curator archive (no {DATABASE_NAME}).")
        read_only = not is_writable(path)
        database = path / DATABASE_NAME
        try:
            revision = integrity.identify_catalogue(database, immutable=read_only)
        except integrity.DamagedCatalogue as exc:
            raise ArchiveDamaged(f"{path}: {exc} Restore a copy from {path / 'backups'}, or "
                                 f"run \u201ccurator repair {path}\u201d.") from None
        except integrity.NotACatalogue as exc:
            raise ArchiveError(f"{path}: {exc}") from None
        except OSError as exc:
            raise ArchiveError(f"Cannot read {database}: {_reason(exc)}.") from None
        if revision not in SCHEMA_REVISIONS:
            raise ArchiveError(
                f"{path.name} was made by a newer version of Curator "
                f"(schema {revision}); upgrade Curator to open it.")
        if revision != SCHEMA_HEAD and read_only:
            raise ArchiveReadOnly(
                f"{path.name} was made by an older Curator and must be upgraded before it "
                "can be read, but it is read-only; copy it to a writable place first.")
        timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        engine = (_read_only_engine(database, timeout) if read_only
                  else _sqlite_engine(database, timeout))
        archive = cls(path, engine, read_only=read_only)
        try:
            archive._check_last_session()
            if not read_only:
                for sub in SUBFOLDERS:
                    (path / sub).mkdir(exist_ok=True)
                if revision != SCHEMA_HEAD:
                    archive.refuse_writes()
                    archive._upgrade(backup=True)
        except BaseException:
            archive.close()
            raise
        return archive

    def _check_last_session(self) -> None:
        """Check the pages when a session ended without closing; mark this one as open."""
        marker = integrity.SessionMarker(self.folder)
        stale = marker.stale()
        if not self.read_only:
            try:
                marker.place()
                self._marker = marker
            except OSError:
                pass  # a folder that refuses the marker still opens; only the check is lost
        if stale:
            self.damage = self.integrity_problems()
            if not self.damage and not self.read_only:
                integrity.clear(stale)

    def verify(self) -> None:
        """Check every page now, before a big write (an import): a damaged catalogue then
        refuses it, rather than spreading the damage."""
        if not self.read_only and not self.damage:
            self.damage = self.integrity_problems()
        self.refuse_writes()

    def integrity_problems(self) -> list[str]:
        """What SQLite's page-by-page check finds wrong (nothing: the catalogue is sound)."""
        raw = self.engine.raw_connection()
        try:
            return integrity.quick_check(raw.driver_connection)
        finally:
            raw.close()

    def close(self) -> None:
        self.engine.dispose()
        if self._marker is not None:
            self._marker.remove()
            self._marker = None

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema --------------------------------------------------------------------
    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return read_revision(conn)

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
        self._give_back_freed_pages()

    def _give_back_freed_pages(self) -> None:
        """After a migration that made big tables anew smaller (schema value_rows: a film's
        genres lost two thirds of their bytes), the file keeps the freed pages until later
        writes reuse them; VACUUM gives them back when they are a tenth of the file or more
        (100,000 films: 119 MB after the migration, 95 MB after half a second)."""
        raw = self.write_engine.raw_connection()
        try:
            db = raw.driver_connection  # outside a transaction, as VACUUM must run
            free = db.execute("PRAGMA freelist_count").fetchone()[0]
            if free * 10 >= db.execute("PRAGMA page_count").fetchone()[0] and free:
                db.execute("VACUUM")
        except sqlite3.OperationalError:
            pass  # busy or short of disk: the migration stands, later writes reuse the pages
        finally:
            raw.close()

    def backup(self, reason: str = "manual") -> Path:
        """Copy the catalogue into backups/ with SQLite's online backup; returns the copy."""
        self.refuse_writes()
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


def _reason(exc: BaseException) -> str:
    """A failure's cause in a few words: "the disk is full", "Permission denied"."""
    orig = getattr(exc, "orig", None) or exc
    text = getattr(orig, "strerror", None) or str(orig).split("\n")[0]
    if getattr(orig, "errno", None) in (errno.ENOSPC, errno.EFBIG) or "full" in text:
        return "the disk is full"
    return text


def _missing_parents(path: Path) -> list[Path]:
    """The folders above path that do not exist yet, deepest first."""
    missing = []
    for parent in path.parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing


def _outside_cache(folder: Path) -> Path:
    """Where a read-only archive's thumbnails and web sizes go: the user's cache."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    digest = hashlib.sha256(str(folder).encode("utf-8")).hexdigest()[:16]
    return base / "curator" / "read-only" / f"{folder.name}-{digest}"


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
    _configure_sqlite(engine, timeout, read_only=False)
    return engine


def _read_only_engine(path: Path, timeout: float) -> Engine:
    """An engine that never writes, locks or journals: nobody can change the file."""
    uri = integrity.read_only_uri(path)
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(
        uri, uri=True, timeout=timeout, check_same_thread=False))
    _configure_sqlite(engine, timeout, read_only=True)
    return engine
