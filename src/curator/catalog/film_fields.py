"""The fields an archive adds to its films ("Print source", "Copyright holder", "Shelf
mark"): defining, renaming and removing them, each one undoable step through the one write
path. What each film holds in them is a film part (`field_values`, catalog/film_edit.py),
so film edits, history and catalogue files carry the values like any other part."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curator.catalog import named_records
from curator.catalog.changes import Changes
from curator.catalog.core import Operations
from curator.catalog.errors import ValidationError
from curator.catalog.field_kinds import KIND_NAMES, kind_problem
from curator.model import FilmField, FilmFieldValue

NOUN = "field"
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
        return named_records.find_named(
            self.all(), name, noun=NOUN, known_are="the fields are",
            none_there="the archive has no fields of its own yet")

    # -- changes ----------------------------------------------------------------------
    def add(self, name: str, kind: str = "text") -> Changes:
        """Add a field shown after the others; a name in use or an unknown kind is
        refused naming the problem."""
        name = named_records.clean_name(name)
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
        return named_records.rename(
            self.core, FilmField, field_id, name, noun=NOUN,
            check=lambda session, _row, new: _check_name(session, new, field_id))

    def remove(self, field_id: int) -> Changes:
        """Remove a field and what every film holds in it; Undo brings both back."""
        return named_records.remove(self.core, FilmField, field_id, noun=NOUN,
                                    before=_remove_values)


def _remove_values(session: Session, field: FilmField) -> None:
    # each value goes as a row of its own, so the history holds it for Undo
    for value in session.scalars(select(FilmFieldValue)
                                 .where(FilmFieldValue.field_id == field.id)):
        session.delete(value)
    session.flush()


def _check_name(session: Session, name: str, field_id: int | None = None) -> None:
    if problem := named_records.name_problem(session, FilmField, name, noun=NOUN,
                                             length=NAME_LENGTH, own_id=field_id):
        raise ValidationError({"name": problem})
