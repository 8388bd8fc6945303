"""Operations on festivals, their editions and sections, and the awards given there."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from curator.catalog.changes import Changes
from curator.catalog.core import (
    CatalogCore,
    Operations,
    check_version,
    describe,
    get_row,
    set_fields,
)
from curator.catalog.errors import ValidationError
from curator.catalog.films import award_record
from curator.catalog.naming import slugify
from curator.catalog.records import AwardRecord, EditionRecord, FestivalRecord, SectionRecord
from curator.catalog.sources import forget_sources
from curator.catalog.validation import check_year, raise_if
from curator.catalog.wording import edition_name
from curator.model import Award, AwardResult, Edition, Festival, Film, Person, Screening, Section
from curator.model.entities import utcnow

FESTIVAL_COLUMNS = {"name", "short_name", "slug", "city", "country", "description"}
EDITION_COLUMNS = {
    "year", "number", "slug", "starts_on", "ends_on", "intro", "opening_film_id", "state",
}  # fmt: skip
SECTION_COLUMNS = {"name", "slug", "description", "position"}
AWARD_COLUMNS = {"name", "film_id", "person_id", "result", "edition_id"}


def _required(values: dict[str, Any], field: str, message: str) -> dict[str, str]:
    if field in values and not str(values[field] or "").strip():
        return {field: message}
    return {}


def _edition_problems(values: dict[str, Any]) -> dict[str, str]:
    problems = {}
    if "year" in values:
        if values["year"] is None:
            problems["year"] = "An edition needs its year."
        elif msg := check_year(values["year"]):
            problems["year"] = msg
    starts, ends = values.get("starts_on"), values.get("ends_on")
    if starts and ends and ends < starts:
        problems["ends_on"] = "The edition cannot end before it starts."
    return problems


class Festivals(Operations):
    """Festivals, each with its editions and their sections."""

    def all(self) -> list[FestivalRecord]:
        """Every festival with its editions (newest first) and their sections and counts."""
        return _all_festivals(self.core)

    def get(self, festival_id: int) -> FestivalRecord:
        for f in self.all():
            if f.id == festival_id:
                return f
        with self.core.read() as session:
            get_row(session, Festival, festival_id, "festival")
        raise AssertionError

    def create(self, name: str, **fields: Any) -> Changes:
        raise_if(_required({"name": name}, "name", "A festival needs a name."))
        with self.core.write(f"Create festival {name.strip()}") as uow:
            festival = Festival(name=name.strip(), slug=fields.pop("slug", None)
                                or _free_slug(uow.session, Festival, slugify(name)))
            set_fields(festival, fields, FESTIVAL_COLUMNS)
            uow.session.add(festival)
            uow.session.flush()
            uow.created_id = festival.id
        return uow.changes

    def update(self, festival_id: int, version: int | None, **fields: Any) -> Changes:
        raise_if(_required(fields, "name", "A festival needs a name."))
        with self.core.write("Edit festival") as uow:
            festival = get_row(uow.session, Festival, festival_id, "festival")
            check_version(festival, version, festival.name)
            uow.label = describe(set_fields(festival, fields, FESTIVAL_COLUMNS),
                                 festival.name)
        return uow.changes

    def delete(self, festival_id: int) -> Changes:
        with self.core.write("Delete festival") as uow:
            festival = get_row(uow.session, Festival, festival_id, "festival")
            uow.label = f"Delete {festival.name}"
            forget_sources(uow.session, festival_id=festival_id)
            for edition in list(festival.editions):
                _delete_edition(uow.session, edition)
            uow.session.delete(festival)
        return uow.changes


class Editions(Operations):
    """A festival's editions (MIFF 1989) and the films screened at them."""

    def get(self, edition_id: int) -> EditionRecord:
        for f in _all_festivals(self.core):
            for e in f.editions:
                if e.id == edition_id:
                    return e
        with self.core.read() as session:
            get_row(session, Edition, edition_id, "festival edition")
        raise AssertionError

    def by_slug(self, slug: str) -> EditionRecord | None:
        for f in _all_festivals(self.core):
            for e in f.editions:
                if e.slug == slug:
                    return e
        return None

    def films(self, edition_id: int, section_id: int | None = None) -> list[int]:
        with self.core.read() as session:
            q = (
                select(Film.id)
                .join(Screening, Screening.film_id == Film.id)
                .where(Screening.edition_id == edition_id)
            )
            if section_id is not None:
                q = q.where(Screening.section_id == section_id)
            return list(dict.fromkeys(session.scalars(q.order_by(Film.sort_title))))

    def create(self, festival_id: int, year: int, **fields: Any) -> Changes:
        raise_if(_edition_problems({"year": year, **fields}))
        with self.core.write("Create edition") as uow:
            festival = get_row(uow.session, Festival, festival_id, "festival")
            if any(e.year == year for e in festival.editions):
                raise ValidationError({"year": f"{festival.name} already has a {year} edition."})
            label = edition_name(festival.short_name, festival.name, year)
            uow.label = f"Create edition {label}"
            edition = Edition(
                festival_id=festival_id,
                year=year,
                slug=fields.pop("slug", None)
                or _free_slug(uow.session, Edition, slugify(label)),
            )
            set_fields(edition, fields, EDITION_COLUMNS)
            uow.session.add(edition)
            uow.session.flush()
            uow.created_id = edition.id
        return uow.changes

    def update(self, edition_id: int, version: int | None, **fields: Any) -> Changes:
        raise_if(_edition_problems(fields))
        with self.core.write("Edit edition") as uow:
            edition = get_row(uow.session, Edition, edition_id, "festival edition")
            check_version(edition, version, str(edition.year))
            if fields.get("opening_film_id") is not None:
                get_row(uow.session, Film, fields["opening_film_id"], "film")
            name = edition_name(edition.festival.short_name, edition.festival.name, edition.year)
            uow.label = describe(set_fields(edition, fields, EDITION_COLUMNS), name)
        return uow.changes

    def delete(self, edition_id: int) -> Changes:
        with self.core.write("Delete edition") as uow:
            edition = get_row(uow.session, Edition, edition_id, "festival edition")
            uow.label = "Delete " + edition_name(edition.festival.short_name,
                                                 edition.festival.name, edition.year)
            _delete_edition(uow.session, edition)
        return uow.changes


