"""The site's pages in the one order the export writes them and the sitemap lists them,
and which of them show a film besides its own page.

The full export lays out `site_pages`; a re-export that lays out only some pages takes
the paths of the others from `page_paths`, which walks the same parts in the same order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from curator.catalog.records import FilmRecord
from curator.publish import urls
from curator.publish.browse_pages import (
    country_pages,
    home_page,
    not_found_page,
    search_page,
    year_pages,
)
from curator.publish.pages import Page, PageMaker
from curator.publish.record_pages import RecordPages, directors_pages, programme_path
from curator.publish.search_facets import film_facets

Part = tuple[Callable[[], Iterable[str]], Callable[[], Iterable[Page]]]


def _parts(maker: PageMaker, records: RecordPages | None) -> list[Part]:
    """Each part of the site, in order: the paths of its pages, and its pages."""
    links = maker.links

    def pages(make: Callable[[RecordPages], Iterable[Page]]) -> Callable[[], Iterable[Page]]:
        return lambda: make(records) if records is not None else ()

    return [
        (lambda: [""], lambda: [home_page(maker)]),
        (lambda: [*links.films.values(), *links.people.values(), *links.editions.values(),
                  *links.sections.values(), *links.lists.values()],
         pages(RecordPages.all)),
        (lambda: _programme_paths(maker, records),
         pages(lambda r: [r.programme(e) for e in r.programme_editions()])),
        (lambda: _directors_paths(maker), lambda: directors_pages(maker)),
        (lambda: _years_paths(maker), lambda: year_pages(maker)),
        (lambda: _countries_paths(maker), lambda: country_pages(maker)),
        (lambda: ["search/", "404.html"], lambda: [search_page(maker), not_found_page(maker)]),
    ]


def site_pages(maker: PageMaker, records: RecordPages) -> list[Page]:
    """Every page of the site, in order (film and person pages laid out only if needed)."""
    return [page for _paths, pages in _parts(maker, records) for page in pages()]


def page_paths(maker: PageMaker) -> list[str]:
    """The paths of every page of the site, in the order of `site_pages`, without laying
    out any page."""
    return [path for paths, _pages in _parts(maker, None) for path in paths()]


def _programme_paths(maker: PageMaker, records: RecordPages | None) -> list[str]:
    if not maker.chrome["programme"]:  # off by default: nothing to index
        return []
    records = records or RecordPages(maker)
    return [programme_path(maker.links.editions[e.id]) for e in records.programme_editions()]


def _directors_paths(maker: PageMaker) -> Iterator[str]:
    yield "directors/"
    for letter, people in maker.director_letters().items():
        chunks = (len(people) + urls.DIRECTORS_PER_PAGE - 1) // urls.DIRECTORS_PER_PAGE
        yield from (urls.directors_path(letter, n) for n in range(1, chunks + 1))


def _years_paths(maker: PageMaker) -> list[str]:
    return ["years/", *(urls.year_path(y) for y in maker.years)] if maker.years else []


def _countries_paths(maker: PageMaker) -> list[str]:
    countries = dict.fromkeys(c for f in maker.site.films.values() for c in f.countries)
    if not countries:
        return []
    return ["countries/", *dict.fromkeys(urls.country_path(c) for c in sorted(
        countries, key=str.casefold))]


@dataclass(frozen=True)
class Footprint:
    """The pages besides its own that show a film: its people's, its festival editions'
    and sections', its year's and countries', and the directors' pages by its directors."""

    people: tuple[int, ...]
    editions: tuple[int, ...]
    sections: tuple[int, ...]
    year: int | None
    countries: tuple[str, ...]
    directors: tuple[int, ...]

    @classmethod
    def of(cls, film: FilmRecord) -> Footprint:
        return cls(
            people=tuple(sorted({c.person_id for c in film.credits})),
            editions=tuple(sorted({s.edition_id for s in film.screenings})),
            sections=tuple(sorted({s.section_id for s in film.screenings if s.section_id})),
            year=film.year, countries=tuple(film.countries),
            directors=tuple(sorted({c.person_id for c in film.credits
                                    if c.role == "director"})))

    def to_json(self) -> list:
        return [list(self.people), list(self.editions), list(self.sections), self.year,
                list(self.countries), list(self.directors)]

    @classmethod
    def from_json(cls, data: list) -> Footprint:
        people, editions, sections, year, countries, directors = data
        if year is not None and type(year) is not int:
            raise ValueError("a year is not a number")
        if not all(type(c) is str for c in countries):
            raise ValueError("a country is not text")
        return cls(_ints(people), _ints(editions), _ints(sections), year, tuple(countries),
                   _ints(directors))


def listing(film: FilmRecord, path: str, addresses: Iterable[str]) -> str:
    """A digest of all that pages other than the film's own and those of the films whose
    See also lists it show of the film, or depend on: its address and earlier ones, what
    lists of films show (title, Country/Year, directors, runtime), where it files, its
    credits and screenings (people's, editions', sections', years' and countries' pages,
    the home page's counts), its manual links and what the See-also rule asks of it, and
    its search facets. While it stays the same, a change to the film rewrites only those
    pages (and the site's data files and search index)."""
    parts = (path, tuple(addresses), film.state, film.title, film.sort_title, film.year,
             film.countries, film.directors, film.runtime, film.credits, film.screenings,
             film.related, film_facets(film))
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _ints(values: list) -> tuple[int, ...]:
    if not all(type(v) is int for v in values):
        raise ValueError("an id is not a number")
    return tuple(values)
