"""The fields an archive adds to its films ("Print source", "Copyright holder", "Shelf
mark"): defining, renaming and removing them, each one undoable step through the one write
path. What each film holds in them is a film part (`field_values`, catalog/film_edit.py),
so film edits, history and catalogue files carry the values like any other part."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curator.catalog.changes import Changes
from curator.catalog.core import Operations, get_row
from curator.catalog.errors import NotFound, ValidationError
from curator.catalog.field_kinds import KIND_NAMES, kind_problem
from curator.catalog.text import clean_text
from curator.model import FilmField, FilmFieldValue

NAME_LENGTH = 100


@dataclass(frozen=True)
class FieldRecord:
    """One of the archive's own film fields, and how many films hold a value in it."""

    id: int
    name: str
    kind: str  # text, number or yesno (catalog/field_kinds.py)
    position: int
    films: int = 0

    @property
    def kind_name(self) -> str:
        return KIND_NAMES.get(self.kind, self.kind)


class FilmFields(Operations):
    """The archive's own film fields, in the order the film form shows them."""

    def all(self) -> list[FieldRecord]:
        with self.core.read() as session:
            counts = dict(session.execute(
                select(FilmFieldValue.field_id, func.count())
                .group_by(FilmFieldValue.field_id)).all())
            rows = session.scalars(select(FilmField).order_by(FilmField.position,
                                                              FilmField.id)).all()
            return [FieldRecord(r.id, r.name, r.kind, r.position, counts.get(r.id, 0))
                    for r in rows]

    def named(self, name: str) -> FieldRecord:
        """The field of that name (case aside); NotFound naming the fields there are."""
        wanted = clean_text(name).strip().casefold()
        known = self.all()
        for record in known:
            if record.name.casefold() == wanted:
                return record
        if known:
            there = "the fields are " + ", ".join(f"\u201c{r.name}\u201d" for r in known)
        else:
            there = "the archive has no fields of its own yet"
        raise NotFound(f"There is no field called \u201c{name.strip()}\u201d; {there}.")

    # -- changes ----------------------------------------------------------------------
    def add(self, name: str, kind: str = "text") -> Changes:
        """Add a field shown after the others; a name in use or an unknown kind is
        refused naming the problem."""
        name = clean_text(name).strip()
        if problem := kind_problem(kind):
            raise ValidationError({"kind": problem})
        with self.core.write(f"Add field {name}") as uow:
            _check_name(uow.session, name)
            last = uow.session.scalar(select(func.max(FilmField.position)))
            row = FilmField(name=name, kind=kind, position=(last or 0) + 1)
            uow.session.add(row)
            uow.session.flush()
            uow.created_id = row.id
        return uow.changes

    def rename(self, field_id: int, name: str) -> Changes:
        name = clean_text(name).strip()
        with self.core.write("Rename field") as uow:
            row = get_row(uow.session, FilmField, field_id, "field")
            if row.name == name:
                return Changes(uow.label)  # nothing to do: no step
            _check_name(uow.session, name, field_id)
            uow.label = f"Rename field {row.name} to {name}"
            row.name = name
        return uow.changes

    def remove(self, field_id: int) -> Changes:
        """Remove a field and what every film holds in it; Undo brings both back."""
        with self.core.write("Remove field") as uow:
            row = get_row(uow.session, FilmField, field_id, "field")
            uow.label = f"Remove field {row.name}"
            # each value goes as a row of its own, so the history holds it for Undo
            for value in uow.session.scalars(select(FilmFieldValue)
                                             .where(FilmFieldValue.field_id == field_id)):
                uow.session.delete(value)
            uow.session.flush()
            uow.session.delete(row)
        return uow.changes


def _check_name(session: Session, name: str, field_id: int | None = None) -> None:
    if not name:
        raise ValidationError({"name": "A field needs a name."})
    if len(name) > NAME_LENGTH:
        raise ValidationError({"name": f"A field's name has at most {NAME_LENGTH} "
                                       "characters."})
    taken = session.scalar(select(FilmField.id).where(
        func.lower(FilmField.name) == name.lower(), FilmField.id != (field_id or -1)))
    if taken is not None:
        raise ValidationError({"name": f"A field is already called \u201c{name}\u201d."})