class Sections(Operations):
    """An edition's sections (“Animation”, a retrospective)."""

    def create(self, edition_id: int, name: str, **fields: Any) -> Changes:
        raise_if(_required({"name": name}, "name", "A section needs a name."))
        with self.core.write(f"Create section {name.strip()}") as uow:
            edition = get_row(uow.session, Edition, edition_id, "festival edition")
            section = Section(
                edition_id=edition_id,
                name=name.strip(),
                slug=fields.pop("slug", None) or slugify(name, "section"),
                position=fields.pop("position", len(edition.sections)),
            )
            set_fields(section, fields, SECTION_COLUMNS)
            uow.session.add(section)
            uow.session.flush()
            uow.created_id = section.id
        return uow.changes

    def update(self, section_id: int, version: int | None, **fields: Any) -> Changes:
        raise_if(_required(fields, "name", "A section needs a name."))
        with self.core.write("Edit section") as uow:
            section = get_row(uow.session, Section, section_id, "section")
            check_version(section, version, section.name)
            uow.label = describe(set_fields(section, fields, SECTION_COLUMNS), section.name)
        return uow.changes

    def delete(self, section_id: int) -> Changes:
        with self.core.write("Delete section") as uow:
            section = get_row(uow.session, Section, section_id, "section")
            uow.label = f"Delete section {section.name}"
            for row in uow.session.scalars(select(Screening).where(
                    Screening.section_id == section_id)):
                row.section_id = None  # the film still screened at the edition
                row.film.updated_at = utcnow()
            uow.session.delete(section)
        return uow.changes


