"""A team's catalogue on a PostgreSQL server: the same schema and operations as a folder.

    curator open postgresql://anna@db.festival.org/miff
    curator open MIFF.curator-team      (the address without a password, and a cache folder)

What differs from the folder lives here: writes take one lock per catalogue (an
advisory lock, the server's counterpart of SQLite's BEGIN IMMEDIATE) and announce
themselves with NOTIFY when they commit; originals of stills are rows of the database
(see server_files.py); thumbnails and web sizes go to this machine's cache.
Passwords come from libpq itself (~/.pgpass, PGPASSWORD, a service file) or from the
caller; none is ever written to disk.
"""

from __future__ import annotations

import configparser
import hashlib
import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import SQLAlchemyError

from curator.store.archive import (
    LOCK_TIMEOUT,
    SCHEMA_HEAD,
    SCHEMA_REVISIONS,
    ArchiveError,
    ArchiveReadOnly,
    newest_history_id,
)

TEAM_FILE_SUFFIX = ".curator-team"
SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
CHANNEL = "curator_changes"
# pg_advisory_xact_lock's key for "a write to this catalogue" (each database has its own
# locks): any number, the same in every Curator.
WRITE_LOCK = 0x43757261746F72  # "Curator"


class ServerError(ArchiveError):
    """The server could not be reached, refused us, or holds no Curator catalogue."""

    needs_password = False


class NotPermitted(ArchiveError):
    """The server refused a write that the user's role does not allow."""


def server_refusal(exc: BaseException) -> NotPermitted | None:
    """The one line for a write the server refused for the user's role, if it was one."""
    text = _first_line(getattr(exc, "orig", None) or exc)
    if "only a publisher" in text:
        return NotPermitted(f"The server refused: {text}.")
    if "permission denied" in text:
        return NotPermitted(f"The server refused: your role does not allow this ({text}); "
                            "ask an admin for another role (curator team grant).")
    return None


def is_server_location(where: object) -> bool:
    """Whether `where` names a catalogue on a server (an address or a connection file)."""
    text = str(where)
    return text.startswith(SCHEMES) or text.endswith(TEAM_FILE_SUFFIX)


def without_password(url: str) -> str:
    """The address as it may be shown and saved: never with a password in it."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user.split(':', 1)[0]}@{host}"))


def _psycopg_url(url: str) -> str:
    for scheme in ("postgresql://", "postgres://"):
        if url.startswith(scheme):
            return "postgresql+psycopg://" + url[len(scheme):]
    return url


def default_cache(url: str) -> Path:
    """Where this machine keeps a server catalogue's thumbnails, web sizes and originals."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    parts = urlsplit(without_password(url))
    name = (parts.path.strip("/") or "catalogue").replace("/", "_")
    digest = hashlib.sha256(without_password(url).encode("utf-8")).hexdigest()[:12]
    return base / "curator" / "team" / f"{name}-{digest}"


