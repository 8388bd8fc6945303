"""Operations on stills' records: caption, credit, alt text, order, primary, focal point.

The image files themselves are the business of `curator.stills`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from curator.catalog.changes import Changes
from curator.catalog.core import Operations, check_version, describe, get_row, set_fields
from curator.catalog.errors import ValidationError
from curator.catalog.films import still_record
from curator.catalog.records import StillRecord
from curator.model import Film, Person, Still
from curator.model.entities import utcnow
from curator.paths import is_sha256

STILL_COLUMNS = {"caption", "credit", "alt_text", "rights", "focal_x", "focal_y"}
FILE_COLUMNS = {"sha256", "width", "height", "format", "original_name"}


def bad_hash(value: object, owner: str) -> str:
    """The one line refusing a still whose hash is not a SHA-256."""
    return (f"A still of \u201c{owner}\u201d has the hash {value!r}, which is not a SHA-256 "
            "(64 lower-case hex characters); nothing was recorded.")


class Stills(Operations):
    """The records of stills and portraits (their files are `curator.stills`'s)."""

    def get(self, still_id: int) -> StillRecord:
        with self.core.read() as session:
            return still_record(get_row(session, Still, still_id, "still"))

    def of(self, *, film_id: int | None = None, person_id: int | None = None
                  ) -> list[StillRecord]:
        with self.core.read() as session:
            q = select(Still).order_by(Still.position, Still.id)
            q = q.where(Still.film_id == film_id) if film_id is not None else q.where(
                Still.person_id == person_id)
            return [still_record(s) for s in session.scalars(q)]

    def references(self, sha256: str) -> int:
        with self.core.read() as session:
            return session.scalar(
                select(func.count()).select_from(Still).where(Still.sha256 == sha256)) or 0

    def all_hashes(self) -> list[tuple[str, int | None, int | None]]:
        with self.core.read() as session:
            return list(session.execute(
                select(Still.sha256, Still.film_id, Still.person_id).order_by(Still.id)))

    def add(self, files: list[dict[str, Any]], *, film_id: int | None = None,
                   person_id: int | None = None) -> Changes:
        """Record already-stored images on a film (or as a person's portraits)."""
        if (film_id is None) == (person_id is None):
            raise ValidationError({"film_id": "A still belongs to one film or one person."})
        with self.core.write("Add stills") as uow:
            owner = (get_row(uow.session, Film, film_id, "film") if film_id is not None
                     else get_row(uow.session, Person, person_id, "person"))
            existing = owner.stills if film_id is not None else owner.portraits
            name = getattr(owner, "title", None) or owner.name
            for meta in files:
                if not is_sha256(meta.get("sha256")):
                    raise ValidationError({"sha256": bad_hash(meta.get("sha256"), name)})
            uow.label = (f"Add still to {name}" if len(files) == 1
                         else f"Add {len(files)} stills to {name}")
            position = max((s.position for s in existing), default=-1) + 1
            for n, meta in enumerate(files):
                still = Still(film_id=film_id, person_id=person_id, position=position + n,
                              is_primary=not existing and n == 0)
                set_fields(still, meta, FILE_COLUMNS | STILL_COLUMNS)
                uow.session.add(still)
            owner.updated_at = utcnow()
            uow.session.flush()
            uow.created_id = still.id if files else None
        return uow.changes

    def update(self, still_id: int, version: int | None, **fields: Any) -> Changes:
        for axis in ("focal_x", "focal_y"):
            if axis in fields and not 0.0 <= fields[axis] <= 1.0:
                raise ValidationError({axis: "The focal point must lie inside the image."})
        with self.core.write("Edit still") as uow:
            still = get_row(uow.session, Still, still_id, "still")
            check_version(still, version, still.original_name or "still")
            changed = set_fields(still, fields, STILL_COLUMNS)
            uow.label = describe(changed, "still")
            self._touch_owner(uow.session, still)
        return uow.changes

    def set_primary(self, still_id: int) -> Changes:
        with self.core.write("Set primary still") as uow:
            still = get_row(uow.session, Still, still_id, "still")
            for other in self._siblings(uow.session, still):
                if other.is_primary != (other.id == still_id):
                    other.is_primary = other.id == still_id
            self._touch_owner(uow.session, still)
        return uow.changes

    def reorder(self, still_ids: list[int]) -> Changes:
        with self.core.write("Reorder stills") as uow:
            stills = [get_row(uow.session, Still, i, "still") for i in still_ids]
            for position, still in enumerate(stills):
                if still.position != position:
                    still.position = position
            if stills:
                self._touch_owner(uow.session, stills[0])
        return uow.changes

    def delete(self, still_id: int) -> Changes:
        """Delete a still's record; its file is the image store's to collect."""
        with self.core.write("Delete still") as uow:
            still = get_row(uow.session, Still, still_id, "still")
            siblings = [s for s in self._siblings(uow.session, still) if s.id != still_id]
            if still.is_primary and siblings:
                siblings[0].is_primary = True
            self._touch_owner(uow.session, still)
            uow.session.delete(still)
        return uow.changes

    @staticmethod
    def _siblings(session: Any, still: Still) -> list[Still]:
        q = select(Still).order_by(Still.position, Still.id)
        q = q.where(Still.film_id == still.film_id) if still.film_id is not None else q.where(
            Still.person_id == still.person_id)
        return list(session.scalars(q))

    @staticmethod
    def _touch_owner(session: Any, still: Still) -> None:
        owner = session.get(Film, still.film_id) if still.film_id else session.get(
            Person, still.person_id)
        if owner is not None:
            owner.updated_at = utcnow()
