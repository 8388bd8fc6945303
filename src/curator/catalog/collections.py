"""Operations on retrospective lists: ordered, annotated selections of films."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from curator.catalog.base import CatalogBase, describe
from curator.catalog.changes import Changes
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


class CollectionOps(CatalogBase):
    def collections(self) -> list[CollectionRecord]:
        with self._read() as session:
            rows = session.scalars(
                select(Collection)
                .options(selectinload(Collection.items).selectinload(CollectionItem.film))
                .order_by(Collection.title)
            )
            return [self._record(c) for c in rows]

    def get_collection(self, collection_id: int) -> CollectionRecord:
        with self._read() as session:
            c = session.scalars(
                select(Collection)
                .where(Collection.id == collection_id)
                .options(selectinload(Collection.items).selectinload(CollectionItem.film))
            ).first()
            if c is None:
                self._get(session, Collection, collection_id, "list")
            return self._record(c)

    @staticmethod
    def _record(c: Collection) -> CollectionRecord:
        return CollectionRecord(
            **{k: getattr(c, k) for k in COLLECTION_COLUMNS},
            id=c.id,
            version=c.version,
            items=tuple(
                CollectionItemRecord(i.film_id, i.film.title, i.film.year, i.film.runtime,
                                     i.film.state, i.note, i.position)
                for i in c.items
            ),
        )

    def create_collection(self, title: str, film_ids: list[int] = (), **fields: Any) -> Changes:
        raise_if(_problems({"title": title, **fields}))
        out: list[Changes] = []
        with self._write(f"Create list {title.strip()}", out) as uow:
            c = Collection(title=title.strip(), slug=fields.pop("slug", None)
                           or slugify(title, "list"))
            self._set_fields(c, fields, COLLECTION_COLUMNS)
            for position, film_id in enumerate(dict.fromkeys(film_ids)):
                self._get(uow.session, Film, film_id, "film")
                c.items.append(CollectionItem(film_id=film_id, position=position))
            uow.session.add(c)
            uow.session.flush()
            uow.created_id = c.id
        return out[0]

    def update_collection(self, collection_id: int, version: int | None, **fields: Any) -> Changes:
        raise_if(_problems(fields))
        out: list[Changes] = []
        with self._write("Edit list", out) as uow:
            c = self._get(uow.session, Collection, collection_id, "list")
            self._check_version(c, version, c.title)
            uow.label = describe(self._set_fields(c, fields, COLLECTION_COLUMNS), c.title, "list")
        return out[0]

    def delete_collection(self, collection_id: int) -> Changes:
        out: list[Changes] = []
        with self._write("Delete list", out) as uow:
            c = self._get(uow.session, Collection, collection_id, "list")
            uow.label = f"Delete list {c.title}"
            uow.session.delete(c)
        return out[0]

    def add_to_collection(
        self, collection_id: int, film_ids: list[int]
    ) -> tuple[Changes, list[int]]:
        """Append films; returns the changes and the ids that were already on the list."""
        out: list[Changes] = []
        with self._write("Add to list", out) as uow:
            c = self._get(uow.session, Collection, collection_id, "list")
            present = {i.film_id for i in c.items}
            already = [f for f in film_ids if f in present]
            new = [f for f in dict.fromkeys(film_ids) if f not in present]
            position = max((i.position for i in c.items), default=-1) + 1
            for film_id in new:
                film = self._get(uow.session, Film, film_id, "film")
                c.items.append(CollectionItem(film_id=film_id, position=position))
                position += 1
            uow.label = (f"Add {film.title} to {c.title}" if len(new) == 1
                         else f"Add {len(new)} films to {c.title}")
            if new:
                c.updated_at = utcnow()
        return out[0], already

    def remove_from_collection(self, collection_id: int, film_ids: list[int]) -> Changes:
        out: list[Changes] = []
        with self._write("Remove from list", out) as uow:
            c = self._get(uow.session, Collection, collection_id, "list")
            doomed = [i for i in c.items if i.film_id in set(film_ids)]
            uow.label = (f"Remove {doomed[0].film.title} from {c.title}" if len(doomed) == 1
                         else f"Remove {len(doomed)} films from {c.title}")
            for item in doomed:
                c.items.remove(item)
                uow.session.delete(item)
            if doomed:
                c.updated_at = utcnow()
        return out[0]

    def reorder_collection(self, collection_id: int, film_ids: list[int]) -> Changes:
        """Put the list's films in this order (it must name each film on the list once)."""
        out: list[Changes] = []
        with self._write("Reorder list", out) as uow:
            c = self._get(uow.session, Collection, collection_id, "list")
            uow.label = f"Reorder {c.title}"
            items = {i.film_id: i for i in c.items}
            if sorted(items) != sorted(film_ids):
                raise ValidationError(
                    {"items": "The new order must name every film on the list once."})
            for position, film_id in enumerate(film_ids):
                if items[film_id].position != position:
                    items[film_id].position = position
            c.updated_at = utcnow()
        return out[0]

    def annotate(self, collection_id: int, film_id: int, note: str) -> Changes:
        out: list[Changes] = []
        with self._write("Annotate", out) as uow:
            c = self._get(uow.session, Collection, collection_id, "list")
            for item in c.items:
                if item.film_id == film_id:
                    uow.label = f"Change note on {item.film.title} in {c.title}"
                    item.note = note.strip()
                    break
            else:
                raise ValidationError({"items": "That film is not on the list."})
        return out[0]