def read_team_file(path: Path) -> tuple[str, Path]:
    """The address and cache folder a `.curator-team` connection file names."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        with path.open(encoding="utf-8") as fh:
            parser.read_file(fh)
        url = parser.get("curator-team", "url").strip()
    except FileNotFoundError:
        raise ServerError(f"{path} does not exist.") from None
    except (OSError, UnicodeDecodeError, configparser.Error) as exc:
        raise ServerError(f"{path} is not a Curator connection file ({_first_line(exc)}); "
                          "it needs a [curator-team] section with a url line.") from None
    if not url.startswith(SCHEMES):
        raise ServerError(f"{path}: the url must start with postgresql://, not "
                          f"\u201c{url[:40]}\u201d.")
    if make_url(_psycopg_url(url)).password:
        raise ServerError(f"{path} holds a password; Curator never keeps one in a file. Remove "
                          "it and use ~/.pgpass or PGPASSWORD.")
    cache = parser.get("curator-team", "cache", fallback="").strip()
    return url, (Path(cache).expanduser() if cache else default_cache(url))


def write_team_file(path: Path, url: str, cache: Path | None = None) -> Path:
    """Write a connection file for `url` (without its password); returns its path."""
    if not path.name.endswith(TEAM_FILE_SUFFIX):
        path = path.with_name(path.name + TEAM_FILE_SUFFIX)
    lines = ["[curator-team]", f"url = {without_password(url)}"]
    if cache is not None:
        lines.append(f"cache = {cache}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def connection_error(exc: BaseException, shown: str) -> ServerError:
    """One line for a failed connection: unreachable, wrong password, no such database."""
    text = _first_line(getattr(exc, "orig", None) or exc)
    lowered = str(getattr(exc, "orig", None) or exc).lower()  # every line of libpq's words
    if "password authentication failed" in lowered:
        why = "wrong password (or user name)"
    elif "no password supplied" in lowered:
        why = "the server wants a password: put it in ~/.pgpass or PGPASSWORD"
    elif "does not exist" in lowered and "database" in lowered:
        why = "no such database on the server"
    elif "role" in lowered and "does not exist" in lowered:
        why = "no such user on the server"
    elif any(w in lowered for w in ("connection refused", "no such file", "could not translate",
                                    "timeout", "timed out", "name or service",
                                    "could not connect", "connection failed",
                                    "is the server running")):
        why = "the server is unreachable"
    else:
        why = text
    error = ServerError(f"{shown}: {why}.")
    # the desk then asks for the password (never kept); the command line uses libpq's ways
    error.needs_password = "password" in why
    return error


def _first_line(exc: object) -> str:
    text = str(exc).strip()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("connection failed: connection to server",)):
            return line.removeprefix("FATAL:").strip()
    return text.splitlines()[0] if text else type(exc).__name__


def server_engine(url: str, *, password: str | None = None, pool_size: int = 5) -> Engine:
    """An engine on the server (nothing is connected until it is used)."""
    address = make_url(_psycopg_url(url))
    if password is not None:
        address = address.set(password=password)
    return create_engine(address, pool_size=pool_size, pool_pre_ping=False,
                         connect_args={"connect_timeout": 10,
                                       "application_name": "Curator"})


def read_server_revision(conn: Connection) -> str | None:
    if conn.exec_driver_sql("SELECT to_regclass('alembic_version')").scalar() is None:
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


class ServerArchive:
    """An open catalogue on a server, with the attributes of a folder's `Archive`.

    `folder` is this machine's cache of the catalogue (thumbnails, web sizes and the
    originals it has fetched); the catalogue and the originals live on the server.
    """

    kind = "server"
    damage: list[str]

    def __init__(self, url: str, engine: Engine, cache: Path, *, name: str = "",
                 lock_timeout: float = LOCK_TIMEOUT) -> None:
        self.url = without_password(url)
        self.location: str | Path = url  # what opens it again (an address or a file)
        self.engine = engine
        self.folder = cache
        self.read_only = False
        self.damage = []
        # the user's team role, as the server grants it (store/roles.py); the server
        # refuses what it does not allow, and the desk greys that out beforehand
        self.role = "admin"
        self.lock_timeout = lock_timeout
        # told to NOTIFY with every write, so a desk can tell its own changes from others'
        self.writer_token = uuid.uuid4().hex
        # this open catalogue among others: the history says which desk wrote each change
        self.desk = self.writer_token[:16]
        self._user_name = ""
        self._name = name or (urlsplit(self.url).path.strip("/") or self.url)
        self.write_engine = engine.execution_options(curator_write=True)

        @event.listens_for(engine, "begin")
        def _on_begin(conn: Connection) -> None:
            if conn.get_execution_options().get("curator_write"):
                # One writer at a time per catalogue, as on SQLite: a bulk import and a
                # form's save never interleave their ids. Waits at most lock_timeout.
                conn.exec_driver_sql(
                    f"SET LOCAL lock_timeout = '{int(self.lock_timeout * 1000)}ms'")
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK})")
                # Delivered only if the transaction commits; once per transaction.
                conn.exec_driver_sql(f"NOTIFY {CHANNEL}, '{self.writer_token}'")

    # -- locations -------------------------------------------------------------------
    @property
    def address(self) -> str:
        """Where the catalogue is, as shown (never with a password)."""
        return self.url

    @property
    def database_path(self) -> str:
        """What names the catalogue in messages (the address, without a password)."""
        return self.url

    @property
    def stills_dir(self) -> Path:
        """This machine's copies of originals fetched from the server (safe to delete)."""
        return self.folder / "originals"

    @property
    def sources_dir(self) -> Path:
        """This machine's copies of printed sources' files fetched from the server (safe
        to delete; see server_files.py)."""
        return self.folder / "sources"

    @property
    def cache_dir(self) -> Path:
        return self.folder / "cache"

    @property
    def backups_dir(self) -> Path:
        return self.folder / "backups"

    @property
    def name(self) -> str:
        return self._name

    @property
    def originals_on_server(self) -> bool:
        return True

    # -- who is writing ---------------------------------------------------------------
    @property
    def user_name(self) -> str:
        """Who the history names for this desk's changes: the server's user, whatever the
        desk's preferences say (the server knows who logged in)."""
        if not self._user_name:
            with self.engine.connect() as conn:
                self._user_name = conn.exec_driver_sql("SELECT current_user").scalar() or "unknown"
        return self._user_name

    @user_name.setter
    def user_name(self, name: str) -> None:
        # for tools that copy or replay changes; the desk leaves the server's user in place
        self._user_name = " ".join(name.split())[:200]

    def change_token(self) -> object:
        """Something that differs once anyone has written to the catalogue since it was last
        asked: the newest history entry's id."""
        return newest_history_id(self.engine)

    # -- refusing writes -------------------------------------------------------------
    def refuse_writes(self) -> None:
        if self.read_only:
            raise ArchiveReadOnly(f"{self.url} is open read-only.")

    def verify(self) -> None:
        """The server keeps its own pages sound; nothing to check from here."""

    def integrity_problems(self) -> list[str]:
        return []

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def open(cls, where: str | os.PathLike[str], *, password: str | None = None,
             lock_timeout: float | None = None) -> ServerArchive:
        """Open the catalogue at an address or a `.curator-team` file; refuse, in one
        line, a server that cannot be reached, a wrong password, a database without a
        Curator catalogue, or one made by a newer Curator."""
        text = str(where)
        name = ""
        if text.endswith(TEAM_FILE_SUFFIX) and not text.startswith(SCHEMES):
            path = Path(text).expanduser()
            url, cache = read_team_file(path)
            name = path.name.removesuffix(TEAM_FILE_SUFFIX)
        else:
            url, cache = text, default_cache(text)
        shown = without_password(url)
        engine = server_engine(url, password=password)
        try:
            with engine.connect() as conn:
                revision = read_server_revision(conn)
        except SQLAlchemyError as exc:
            engine.dispose()
            raise connection_error(exc, shown) from None
        except BaseException:
            engine.dispose()
            raise
        if revision is None:
            engine.dispose()
            raise ServerError(f"{shown}: the database holds no Curator catalogue; run "
                              f"\u201ccurator team init {shown}\u201d first.")
        if revision not in SCHEMA_REVISIONS:
            engine.dispose()
            raise ServerError(f"{shown} was upgraded by a newer version of Curator "
                              f"(schema {revision}); upgrade Curator to open it.")
        timeout = LOCK_TIMEOUT if lock_timeout is None else lock_timeout
        archive = cls(url, engine, cache, name=name, lock_timeout=timeout)
        if revision == SCHEMA_HEAD:
            from curator.store.roles import role_of

            with engine.connect() as conn:
                archive.role = role_of(conn)
        archive.location = Path(text).expanduser() if name else text
        if revision != SCHEMA_HEAD:
            archive.close()
            raise ServerError(f"{shown} holds a catalogue of an older Curator (schema "
                              f"{revision}); an admin upgrades it with \u201ccurator team "
                              f"upgrade {shown} --backup FILE\u201d.")
        return archive

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> ServerArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ----------------------------------------------------------------------
    def schema_revision(self) -> str | None:
        with self.engine.connect() as conn:
            return read_server_revision(conn)

    def backup(self, reason: str = "manual") -> Path:
        raise ArchiveError(f"{self.url}: back a server up with pg_dump (the server's own "
                           "backup); Curator does not copy it.")
