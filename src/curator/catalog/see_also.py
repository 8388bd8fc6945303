"""The "See also..." rule of a film page, written once for the desk's preview and the export.

Manual links come first, in the order the archivist gave them; then films by the
same director; then films shown in the same edition and section; then films shown
at the same edition from the same country. At most five, never the film itself,
never one twice; within a step by year (unknown years first), sort title and id.

The rule works over film records (`SeeAlso`): the export indexes every published film
once; the desk asks the database for the few films that can qualify and applies the
same rule to them (`see_also`).
"""

from __future__ import annotations

import heapq
from bisect import insort
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import or_, select

from curator.catalog.core import CatalogCore
from curator.catalog.records import FilmRecord
from curator.model import Credit, Film, FilmCountry, RelatedFilm, Screening
from curator.model.enums import PublicationState

Reason = Literal["related", "director", "section", "country"]
SEE_ALSO_LIMIT = 5


@dataclass(frozen=True)
class SeeAlsoFilm:
    """One suggested film, with what a "See also" entry shows and why it was chosen."""

    id: int
    slug: str
    title: str
    year: int | None
    countries: tuple[str, ...]
    synopsis: str
    state: str
    reason: Reason
    note: str = ""  # the archivist's note on a manual link


def _order(film: FilmRecord) -> tuple:
    # unknown years first, as SQL's ORDER BY year puts NULL first
    return (film.year is not None, film.year or 0, film.sort_title, film.id)


def _directors(film: FilmRecord) -> set[int]:
    return {c.person_id for c in film.credits if c.role == "director"}


def _sections(film: FilmRecord) -> set[int]:
    return {s.section_id for s in film.screenings if s.section_id}


def _editions(film: FilmRecord) -> set[int]:
    return {s.edition_id for s in film.screenings}


class SeeAlso:
    """The rule over a set of candidate films, indexed by director, section and edition."""

    def __init__(self, candidates: Iterable[FilmRecord]) -> None:
        self.films: dict[int, FilmRecord] = {f.id: f for f in candidates}
        self.by_director: dict[int, list[FilmRecord]] = defaultdict(list)
        self.by_section: dict[int, list[FilmRecord]] = defaultdict(list)
        self.by_edition: dict[int, list[FilmRecord]] = defaultdict(list)
        for film in self.films.values():
            for index, keys in self._keys(film):
                for key in keys:
                    index[key].append(film)
        for index in (self.by_director, self.by_section, self.by_edition):
            for films in index.values():
                films.sort(key=_order)

    def _keys(self, film: FilmRecord) -> Iterator[tuple[dict[int, list[FilmRecord]], set[int]]]:
        yield self.by_director, _directors(film)
        yield self.by_section, _sections(film)
        yield self.by_edition, _editions(film)

    def replace(self, old: FilmRecord | None, new: FilmRecord | None) -> None:
        """Take a changed film's old record out of the indexes and put its new one in."""
        if old is not None:
            del self.films[old.id]
            for index, keys in self._keys(old):
                for key in keys:
                    index[key] = [f for f in index[key] if f.id != old.id]
        if new is not None:
            self.films[new.id] = new
            for index, keys in self._keys(new):
                for key in keys:
                    insort(index.setdefault(key, []), new, key=_order)

    def candidates(self, film: FilmRecord) -> set[int]:
        """The films whose See also may list `film`: those it shares a director, a section
        or an edition with, and those that link to it by hand."""
        out = {other.id for index, keys in self._keys(film) for key in keys
               for other in index.get(key, ())}
        out.update(self.linking_to(film.id))
        return out

    def linking_to(self, film_id: int) -> set[int]:
        return {f.id for f in self.films.values() if any(r.film_id == film_id for r in f.related)}

    @staticmethod
    def _merged(index: dict[int, list[FilmRecord]], keys: Iterable[int]
                ) -> Iterator[FilmRecord]:
        lists = [index[k] for k in set(keys) if k in index]
        if len(lists) > 1:
            return heapq.merge(*lists, key=_order)
        return iter(lists[0] if lists else ())

    def picks(self, film: FilmRecord, limit: int = SEE_ALSO_LIMIT
              ) -> list[tuple[FilmRecord, Reason, str]]:
        """The films `film`'s page suggests, each with why and the manual link's note."""
        picked: dict[int, tuple[FilmRecord, Reason, str]] = {}

        def take(candidates: Iterable[tuple[FilmRecord, str]], reason: Reason) -> None:
            for other, note in candidates:
                if len(picked) >= limit:
                    return
                if other.id != film.id and other.id not in picked:
                    picked[other.id] = (other, reason, note)

        take(((self.films[r.film_id], r.note) for r in film.related
              if r.film_id in self.films), "related")
        take(((f, "") for f in self._merged(self.by_director, _directors(film))), "director")
        take(((f, "") for f in self._merged(self.by_section, _sections(film))), "section")
        countries = set(film.countries)
        if countries:
            take(((f, "") for f in self._merged(self.by_edition, _editions(film))
                  if countries.intersection(f.countries)), "country")
        return list(picked.values())

    def of(self, film: FilmRecord, limit: int = SEE_ALSO_LIMIT) -> list[FilmRecord]:
        return [f for f, _reason, _note in self.picks(film, limit)]


def see_also(core: CatalogCore, film_id: int, limit: int = SEE_ALSO_LIMIT, *,
             published_only: bool = False) -> list[SeeAlsoFilm]:
    """The films a page of `film_id` suggests; `published_only` for the public export.

    Reads only the films that can qualify (linked by hand, or sharing a director, a
    section, or an edition and a country), then applies the one rule to them."""
    if limit <= 0:
        return []
    from curator.catalog.export_reads import films_in_bulk

    with core.read() as session:
        directors = select(Credit.person_id).where(
            Credit.film_id == film_id, Credit.role == "director")
        sections = select(Screening.section_id).where(
            Screening.film_id == film_id, Screening.section_id.is_not(None))
        editions = select(Screening.edition_id).where(Screening.film_id == film_id)
        countries = select(FilmCountry.name).where(FilmCountry.film_id == film_id)
        same_edition = select(Screening.film_id).where(Screening.edition_id.in_(editions))
        stmt = select(Film.id).where(Film.id != film_id, or_(
            Film.id.in_(select(RelatedFilm.related_id).where(RelatedFilm.film_id == film_id)),
            Film.id.in_(select(Credit.film_id).where(Credit.role == "director",
                                                     Credit.person_id.in_(directors))),
            Film.id.in_(select(Screening.film_id).where(Screening.section_id.in_(sections))),
            Film.id.in_(select(FilmCountry.film_id).where(
                FilmCountry.film_id.in_(same_edition), FilmCountry.name.in_(countries))),
        ))
        if published_only:
            stmt = stmt.where(Film.state == PublicationState.PUBLISHED)
        ids = list(session.scalars(stmt))
    records = films_in_bulk(core, [film_id, *ids])
    if not records or records[0].id != film_id:
        return []
    film, candidates = records[0], records[1:]
    return [
        SeeAlsoFilm(id=f.id, slug=f.slug, title=f.title, year=f.year, countries=f.countries,
                    synopsis=f.synopsis, state=f.state, reason=reason, note=note)
        for f, reason, note in SeeAlso(candidates).picks(film, limit)
    ]
