"""Bulk reads for the web-archive export: thousands of records in a few queries.

`catalog.films.get` builds one film at a time from the ORM, which is right for
a detail pane but costs seconds for a whole archive. These read-only helpers
give the same frozen records with one query per table per chunk of ids.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import select

from curator.catalog.core import CatalogCore
from curator.catalog.film_edit import FILM_PARTS, RECORD_COLUMNS
from curator.catalog.records import (
    AwardRecord,
    CreditRecord,
    ExternalIdData,
    FilmRecord,
    PersonRecord,
    QuoteData,
    QuoteSource,
    RelatedRecord,
    ScreeningRecord,
    ShowingData,
    StillRecord,
)
from curator.catalog.sources import parse_region
from curator.catalog.wording import edition_name
from curator.model import (
    Award,
    Citation,
    Collection,
    CollectionItem,
    Credit,
    Edition,
    ExternalId,
    Festival,
    Film,
    NameVariant,
    Person,
    Quote,
    RelatedFilm,
    Screening,
    Section,
    Showing,
    Still,
)

CHUNK = 900  # stays under every database's limit on bound parameters
_STILL_COLUMNS = [getattr(Still, name) for name in StillRecord.__dataclass_fields__]
_FILM_COLUMNS = [getattr(Film, c) for c in RECORD_COLUMNS]
# The parts whose record is their value, read from the part's own rows alone
PLAIN_PARTS = {name: part for name, part in FILM_PARTS.items()
               if part.record is None and part.reads is None}


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _grouped(rows: Iterable[Any]) -> dict[int, list[Any]]:
    """Rows whose first column is the owner's id, grouped by it (order kept)."""
    out: dict[int, list[Any]] = defaultdict(list)
    for row in map(tuple, rows):  # a plain tuple slices a good deal faster than a Row
        out[row[0]].append(row[1:])
    return out


def films_in_bulk(core: CatalogCore, film_ids: list[int]) -> list[FilmRecord]:
    """The records of these films, as `catalog.films.get_many` gives them, in the order asked."""
    found = _films(core, [lambda column, chunk=chunk: column.in_(chunk)
                             for chunk in _chunks(list(dict.fromkeys(film_ids)))])
    return [found[i] for i in film_ids if i in found]


def films_by_state(core: CatalogCore, state: str) -> list[FilmRecord]:
    """The records of every film in this publication state, in id order: the whole
    archive's in one query per table, without binding ten thousand ids."""
    ids = select(Film.id).where(Film.state == state).scalar_subquery()
    found = _films(core, [lambda column: column.in_(ids)])
    return [found[i] for i in sorted(found)]