class Awards(Operations):
    """The awards given at an edition, to a film, a person or both."""

    def all(self, edition_id: int | None = None) -> list[AwardRecord]:
        with self.core.read() as session:
            q = select(Award).order_by(Award.edition_id, Award.id)
            if edition_id is not None:
                q = q.where(Award.edition_id == edition_id)
            return [award_record(a, session) for a in session.scalars(q)]

    def create(self, edition_id: int, name: str, *, film_id: int | None = None,
                     person_id: int | None = None, result: str = "won") -> Changes:
        problems = _required({"name": name}, "name", "An award needs a name.")
        if film_id is None and person_id is None:
            problems["film_id"] = "An award goes to a film, a person or both."
        if result not in set(AwardResult):
            problems["result"] = "An award is either won or nominated."
        raise_if(problems)
        with self.core.write(f"Add award {name.strip()}") as uow:
            get_row(uow.session, Edition, edition_id, "festival edition")
            if film_id is not None:
                get_row(uow.session, Film, film_id, "film")
            if person_id is not None:
                get_row(uow.session, Person, person_id, "person")
            award = Award(edition_id=edition_id, name=name.strip(), film_id=film_id,
                          person_id=person_id, result=result)
            uow.session.add(award)
            uow.session.flush()
            uow.created_id = award.id
        return uow.changes

    def update(self, award_id: int, version: int | None, **fields: Any) -> Changes:
        raise_if(_required(fields, "name", "An award needs a name."))
        with self.core.write("Edit award") as uow:
            award = get_row(uow.session, Award, award_id, "award")
            check_version(award, version, award.name)
            uow.label = describe(set_fields(award, fields, AWARD_COLUMNS), award.name,
                                 "award")
        return uow.changes

    def delete(self, award_id: int) -> Changes:
        with self.core.write("Delete award") as uow:
            award = get_row(uow.session, Award, award_id, "award")
            uow.label = f"Delete award {award.name}"
            uow.session.delete(award)
        return uow.changes


def _all_festivals(core: CatalogCore) -> list[FestivalRecord]:
    """Every festival with its editions (newest first) and their sections and counts."""
    with core.read() as session:
        counts = dict(
            session.execute(
                select(Screening.edition_id, func.count(func.distinct(Screening.film_id)))
                .group_by(Screening.edition_id)
            ).all()
        )
        section_counts = dict(
            session.execute(
                select(Screening.section_id, func.count(func.distinct(Screening.film_id)))
                .where(Screening.section_id.is_not(None))
                .group_by(Screening.section_id)
            ).all()
        )
        festivals = session.scalars(
            select(Festival)
            .options(selectinload(Festival.editions).selectinload(Edition.sections))
            .order_by(Festival.name)
        )
        return [
            _festival_record(f, counts, section_counts) for f in festivals
        ]


def _festival_record(f: Festival, counts: dict, section_counts: dict) -> FestivalRecord:
    editions = tuple(
        EditionRecord(
            **{c: getattr(e, c) for c in EDITION_COLUMNS},
            id=e.id,
            festival_id=f.id,
            festival_name=f.name,
            festival_short_name=f.short_name,
            version=e.version,
            sections=tuple(
                SectionRecord(
                    **{c: getattr(s, c) for c in SECTION_COLUMNS},
                    id=s.id,
                    edition_id=e.id,
                    version=s.version,
                    film_count=section_counts.get(s.id, 0),
                )
                for s in e.sections
            ),
            film_count=counts.get(e.id, 0),
        )
        for e in sorted(f.editions, key=lambda e: -e.year)
    )
    return FestivalRecord(
        **{c: getattr(f, c) for c in FESTIVAL_COLUMNS}, id=f.id, version=f.version,
        editions=editions,
    )


def _delete_edition(session: Session, edition: Edition) -> None:
    for entity in (Screening, Award):
        for row in session.scalars(select(entity).where(entity.edition_id == edition.id)):
            session.delete(row)
    forget_sources(session, edition_id=edition.id)
    session.flush()
    session.delete(edition)


def _free_slug(session: Session, entity: Any, base: str) -> str:
    slug, n = base, 2
    while session.scalar(select(entity.id).where(entity.slug == slug)) is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug
