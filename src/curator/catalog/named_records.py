"""Records the archivist names and keeps by that name: saved searches and the fields an
archive adds to its films. One set of rules for all of them: a name is found case aside,
a name must be given, fit its column and be the record's own, and renaming or removing one
is a single undoable step labelled with the names involved."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Protocol, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curator.catalog.changes import Changes
from curator.catalog.core import CatalogCore, get_row
from curator.catalog.errors import NotFound
from curator.catalog.text import clean_text


class Named(Protocol):
    name: str


R = TypeVar("R", bound=Named)


def clean_name(name: str) -> str:
    return clean_text(name).strip()


def find_named(records: Iterable[R], name: str, *, noun: str, known_are: str = "there are",
               none_there: str = "") -> R:
    """The record called `name` (case aside); NotFound naming the ones there are (after
    `known_are`), or saying `none_there` when there are none."""
    wanted = clean_name(name).casefold()
    known = list(records)
    for record in known:
        if record.name.casefold() == wanted:
            return record
    if known or not none_there:
        there = f"{known_are} " + ", ".join(f"\u201c{r.name}\u201d" for r in known)
    else:
        there = none_there
    raise NotFound(f"There is no {noun} called \u201c{name.strip()}\u201d; {there}.")


def name_problem(session: Session, entity: Any, name: str, *, noun: str, length: int,
                 own_id: int | None = None) -> str:
    """Why `name` cannot be the name of an `entity` row (the one of `own_id` when
    renaming), or "" when it can: it is given, fits, and no other row has it."""
    if not name:
        return f"A {noun} needs a name."
    if len(name) > length:
        return f"A {noun}'s name has at most {length} characters."
    taken = session.scalar(select(entity.id).where(
        func.lower(entity.name) == name.lower(), entity.id != (own_id or -1)))
    if taken is not None:
        return f"A {noun} is already called \u201c{name}\u201d."
    return ""


def rename(core: CatalogCore, entity: Any, row_id: int, name: str, *, noun: str,
           check: Callable[[Session, Any, str], None]) -> Changes:
    """Give the row another name, one undoable step; the same name again is no step.
    `check(session, row, name)` raises ValidationError when the name cannot be had."""
    name = clean_name(name)
    with core.write(f"Rename {noun}") as uow:
        row = get_row(uow.session, entity, row_id, noun)
        if row.name == name:
            return Changes(uow.label)  # nothing to do: no step
        check(uow.session, row, name)
        uow.label = f"Rename {noun} {row.name} to {name}"
        row.name = name
    return uow.changes


def remove(core: CatalogCore, entity: Any, row_id: int, *, noun: str,
           before: Callable[[Session, Any], None] | None = None) -> Changes:
    """Remove the row, one undoable step labelled with its name; `before(session, row)`
    removes what goes with it first."""
    with core.write(f"Remove {noun}") as uow:
        row = get_row(uow.session, entity, row_id, noun)
        uow.label = f"Remove {noun} {row.name}"
        if before is not None:
            before(uow.session, row)
        uow.session.delete(row)
    return uow.changes
