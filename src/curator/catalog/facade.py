"""The `Catalog` facade: all operations on one archive, composed of parts, one per kind of
record, each holding the archive's shared core (catalog/core.py). `curator.catalog`
names it and the catalogue's records, errors and queries (see catalog/__init__.py)."""

from __future__ import annotations

import contextlib
import importlib
import os
import shutil
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import text

from curator.catalog.changes import Changes
from curator.catalog.core import CatalogCore
from curator.catalog.glance import COUNTED_TABLES
from curator.catalog.sort_keys import keys_moved_by, refresh_sort_keys
from curator.catalog.unit import (
    SORT_KEY_SOURCES,
    affected_film_ids,
    apply_inverse,
    films_fed_by,
    reindex,
    translate_errors,
    write_transaction,
)
from curator.store import (
    AnyArchive,
    Archive,
    ChangeWatch,
    is_server_location,
    open_archive,
    watch_changes,
)
from curator.store.archive import DATABASE_NAME

if TYPE_CHECKING:
    from curator.catalog.addresses import Addresses
    from curator.catalog.bulk_edit import BulkEdits
    from curator.catalog.collections import Lists
    from curator.catalog.duplicates import Duplicates
    from curator.catalog.festivals import Awards, Editions, Festivals, Sections
    from curator.catalog.film_fields import FilmFields
    from curator.catalog.films import Films
    from curator.catalog.history import History
    from curator.catalog.importing import Imports
    from curator.catalog.people import People
    from curator.catalog.replace import Replacing
    from curator.catalog.saved_searches import SavedSearches
    from curator.catalog.search import Search
    from curator.catalog.settings import Settings
    from curator.catalog.snapshot import Snapshot
    from curator.catalog.sources import Sources
    from curator.catalog.stills_meta import Stills
    from curator.catalog.vocabulary import Vocabulary

P = TypeVar("P")

# What Archive.create makes in a new folder: all that a failed creation removes.
NEW_ARCHIVE_PARTS = (DATABASE_NAME, f"{DATABASE_NAME}-wal", f"{DATABASE_NAME}-shm",
                     f"{DATABASE_NAME}-journal", "stills", "sources", "cache",
                     "backups")


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




class _Part(Generic[P]):
    """A part of the catalogue made when first used: a command that never imports a
    spreadsheet or finds duplicates does not load their modules (a re-export or a search
    as a new process starts that much sooner)."""

    def __init__(self, module: str, name: str) -> None:
        self.module, self.name, self.attr = module, name, ""

    def __set_name__(self, owner: type, attr: str) -> None:
        self.attr = attr

    def __get__(self, catalog: Any, owner: type | None = None) -> P:
        if catalog is None:
            return self  # type: ignore[return-value]
        # the desk's threads may ask at once: one part each, as a part may keep a cache
        with _MAKING:
            part = catalog.__dict__.get(self.attr)
            if part is None:
                part = getattr(importlib.import_module(self.module), self.name)(catalog._core)
                catalog.__dict__[self.attr] = part  # from now on an attribute like others
        return part


_MAKING = threading.RLock()


class Catalog:
    """All operations on one archive, by kind of record."""

    films: _Part[Films] = _Part("curator.catalog.films", "Films")
    people: _Part[People] = _Part("curator.catalog.people", "People")
    festivals: _Part[Festivals] = _Part("curator.catalog.festivals", "Festivals")
    editions: _Part[Editions] = _Part("curator.catalog.festivals", "Editions")
    sections: _Part[Sections] = _Part("curator.catalog.festivals", "Sections")
    awards: _Part[Awards] = _Part("curator.catalog.festivals", "Awards")
    stills: _Part[Stills] = _Part("curator.catalog.stills_meta", "Stills")
    search: _Part[Search] = _Part("curator.catalog.search", "Search")
    settings: _Part[Settings] = _Part("curator.catalog.settings", "Settings")
    addresses: _Part[Addresses] = _Part("curator.catalog.addresses", "Addresses")
    lists: _Part[Lists] = _Part("curator.catalog.collections", "Lists")
    imports: _Part[Imports] = _Part("curator.catalog.importing", "Imports")
    snapshot: _Part[Snapshot] = _Part("curator.catalog.snapshot", "Snapshot")
    vocabulary: _Part[Vocabulary] = _Part("curator.catalog.vocabulary", "Vocabulary")
    history: _Part[History] = _Part("curator.catalog.history", "History")
    sources: _Part[Sources] = _Part("curator.catalog.sources", "Sources")
    bulk: _Part[BulkEdits] = _Part("curator.catalog.bulk_edit", "BulkEdits")
    replace: _Part[Replacing] = _Part("curator.catalog.replace", "Replacing")
    saved_searches: _Part[SavedSearches] = _Part("curator.catalog.saved_searches",
                                                 "SavedSearches")
    duplicates: _Part[Duplicates] = _Part("curator.catalog.duplicates", "Duplicates")
    fields: _Part[FilmFields] = _Part("curator.catalog.film_fields", "FilmFields")

    def __init__(self, archive: AnyArchive) -> None:
        self.archive = archive
        self._core = CatalogCore(archive)

    @classmethod
    def open(cls, where: str | os.PathLike[str], *, password: str | None = None) -> Catalog:
        """Open an archive folder, or a catalogue on a server (an address or a
        `.curator-team` file; `password` when libpq finds none of its own)."""
        shown = where if is_server_location(where) else Path(where) / DATABASE_NAME
        with translate_errors(shown):
            return cls(open_archive(where, password=password))

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

    def undo(self, changes: Changes, label: str = "") -> Changes:
        """Write `changes` backwards; returns the Changes of doing so (undo them to redo).

        `label` is what the history calls this step (`Undo Change year of Assa`, or `Redo
        ...`); by default `Undo` and the step's own label.
        """
        with write_transaction(self.archive, label or f"Undo {changes.label}") as writing:
            conn = writing.conn
            rows = tuple(apply_inverse(conn, changes))
            films = affected_film_ids(conn, rows)
            reindex(conn, rows)
            keyed = tuple(r for r in rows if r.table in SORT_KEY_SOURCES)
            refresh_sort_keys(conn, films_fed_by(conn, keyed, SORT_KEY_SOURCES),
                              keys_moved_by({r.table for r in keyed}))
            writing.rows = rows
        return Changes(changes.label, rows, frozenset(films), changes.created_id)

    def watch_changes(self) -> ChangeWatch:
        """A watch whose wait() returns once another Curator changed the catalogue (see
        store/watch.py): on a server as that change commits, in a folder within a
        quarter of a second."""
        return watch_changes(self.archive)

    def counts(self) -> dict[str, int]:
        with self._core.read() as session:
            return {
                name: session.scalar(text(f"SELECT count(*) FROM {table}")) or 0
                for name, table in COUNTED_TABLES.items()
            }

    def schema_revision(self) -> str | None:
        return self.archive.schema_revision()
