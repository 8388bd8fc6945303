"""What every part of the catalogue shares: the archive, reading sessions, units of work.

`CatalogCore` is held by each part of the facade (`catalog.films`, `catalog.people`...):
`read()` opens a session for reading; `write(label)` opens a unit of work whose
`changes` are there once it has committed. The functions below are the rules every
write applies: a missing record is NotFound, a stale version is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session, object_session

from curator.catalog.errors import NotFound, StaleVersion
from curator.catalog.history_rows import ago, last_change_of_row
from curator.catalog.unit import UnitOfWork, translate_errors, unit_of_work
from curator.store import AnyArchive

T = TypeVar("T")


class CatalogCore:
    """One archive's sessions: for reading, and for writing one user action."""

    def __init__(self, archive: AnyArchive) -> None:
        self.archive = archive

    @contextmanager
    def read(self) -> Iterator[Session]:
        with translate_errors(self.archive.database_path), \
                Session(self.archive.engine) as session:
            yield session

    @contextmanager
    def write(self, label: str) -> Iterator[UnitOfWork]:
        """One transaction; after the `with`, the unit's `changes` say what it changed."""
        with unit_of_work(self.archive, label) as uow:
            yield uow


class Operations:
    """The operations on one kind of record, sharing the archive's core."""

    def __init__(self, core: CatalogCore) -> None:
        self.core = core


def get_row(session: Session, entity: type[T], ident: int, what: str) -> T:
    """The row, or NotFound naming `what`."""
    obj = session.get(entity, ident)
    if obj is None:
        raise NotFound(f"There is no {what} with id {ident}.")
    return obj


def check_version(obj: Any, version: int | None, name: str) -> None:
    if version is not None and obj.version != version:
        raise StaleVersion(stale_message(obj, name))


def stale_message(obj: Any, name: str) -> str:
    """Why a save was refused, naming who changed the record meanwhile and when."""
    state = inspect(obj)
    key = tuple(state.mapper.primary_key_from_instance(obj))
    row = {attr.key: state.dict.get(attr.key) for attr in state.mapper.column_attrs}
    last = last_change_of_row(object_session(obj).connection(), obj.__tablename__, key, row)
    if last is not None:
        who = f"by {last.who} {ago(last.at)}"
    elif getattr(obj, "updated_at", None) is not None:  # a film's genre row keeps no time
        who = ago(obj.updated_at)
    else:
        who = "elsewhere"
    return (f"\u201c{name}\u201d was changed {who}; it has been reloaded, please make your "
            "change again.")


def set_fields(obj: Any, fields: dict[str, Any], allowed: set[str] | frozenset[str]
               ) -> list[str]:
    """Assign plain column values; returns the names of those that really changed."""
    changed = []
    for name, value in fields.items():
        if name not in allowed:
            raise TypeError(f"{type(obj).__name__} has no editable field {name!r}")
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed.append(name)
    return changed


def describe(changed: list[str], name: str, what: str = "") -> str:
    """An undo label: `Change year of From Russia with Rock` or `Edit From Russia with Rock`."""
    if len(changed) == 1:
        return f"Change {changed[0].replace('_', ' ')} of {name}"
    return f"Edit {what + ' ' if what else ''}{name}"
