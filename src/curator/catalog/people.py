"""Operations on people: create, edit, delete, merge duplicates, find by any spelling."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from curator.catalog.changes import Changes
from curator.catalog.core import Operations, check_version, describe, get_row, set_fields
from curator.catalog.errors import Conflict
from curator.catalog.export_reads import people_in_bulk
from curator.catalog.film_merge import KEEP, OTHER, MergeRow, read_choices
from curator.catalog.films import still_record
from curator.catalog.naming import slugify, sort_name
from curator.catalog.people_list import PeoplePage, people_page
from curator.catalog.records import ExternalIdData, PersonRecord
from curator.catalog.sources import forget_citations
from curator.catalog.validation import person_problems, raise_if
from curator.model import (
    Award,
    Citation,
    Credit,
    ExternalId,
    Film,
    NameVariant,
    Person,
    Still,
)
from curator.model.entities import utcnow

PERSON_COLUMNS = {
    "name", "sort_name", "slug", "birth_year", "death_year", "country", "biography", "notes",
    "state",
}  # fmt: skip
# The fields whose value a merge of two people chooses, with their names in the dialog.
PERSON_CHOSEN_FIELDS = {
    "name": "Name", "birth_year": "Born", "death_year": "Died", "country": "Country",
    "biography": "Biography", "notes": "Notes",
}  # fmt: skip


class People(Operations):
    """People: create, edit, delete, merge duplicates, find by any spelling."""

    def get(self, person_id: int) -> PersonRecord:
        with self.core.read() as session:
            p = session.scalars(
                select(Person)
                .where(Person.id == person_id)
                .options(selectinload(Person.variants), selectinload(Person.external_ids),
                         selectinload(Person.portraits))
            ).first()
            if p is None:
                get_row(session, Person, person_id, "person")
            films = session.execute(
                select(Film.id, Film.title, Film.year, Credit.role)
                .join(Credit, Credit.film_id == Film.id)
                .where(Credit.person_id == person_id)
                .order_by(Film.year, Film.sort_title, Credit.position)
            ).all()
            return PersonRecord(
                **{c: getattr(p, c) for c in PERSON_COLUMNS},
                id=p.id,
                version=p.version,
                variants=tuple(v.name for v in p.variants),
                external_ids=tuple(ExternalIdData(e.scheme, e.value) for e in p.external_ids),
                filmography=tuple((r.id, r.title, r.year, r.role) for r in films),
                portraits=tuple(still_record(s) for s in p.portraits),
                updated_at=p.updated_at,
            )

    def get_many(self, person_ids: Iterable[int]) -> dict[int, PersonRecord]:
        """These people by id, read in bulk; `filmography` is left empty (the export
        lists only the films it writes)."""
        return people_in_bulk(self.core, person_ids)

    def page(self, text: str = "", limit: int = 200, offset: int = 0) -> PeoplePage:
        """People whose name or a name variant contains `text`, by sort name."""
        return people_page(self.core, text, limit, offset)

    def find(self, text: str, limit: int = 20) -> list[tuple[int, str, str]]:
        """People whose name or a name variant holds text, blind to case and accents
        ("kaurismäki" finds Aki Kaurismaki, "KAURIS" too), by sort name.

        Returns (id, name, the variant that matched or "") for completion lists.
        """
        from curator.catalog.matching import fold
        from curator.catalog.query_sql import may_hold

        needle = fold(text)
        if not needle:
            return []
        with self.core.read() as session:
            rows = session.execute(
                select(Person.id, Person.name, NameVariant.name)
                .outerjoin(NameVariant, NameVariant.person_id == Person.id)
                .where(or_(may_hold(session, Person.name, needle),
                           may_hold(session, NameVariant.name, needle)))
                .order_by(Person.sort_name, Person.id)
            ).all()
        found: dict[int, tuple[int, str, str]] = {}
        typed = text.strip().casefold()
        for pid, name, variant in rows:
            in_name = needle in fold(name)
            in_variant = bool(variant) and needle in fold(variant)
            if not (in_name or in_variant):
                continue
            # the spelling typed, accents and all, is the one to show
            hit = "" if typed in name.casefold() or not in_variant or (
                in_name and typed not in variant.casefold()) else variant
            if pid not in found or (found[pid][2] and not hit):
                found[pid] = (pid, name, hit)
            if len(found) > limit:
                break
        return list(found.values())[:limit]

    def named(self, name: str) -> int | None:
        """The id of the person with exactly this name or name variant (case-insensitive)."""
        folded = name.strip().casefold()
        with self.core.read() as session:
            row = session.execute(
                select(Person.id).where(func.lower(Person.name) == folded).limit(1)
            ).first() or session.execute(
                select(NameVariant.person_id).where(func.lower(NameVariant.name) == folded).limit(1)
            ).first()
            return row[0] if row else None

    def create(self, name: str, **fields: Any) -> Changes:
        variants = fields.pop("variants", ())
        external_ids = fields.pop("external_ids", ())
        raise_if(person_problems({"name": name, **fields}))
        with self.core.write(f"Create person {name.strip()}") as uow:
            person = Person(
                name=name.strip(),
                sort_name=fields.pop("sort_name", None) or sort_name(name),
                slug=fields.pop("slug", None) or slugify(name, "person"),
            )
            set_fields(person, fields, PERSON_COLUMNS)
            person.variants = [NameVariant(name=v.strip()) for v in dict.fromkeys(variants)]
            person.external_ids = [ExternalId(scheme=e.scheme, value=e.value) for e in external_ids]
            uow.session.add(person)
            uow.session.flush()
            uow.created_id = person.id
        return uow.changes

    def update(self, person_id: int, version: int | None, **fields: Any) -> Changes:
        raise_if(person_problems(fields))
        with self.core.write("Edit person") as uow:
            person = get_row(uow.session, Person, person_id, "person")
            check_version(person, version, person.name)
            name = person.name
            variants = fields.pop("variants", None)
            external_ids = fields.pop("external_ids", None)
            if "name" in fields:
                fields["name"] = fields["name"].strip()
                if "sort_name" not in fields and person.sort_name == sort_name(person.name):
                    fields["sort_name"] = sort_name(fields["name"])
            changed = set_fields(person, fields, PERSON_COLUMNS)
            if variants is not None:
                wanted = [v.strip() for v in dict.fromkeys(variants) if v.strip()]
                if wanted != [v.name for v in person.variants]:
                    for v in list(person.variants):
                        uow.session.delete(v)
                    person.variants.clear()
                    uow.session.flush()
                    person.variants.extend(NameVariant(name=v) for v in wanted)
                    changed.append("name variants")
            if external_ids is not None:
                wanted_ids = [ExternalIdData(e.scheme, e.value) for e in external_ids]
                if wanted_ids != [ExternalIdData(e.scheme, e.value) for e in person.external_ids]:
                    for e in list(person.external_ids):
                        uow.session.delete(e)
                    person.external_ids.clear()
                    person.external_ids.extend(
                        ExternalId(scheme=e.scheme, value=e.value) for e in wanted_ids
                    )
                    changed.append("external ids")
            uow.label = describe([c for c in changed if c != "sort_name"] or changed, name)
            if changed:
                person.updated_at = utcnow()
        return uow.changes

    def delete(self, person_id: int) -> Changes:
        """Delete a person with their credits and awards (the GUI asks first if there are any)."""
        with self.core.write("Delete person") as uow:
            person = get_row(uow.session, Person, person_id, "person")
            uow.label = f"Delete {person.name}"
            for row in uow.session.scalars(select(Credit).where(Credit.person_id == person_id)):
                uow.session.delete(row)
            for row in uow.session.scalars(select(Award).where(Award.person_id == person_id)):
                uow.session.delete(row)
            forget_citations(uow.session, person_id=person_id)
            uow.session.delete(person)
        return uow.changes

    def credit_count(self, person_id: int) -> int:
        with self.core.read() as session:
            return session.scalar(
                select(func.count()).select_from(Credit).where(Credit.person_id == person_id)
            ) or 0

    def merge_rows(self, keep: PersonRecord, other: PersonRecord) -> list[MergeRow]:
        """The chosen fields of two people side by side (as film_merge_rows for films)."""
        rows = []
        for name, label in PERSON_CHOSEN_FIELDS.items():
            mine = "" if getattr(keep, name) is None else str(getattr(keep, name))
            theirs = "" if getattr(other, name) is None else str(getattr(other, name))
            rows.append(MergeRow(name, label, mine, theirs,
                                 OTHER if not mine.strip() and theirs.strip() else KEEP))
        return rows

    def merge(self, survivor_id: int, other_id: int,
              choices: Mapping[str, str] | None = None) -> Changes:
        """Fold `other` into `survivor`: credits, awards and portraits move, the name not
        kept becomes a variant; `choices` say, field by field, whose value stays (KEEP or
        OTHER; by default the survivor's, unless empty)."""
        chosen = read_choices(choices or {}, PERSON_CHOSEN_FIELDS)
        if survivor_id == other_id:
            raise Conflict("Choose two different people to merge.")
        with self.core.write("Merge people") as uow:
            s = uow.session
            survivor = get_row(s, Person, survivor_id, "person")
            other = get_row(s, Person, other_id, "person")
            uow.label = f"Merge {other.name} into {survivor.name}"
            names = [survivor.name, *(v.name for v in survivor.variants),
                     other.name, *(v.name for v in other.variants)]
            held = {
                (c.film_id, c.role, c.character)
                for c in s.scalars(select(Credit).where(Credit.person_id == survivor_id))
            }
            for credit in list(s.scalars(select(Credit).where(Credit.person_id == other_id))):
                key = (credit.film_id, credit.role, credit.character)
                if key in held:
                    s.delete(credit)  # the film already credits the survivor in this role
                else:
                    credit.person_id = survivor_id
                    held.add(key)
            for award in s.scalars(select(Award).where(Award.person_id == other_id)):
                award.person_id = survivor_id
            for field in PERSON_CHOSEN_FIELDS:
                mine, theirs = getattr(survivor, field), getattr(other, field)
                side = chosen.get(field) or (OTHER if mine in (None, "") and
                                             theirs not in (None, "") else KEEP)
                if side == OTHER and mine != theirs:
                    if field == "name" and survivor.sort_name == sort_name(survivor.name):
                        survivor.sort_name = sort_name(theirs)
                    setattr(survivor, field, theirs)
            for v in list(survivor.variants):
                if v.name.casefold() == survivor.name.casefold():
                    survivor.variants.remove(v)  # the name it now has is no variant
            s.flush()
            known = {survivor.name.casefold()} | {v.name.casefold() for v in survivor.variants}
            for name in names:
                if name.casefold() not in known:
                    survivor.variants.append(NameVariant(name=name))
                    known.add(name.casefold())
            have = {(e.scheme, e.value) for e in survivor.external_ids}
            for e in list(other.external_ids):
                if (e.scheme, e.value) not in have:
                    survivor.external_ids.append(ExternalId(scheme=e.scheme, value=e.value))
            start = max((p.position for p in survivor.portraits), default=-1) + 1
            has_primary = any(p.is_primary for p in survivor.portraits)
            for still in s.scalars(select(Still).where(Still.person_id == other_id)):
                still.person_id, still.position = survivor_id, start + still.position
                still.is_primary = still.is_primary and not has_primary
            cited = s.scalar(select(Citation.id).where(Citation.person_id == survivor_id))
            if cited is None:
                for citation in s.scalars(select(Citation).where(Citation.person_id == other_id)):
                    citation.person_id = survivor_id
            forget_citations(s, person_id=other_id)
            s.flush()
            s.expire(other)  # its portraits have moved: deleting it must not take them
            s.delete(other)
            survivor.updated_at = utcnow()
        return uow.changes
