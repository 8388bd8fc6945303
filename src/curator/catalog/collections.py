"""Operations on retrospective lists: ordered, annotated selections of films."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from curator.catalog.changes import Changes
from curator.catalog.core import Operations, check_version, describe, get_row, set_fields
from curator.catalog.errors import ValidationError
from curator.catalog.naming import slugify
from curator.catalog.records import CollectionItemRecord, CollectionRecord
from curator.catalog.validation import raise_if
from curator.model import Collection, CollectionItem, Film, PublicationState
from curator.model.entities import utcnow

COLLECTION_COLUMNS = {"title", "slug", "curator", "introduction", "state"}


def _problems(values: dict[str, Any]) -> dict[str, str]:
    problems = {}
    if "title" in values and not str(values["title"] or "").strip():
        problems["title"] = "A list needs a title."
    if "state" in values and values["state"] not in set(PublicationState):
        problems["state"] = f"Unknown publication state \u201c{values['state']}\u201d."
    return problems


class Lists(Operations):
    """Retrospective lists: ordered, annotated selections of films."""

    def all(self) -> list[CollectionRecord]:
        with self.core.read() as session:
            rows = session.scalars(
                select(Collection)
                .options(selectinload(Collection.items).selectinload(CollectionItem.film))
                .order_by(Collection.title)
            )
            return [self._record(c) for c in rows]

    def get(self, collection_id: int) -> CollectionRecord:
        with self.core.read() as session:
            c = session.scalars(
                select(Collection)
                .where(Collection.id == collection_id)
                .options(selectinload(Collection.items).selectinload(CollectionItem.film))
            ).first()
            if c is None:
                get_row(session, Collection, collection_id, "list")
            return self._record(c)

    @staticmethod
    def _record(c: Collection) -> CollectionRecord:
        return CollectionRecord(
            **{k: getattr(c, k) for k in COLLECTION_COLUMNS},
            id=c.id,
            version=c.version,
            updated_at=c.updated_at,
            items=tuple(
                CollectionItemRecord(i.film_id, i.film.title, i.film.year, i.film.runtime,
                                     i.film.state, i.note, i.position)
                for i in c.items
            ),
        )

    def create(self, title: str, film_ids: list[int] = (), **fields: Any) -> Changes:
        raise_if(_problems({"title": title, **fields}))
        with self.core.write(f"Create list {title.strip()}") as uow:
            c = Collection(title=title.strip(), slug=fields.pop("slug", None)
                           or slugify(title, "list"))
            set_fields(c, fields, COLLECTION_COLUMNS)
            for position, film_id in enumerate(dict.fromkeys(film_ids)):
                get_row(uow.session, Film, film_id, "film")
                c.items.append(CollectionItem(film_id=film_id, position=position))
            uow.session.add(c)
            uow.session.flush()
            uow.created_id = c.id
        return uow.changes

    def update(self, collection_id: int, version: int | None, **fields: Any) -> Changes:
        raise_if(_problems(fields))
        with self.core.write("Edit list") as uow:
            c = get_row(uow.session, Collection, collection_id, "list")
            check_version(c, version, c.title)
            uow.label = describe(set_fields(c, fields, COLLECTION_COLUMNS), c.title, "list")
        return uow.changes

    def delete(self, collection_id: int) -> Changes:
        with self.core.write("Delete list") as uow:
            c = get_row(uow.session, Collection, collection_id, "list")
            uow.label = f"Delete list {c.title}"
            uow.session.delete(c)
        return uow.changes

    def add_films(
        self, collection_id: int, film_ids: list[int]
    ) -> tuple[Changes, list[int]]:
        """Append films; returns the changes and the ids that were already on the list."""
        with self.core.write("Add to list") as uow:
            c = get_row(uow.session, Collection, collection_id, "list")
            present = {i.film_id for i in c.items}
            already = [f for f in film_ids if f in present]
            new = [f for f in dict.fromkeys(film_ids) if f not in present]
            position = max((i.position for i in c.items), default=-1) + 1
            for film_id in new:
                film = get_row(uow.session, Film, film_id, "film")
                c.items.append(CollectionItem(film_id=film_id, position=position))
                position += 1
            uow.label = (f"Add {film.title} to {c.title}" if len(new) == 1
                         else f"Add {len(new)} films to {c.title}")
            if new:
                c.updated_at = utcnow()
        return uow.changes, already

    def remove_films(self, collection_id: int, film_ids: list[int]) -> Changes:
        with self.core.write("Remove from list") as uow:
            c = get_row(uow.session, Collection, collection_id, "list")
            doomed = [i for i in c.items if i.film_id in set(film_ids)]
            uow.label = (f"Remove {doomed[0].film.title} from {c.title}" if len(doomed) == 1
                         else f"Remove {len(doomed)} films from {c.title}")
            for item in doomed:
                c.items.remove(item)
                uow.session.delete(item)
            if doomed:
                c.updated_at = utcnow()
        return uow.changes

    def reorder(self, collection_id: int, film_ids: list[int]) -> Changes:
        """Put the list's films in this order (it must name each film on the list once)."""
        with self.core.write("Reorder list") as uow:
            c = get_row(uow.session, Collection, collection_id, "list")
            uow.label = f"Reorder {c.title}"
            items = {i.film_id: i for i in c.items}
            if sorted(items) != sorted(film_ids):
                raise ValidationError(
                    {"items": "The new order must name every film on the list once."})
            for position, film_id in enumerate(film_ids):
                if items[film_id].position != position:
                    items[film_id].position = position
            c.updated_at = utcnow()
        return uow.changes

    def annotate(self, collection_id: int, film_id: int, note: str) -> Changes:
        with self.core.write("Annotate") as uow:
            c = get_row(uow.session, Collection, collection_id, "list")
            for item in c.items:
                if item.film_id == film_id:
                    uow.label = f"Change note on {item.film.title} in {c.title}"
                    item.note = note.strip()
                    break
            else:
                raise ValidationError({"items": "That film is not on the list."})
        return uow.changes
