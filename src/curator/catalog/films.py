"""Operations on films and their parts: credits, quotes, screenings, titles, links."""

from __future__ import annotations

from dataclasses import fields as dc_fields
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from curator.catalog.base import CatalogBase, describe
from curator.catalog.changes import Changes
from curator.catalog.countries import country_key
from curator.catalog.errors import ValidationError
from curator.catalog.naming import slugify, sort_title
from curator.catalog.records import (
    AltTitleData,
    AwardRecord,
    CreditData,
    CreditRecord,
    ExternalIdData,
    FilmRecord,
    QuoteData,
    RelatedData,
    RelatedRecord,
    ScreeningData,
    ScreeningRecord,
    StillRecord,
)
from curator.catalog.validation import film_problems, raise_if
from curator.catalog.wording import edition_name
from curator.model import (
    AltTitle,
    Award,
    Collection,
    CollectionItem,
    Credit,
    Edition,
    ExternalId,
    Film,
    FilmCountry,
    FilmGenre,
    FilmLanguage,
    Person,
    Quote,
    RelatedFilm,
    Screening,
    Section,
    Still,
)
from curator.model.entities import utcnow
from curator.model.enums import PublicationState

FILM_COLUMNS = {
    "title", "original_title", "sort_title", "slug", "year", "runtime", "format", "colour",
    "kind", "synopsis", "notes", "state",
}  # fmt: skip
FILM_LISTS = {
    "countries", "languages", "genres", "alt_titles", "credits", "quotes", "screenings",
    "external_ids", "related",
}  # fmt: skip


def still_record(s: Still) -> StillRecord:
    return StillRecord(**{f.name: getattr(s, f.name) for f in dc_fields(StillRecord)})


def screening_record(s: Screening) -> ScreeningRecord:
    e = s.edition
    return ScreeningRecord(
        id=s.id,
        edition_id=e.id,
        edition_year=e.year,
        festival_id=e.festival.id,
        festival_name=e.festival.name,
        festival_short_name=e.festival.short_name,
        section_id=s.section_id,
        section_name=s.section.name if s.section else "",
        premiere=s.premiere,
    )


def award_record(a: Award, session: Session) -> AwardRecord:
    film = session.get(Film, a.film_id) if a.film_id else None
    person = session.get(Person, a.person_id) if a.person_id else None
    edition = a.edition
    return AwardRecord(
        id=a.id,
        edition_id=a.edition_id,
        edition_label=edition_name(edition.festival.short_name, edition.festival.name,
                                   edition.year),
        name=a.name,
        film_id=a.film_id,
        film_title=film.title if film else "",
        person_id=a.person_id,
        person_name=person.name if person else "",
        result=a.result,
        version=a.version,
    )


def film_record(session: Session, film: Film) -> FilmRecord:
    awards = session.scalars(select(Award).where(Award.film_id == film.id).order_by(Award.id))
    lists = session.execute(
        select(Collection.id, Collection.title)
        .join(CollectionItem, CollectionItem.collection_id == Collection.id)
        .where(CollectionItem.film_id == film.id)
        .order_by(Collection.title)
    )
    return FilmRecord(
        **{c: getattr(film, c) for c in FILM_COLUMNS},
        id=film.id,
        version=film.version,
        created_at=film.created_at,
        updated_at=film.updated_at,
        countries=tuple(c.name for c in film.countries),
        languages=tuple(c.name for c in film.languages),
        genres=tuple(c.name for c in film.genres),
        alt_titles=tuple(AltTitleData(a.title, a.note) for a in film.alt_titles),
        credits=tuple(
            CreditRecord(c.id, c.person_id, c.person.name, c.role, c.character, c.position)
            for c in film.credits
        ),
        quotes=tuple(QuoteData(q.text, q.attribution, q.source) for q in film.quotes),
        screenings=tuple(
            sorted(
                (screening_record(s) for s in film.screenings),
                key=lambda s: (s.edition_year, s.festival_name, s.section_name),
            )
        ),
        awards=tuple(award_record(a, session) for a in awards),
        external_ids=tuple(ExternalIdData(e.scheme, e.value) for e in film.external_ids),
        related=tuple(
            RelatedRecord(r.related_id, r.related_film.title, r.note) for r in film.related
        ),
        stills=tuple(still_record(s) for s in film.stills),
        lists=tuple((row.id, row.title) for row in lists),
    )


