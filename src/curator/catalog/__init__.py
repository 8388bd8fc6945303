"""The catalogue's operations: the only code that opens database sessions.

`Catalog` is the facade the GUI, the command line and the tests all use. Every
mutation runs as one transaction and returns a `Changes`; `Catalog.undo`
inverts one, and returns the Changes of the undo, which redo inverts again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

from sqlalchemy import func, select

from curator.catalog.bulk import BulkOps, BulkResult, FilmData
from curator.catalog.bulk_edit import BulkEditOps, ChangeWords, EditPlan, FilmsChange
from curator.catalog.changes import Changes, RowChange
from curator.catalog.collections import CollectionOps
from curator.catalog.errors import (
    Cancelled,
    Conflict,
    InvalidRecords,
    NotFound,
    StaleVersion,
    ValidationError,
)
from curator.catalog.festivals import FestivalOps
from curator.catalog.film_edit import FilmEdit
from curator.catalog.films import FilmOps
from curator.catalog.importing import FilmImport, ImportOps, ImportResult, ScreeningRef
from curator.catalog.people import PersonOps
from curator.catalog.records import *  # noqa: F401,F403
from curator.catalog.replace import Replacement, ReplaceOps, ReplaceRule
from curator.catalog.same_film import SameFilmOps
from curator.catalog.search import FilmQuery, SearchOps
from curator.catalog.settings import setting_problems
from curator.catalog.snapshot import SnapshotOps
from curator.catalog.sort_keys import refresh_sort_keys
from curator.catalog.stills_meta import StillOps
from curator.catalog.text import clean_text
from curator.catalog.unit import (
    INDEX_SOURCES,
    SORT_KEY_SOURCES,
    affected_film_ids,
    apply_inverse,
    films_fed_by,
    translate_errors,
)
from curator.catalog.validation import raise_if
from curator.model import (
    Award,
    Collection,
    Credit,
    Edition,
    Festival,
    Film,
    NameVariant,
    Person,
    Quote,
    Screening,
    Section,
    Setting,
    Still,
)
from curator.store import Archive, search
from curator.store.archive import DATABASE_NAME

# What Archive.create makes in a new folder: all that a failed creation removes.
NEW_ARCHIVE_PARTS = (DATABASE_NAME, f"{DATABASE_NAME}-wal", f"{DATABASE_NAME}-shm",
                     f"{DATABASE_NAME}-journal", "stills", "cache", "backups")


def _remove_half_made(path: Path, keep_folder: bool) -> None:
    for name in NEW_ARCHIVE_PARTS:
        part = path / name
        if part.is_dir() and not part.is_symlink():
            shutil.rmtree(part, ignore_errors=True)
        else:
            part.unlink(missing_ok=True)
    if not keep_folder:
        with contextlib.suppress(OSError):
            path.rmdir()  # only if nothing else came in meanwhile

__all__ = [
    "BulkResult", "Cancelled", "Catalog", "Changes", "Conflict", "EditPlan", "FilmData",
    "FilmEdit", "FilmImport", "FilmsChange", "ReplaceRule", "Replacement",
    "FilmQuery", "ImportResult", "InvalidRecords", "NotFound", "RowChange", "ScreeningRef",
    "StaleVersion", "ValidationError",
]  # fmt: skip

COUNTED = {
    "films": Film, "people": Person, "name variants": NameVariant, "credits": Credit,
    "festivals": Festival, "editions": Edition, "sections": Section, "screenings": Screening,
    "awards": Award, "stills": Still, "quotes": Quote, "lists": Collection,
}  # fmt: skip


class Catalog(FilmOps, PersonOps, FestivalOps, CollectionOps, StillOps, SearchOps, BulkOps,
              BulkEditOps, ChangeWords, ReplaceOps, SameFilmOps, ImportOps, SnapshotOps):
    """All operations on one archive."""

    @classmethod
    def open(cls, folder: str | os.PathLike[str]) -> Catalog:
        with translate_errors(Path(folder) / DATABASE_NAME):
            return cls(Archive.open(folder))

    @classmethod
    def create(cls, folder: str | os.PathLike[str]) -> Catalog:
        """A new, empty archive; if making it fails (a full disk), nothing of it is left."""
        path = Path(folder).expanduser().absolute()
        existed = path.exists()
        made_here = not existed or (path.is_dir() and not any(path.iterdir()))
        try:
            with translate_errors(path / DATABASE_NAME):
                return cls(Archive.create(path))
        except BaseException:
            if made_here and path.is_dir():
                _remove_half_made(path, keep_folder=existed)
            raise

    def close(self) -> None:
        self.archive.close()

    def undo(self, changes: Changes) -> Changes:
        """Write `changes` backwards; returns the Changes of doing so (undo them to redo)."""
        with translate_errors(self.archive.database_path), \
                self.archive.write_engine.begin() as conn:
            rows = tuple(apply_inverse(conn, changes))
            films = affected_film_ids(conn, rows)
            search.reindex_films(conn, films_fed_by(conn, rows, INDEX_SOURCES))
            refresh_sort_keys(conn, films_fed_by(conn, rows, SORT_KEY_SOURCES))
        return Changes(changes.label, rows, frozenset(films), changes.created_id)

    def counts(self) -> dict[str, int]:
        with self._read() as session:
            return {
                name: session.scalar(select(func.count()).select_from(entity)) or 0
                for name, entity in COUNTED.items()
            }

    def schema_revision(self) -> str | None:
        return self.archive.schema_revision()

    def setting(self, key: str, default: str = "") -> str:
        with self._read() as session:
            row = session.get(Setting, key)
            return row.value if row else default

    def set_setting(self, key: str, value: str) -> None:
        value = clean_text(value)
        raise_if(setting_problems(key, value))
        with translate_errors(self.archive.database_path), \
                self.archive.write_engine.begin() as conn:
            table = Setting.__table__
            if conn.execute(select(table.c.key).where(table.c.key == key)).first():
                conn.execute(table.update().where(table.c.key == key).values(value=value))
            else:
                conn.execute(table.insert().values(key=key, value=value))