def _films(core: CatalogCore, parts: list[Callable[[Any], Any]]) -> dict[int, FilmRecord]:
    """The films each of `parts` selects (a condition on a column holding film ids)."""
    found: dict[int, FilmRecord] = {}
    with core.read() as orm_session:
        # plain Core reads on the session's connection: rows of columns need no ORM loading
        session = orm_session.connection()
        editions = {
            row.id: row for row in session.execute(
                select(Edition.id, Edition.year, Festival.id.label("festival_id"),
                       Festival.name, Festival.short_name)
                .join(Festival, Festival.id == Edition.festival_id))
        }
        sections = {sid: name for sid, name in session.execute(select(Section.id, Section.name))}
        for selects in parts:
            def rows(*columns: Any, where: Any, order: tuple = (),
                     selects: Callable[[Any], Any] = selects) -> dict[int, list[Any]]:
                stmt = select(*columns).where(selects(where)).order_by(where, *order)
                return _grouped(session.execute(stmt))

            # the parts a film's own rows hold, read as FILM_PARTS says
            plain = {name: rows(part.entity.film_id, *(getattr(part.entity, c)
                                                        for c in part.columns),
                                where=part.entity.film_id,
                                order=tuple(getattr(part.entity, c) for c in part.stored))
                     for name, part in PLAIN_PARTS.items()}
            screenings = rows(Screening.film_id, Screening.id, Screening.edition_id,
                              Screening.section_id, Screening.premiere, where=Screening.film_id,
                              order=(Screening.id,))
            showings = _grouped(session.execute(
                select(Showing.screening_id, Showing.day, Showing.time, Showing.venue)
                .join(Screening, Screening.id == Showing.screening_id)
                .where(selects(Screening.film_id))
                .order_by(Showing.screening_id, Showing.position, Showing.id)))
            stills = rows(Still.film_id, *_STILL_COLUMNS, where=Still.film_id,
                          order=(Still.position, Still.id))
            # The parts a FilmRecord shows with what other tables say (a credit's name...).
            credits = _grouped(session.execute(
                select(Credit.film_id, Credit.id, Credit.person_id, Person.name, Credit.role,
                       Credit.character, Credit.position)
                .join(Person, Person.id == Credit.person_id)
                .where(selects(Credit.film_id)).order_by(Credit.film_id, Credit.position,
                                                           Credit.id)))
            related = _grouped(session.execute(
                select(RelatedFilm.film_id, RelatedFilm.related_id, Film.title, RelatedFilm.note)
                .join(Film, Film.id == RelatedFilm.related_id)
                .where(selects(RelatedFilm.film_id))
                .order_by(RelatedFilm.film_id, RelatedFilm.position, RelatedFilm.id)))
            quotes = _grouped(session.execute(
                select(Quote.film_id, Quote.text, Quote.attribution, Quote.source,
                       Citation.source_id, Citation.page, Citation.region)
                .outerjoin(Citation, Citation.quote_id == Quote.id)
                .where(selects(Quote.film_id))
                .order_by(Quote.film_id, Quote.position, Quote.id)))
            lists = _grouped(session.execute(
                select(CollectionItem.film_id, Collection.id, Collection.title)
                .join(Collection, Collection.id == CollectionItem.collection_id)
                .where(selects(CollectionItem.film_id))
                .order_by(CollectionItem.film_id, Collection.title)))
            awards = _grouped(session.execute(
                select(Award.film_id, Award.id, Award.edition_id, Award.name, Award.person_id,
                       Person.name, Award.result, Award.version)
                .outerjoin(Person, Person.id == Award.person_id)
                .where(selects(Award.film_id)).order_by(Award.film_id, Award.id)))
            # plain rows, not ORM objects: building ten thousand entities costs seconds
            for film in session.execute(select(*_FILM_COLUMNS).where(selects(Film.id))):
                fid = film.id

                def screening(row: Any, showings: dict[int, list[Any]] = showings
                              ) -> ScreeningRecord:
                    sid, edition_id, section_id, premiere = row
                    e = editions[edition_id]
                    return ScreeningRecord(
                        id=sid, edition_id=edition_id, edition_year=e.year,
                        festival_id=e.festival_id, festival_name=e.name,
                        festival_short_name=e.short_name, section_id=section_id,
                        section_name=sections.get(section_id, "") if section_id else "",
                        premiere=premiere,
                        showings=tuple(ShowingData(*r) for r in showings.get(sid, ())))

                def award(row: Any, fid: int = fid, title: str = film.title) -> AwardRecord:
                    aid, edition_id, name, person_id, person_name, result, version = row
                    e = editions[edition_id]
                    return AwardRecord(
                        id=aid, edition_id=edition_id,
                        edition_label=edition_name(e.short_name, e.name, e.year), name=name,
                        film_id=fid, film_title=title, person_id=person_id,
                        person_name=person_name or "", result=result, version=version)

                found[fid] = FilmRecord(
                    **{c: getattr(film, c) for c in RECORD_COLUMNS},
                    **{name: tuple(PLAIN_PARTS[name].value(*r) for r in parts.get(fid, ()))
                       for name, parts in plain.items()},
                    credits=tuple(CreditRecord(*r) for r in credits.get(fid, ())),
                    quotes=tuple(_quote(r) for r in quotes.get(fid, ())),
                    screenings=tuple(sorted(
                        (screening(r) for r in screenings.get(fid, ())),
                        key=FILM_PARTS["screenings"].order)),
                    awards=tuple(award(r) for r in awards.get(fid, ())),
                    related=tuple(RelatedRecord(*r) for r in related.get(fid, ())),
                    stills=tuple(StillRecord(*r) for r in stills.get(fid, ())),
                    lists=tuple((r[0], r[1]) for r in lists.get(fid, ())),
                )
    return found


def _quote(row: Any) -> QuoteData:
    text, attribution, source, source_id, page, region = row
    cited = None if source_id is None else QuoteSource(source_id, page, parse_region(region))
    return QuoteData(text, attribution, source, cited)


def people_in_bulk(core: CatalogCore, person_ids: Iterable[int]) -> dict[int, PersonRecord]:
    """These people by id, with variants and portraits; `filmography` is left empty
    (the export lists only the films it writes)."""
    out: dict[int, PersonRecord] = {}
    with core.read() as session:
        for chunk in _chunks(sorted(set(person_ids))):
            variants = _grouped(session.execute(
                select(NameVariant.person_id, NameVariant.name)
                .where(NameVariant.person_id.in_(chunk))
                .order_by(NameVariant.person_id, NameVariant.id)))
            external = _grouped(session.execute(
                select(ExternalId.person_id, ExternalId.scheme, ExternalId.value)
                .where(ExternalId.person_id.in_(chunk))
                .order_by(ExternalId.person_id, ExternalId.id)))
            portraits = _grouped(session.execute(
                select(Still.person_id, *_STILL_COLUMNS).where(Still.person_id.in_(chunk))
                .order_by(Still.person_id, Still.position, Still.id)))
            for p in session.scalars(select(Person).where(Person.id.in_(chunk))):
                out[p.id] = PersonRecord(
                    id=p.id, slug=p.slug, name=p.name, sort_name=p.sort_name,
                    birth_year=p.birth_year, death_year=p.death_year, country=p.country,
                    biography=p.biography, notes=p.notes, state=p.state, version=p.version,
                    variants=tuple(r[0] for r in variants.get(p.id, ())),
                    external_ids=tuple(ExternalIdData(*r) for r in external.get(p.id, ())),
                    portraits=tuple(StillRecord(*r) for r in portraits.get(p.id, ())),
                    updated_at=p.updated_at,
                )
    return out