_FILM_LOAD = (
    selectinload(Film.countries),
    selectinload(Film.languages),
    selectinload(Film.genres),
    selectinload(Film.alt_titles),
    selectinload(Film.credits).selectinload(Credit.person),
    selectinload(Film.quotes),
    selectinload(Film.screenings),
    selectinload(Film.external_ids),
    selectinload(Film.related),
    selectinload(Film.stills),
)


class FilmOps(CatalogBase):
    def get_film(self, film_id: int) -> FilmRecord:
        with self._read() as session:
            film = session.scalars(
                select(Film).where(Film.id == film_id).options(*_FILM_LOAD)
            ).first()
            if film is None:
                self._get(session, Film, film_id, "film")
            return film_record(session, film)

    def get_films(self, film_ids: list[int]) -> list[FilmRecord]:
        """Several films at once, in the order asked (missing ones are left out).

        Read table by table rather than film by film: the export reads thousands.
        """
        from curator.catalog.export_reads import films_in_bulk

        return films_in_bulk(self, list(film_ids))

    def create_film(self, title: str, **fields: Any) -> Changes:
        values = {"title": title, **fields}
        raise_if(film_problems(values))
        out: list[Changes] = []
        with self._write(f"Create film {title.strip()}", out) as uow:
            film = Film(
                title=title.strip(),
                sort_title=fields.pop("sort_title", None) or sort_title(title),
                slug=fields.pop("slug", None) or slugify(title, "film"),
                state=fields.pop("state", PublicationState.DRAFT),
            )
            uow.session.add(film)
            columns = {k: v for k, v in fields.items() if k in FILM_COLUMNS}
            self._set_fields(film, columns, FILM_COLUMNS)
            uow.session.flush()
            self._replace_lists(uow.session, film, {k: v for k, v in fields.items()
                                                    if k in FILM_LISTS})
            unknown = set(fields) - FILM_COLUMNS - FILM_LISTS
            if unknown:
                raise TypeError(f"Film has no editable field {sorted(unknown)[0]!r}")
            uow.session.flush()
            uow.created_id = film.id
        return out[0]

    def update_film(self, film_id: int, version: int | None, **fields: Any) -> Changes:
        """Change a film's fields and parts; refused if `version` is stale."""
        raise_if(film_problems(fields))
        out: list[Changes] = []
        with self._write("Edit film", out) as uow:
            film = self._get(uow.session, Film, film_id, "film")
            self._check_version(film, version, film.title)
            name = film.title
            columns = {k: v for k, v in fields.items() if k in FILM_COLUMNS}
            if "title" in columns:
                columns["title"] = columns["title"].strip()
                if "sort_title" not in columns and film.sort_title == sort_title(film.title):
                    columns["sort_title"] = sort_title(columns["title"])
            changed = self._set_fields(film, columns, FILM_COLUMNS)
            changed += self._replace_lists(
                uow.session, film, {k: v for k, v in fields.items() if k in FILM_LISTS}
            )
            unknown = set(fields) - FILM_COLUMNS - FILM_LISTS
            if unknown:
                raise TypeError(f"Film has no editable field {sorted(unknown)[0]!r}")
            visible = [c for c in changed if c != "sort_title"] or changed
            uow.label = describe(visible, name)
            if changed:
                film.updated_at = utcnow()  # the film's version counts edits of its parts too
        return out[0]

    def delete_film(self, film_id: int) -> Changes:
        out: list[Changes] = []
        with self._write("Delete film", out) as uow:
            film = self._get(uow.session, Film, film_id, "film")
            uow.label = f"Delete {film.title}"
            self._delete_film(uow.session, film)
        return out[0]

    def delete_films(self, film_ids: list[int]) -> Changes:
        out: list[Changes] = []
        with self._write(f"Delete {len(film_ids)} films", out) as uow:
            for film_id in film_ids:
                self._delete_film(uow.session, self._get(uow.session, Film, film_id, "film"))
        return out[0]

    def _delete_film(self, session: Session, film: Film) -> None:
        # Rows that point at the film from elsewhere go explicitly, so they are recorded.
        for entity, column in (
            (RelatedFilm, RelatedFilm.related_id),
            (CollectionItem, CollectionItem.film_id),
            (Award, Award.film_id),
        ):
            for row in session.scalars(select(entity).where(column == film.id)):
                session.delete(row)
        for edition in session.scalars(select(Edition).where(Edition.opening_film_id == film.id)):
            edition.opening_film_id = None
        session.delete(film)

    def film_deletion_impact(self, film_ids: list[int]) -> dict[str, int]:
        """What else deleting these films removes: stills, screenings, list entries, awards."""
        from sqlalchemy import func

        with self._read() as session:
            def count(entity: Any, column: Any) -> int:
                return session.scalar(select(func.count()).select_from(entity)
                                      .where(column.in_(film_ids))) or 0
            return {
                "stills": count(Still, Still.film_id),
                "screenings": count(Screening, Screening.film_id),
                "list entries": count(CollectionItem, CollectionItem.film_id),
                "awards": count(Award, Award.film_id),
            }

    # -- parts -------------------------------------------------------------------------
    def _replace_lists(self, session: Session, film: Film, lists: dict[str, Any]) -> list[str]:
        changed = []
        for name, value in lists.items():
            if self._replace_list(session, film, name, list(value)):
                changed.append(name)
        return changed

    def _replace_list(self, session: Session, film: Film, name: str, value: list) -> bool:
        current = self._list_values(film, name)
        wanted = [self._normalise(name, v) for v in value]
        if name == "countries":  # "France" and "FRANCE" are one country (countries.py)
            first: dict[str, Any] = {}
            for v in wanted:
                first.setdefault(country_key(v), v)
            wanted = list(first.values())
        if current == wanted:
            return False
        if name == "screenings":
            for s in wanted:
                self._check_screening(session, s)
        if name == "credits":
            for c in wanted:
                self._get(session, Person, c.person_id, "person")
        if name == "related":
            for r in wanted:
                if r.film_id == film.id:
                    raise ValidationError({"related": "A film cannot be related to itself."})
                self._get(session, Film, r.film_id, "film")
        collection = getattr(film, name)
        for old in list(collection):
            session.delete(old)
        collection.clear()
        session.flush()  # old rows go before new ones take their unique keys
        for position, v in enumerate(wanted):
            collection.append(self._make_row(name, v, position))
        return True

    @staticmethod
    def _normalise(name: str, v: Any) -> Any:
        if name in ("countries", "languages", "genres"):
            return str(v).strip()
        if name == "alt_titles" and isinstance(v, str):
            return AltTitleData(v.strip())
        if name == "related" and isinstance(v, int):
            return RelatedData(v)
        if name == "external_ids" and isinstance(v, tuple) and not isinstance(v, ExternalIdData):
            return ExternalIdData(*v)
        return v

    @staticmethod
    def _list_values(film: Film, name: str) -> list[Any]:
        rows = getattr(film, name)
        if name in ("countries", "languages", "genres"):
            return [r.name for r in rows]
        if name == "alt_titles":
            return [AltTitleData(r.title, r.note) for r in rows]
        if name == "credits":
            return [CreditData(r.person_id, r.role, r.character) for r in rows]
        if name == "quotes":
            return [QuoteData(r.text, r.attribution, r.source) for r in rows]
        if name == "screenings":
            return [ScreeningData(r.edition_id, r.section_id, r.premiere) for r in rows]
        if name == "external_ids":
            return [ExternalIdData(r.scheme, r.value) for r in rows]
        if name == "related":
            return [RelatedData(r.related_id, r.note) for r in rows]
        raise KeyError(name)

    @staticmethod
    def _make_row(name: str, v: Any, position: int) -> Any:
        if name == "countries":
            return FilmCountry(name=v, position=position)
        if name == "languages":
            return FilmLanguage(name=v, position=position)
        if name == "genres":
            return FilmGenre(name=v, position=position)
        if name == "alt_titles":
            return AltTitle(title=v.title.strip(), note=v.note, position=position)
        if name == "credits":
            return Credit(person_id=v.person_id, role=v.role, character=v.character.strip(),
                          position=position)
        if name == "quotes":
            return Quote(text=v.text.strip(), attribution=v.attribution.strip(),
                         source=v.source.strip(), position=position)
        if name == "screenings":
            return Screening(edition_id=v.edition_id, section_id=v.section_id,
                             premiere=v.premiere)
        if name == "external_ids":
            return ExternalId(scheme=v.scheme.strip(), value=v.value.strip())
        if name == "related":
            return RelatedFilm(related_id=v.film_id, note=v.note, position=position)
        raise KeyError(name)

    def _check_screening(self, session: Session, s: ScreeningData) -> None:
        self._get(session, Edition, s.edition_id, "festival edition")
        if s.section_id is not None:
            section = self._get(session, Section, s.section_id, "section")
            if section.edition_id != s.edition_id:
                raise ValidationError(
                    {"screenings": f"The section \u201c{section.name}\u201d belongs to another "
                     "edition."}
                )
