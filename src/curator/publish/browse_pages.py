"""The pages that lead to records: home, years, countries, search and "not found"."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Container, Iterator
from urllib.parse import urlparse

from curator.catalog.records import FilmRecord
from curator.catalog.wording import paragraphs
from curator.publish import jsonld, urls
from curator.publish.pages import Page, PageMaker


def _film_list_ld(maker: PageMaker, name: str, path: str, films: list[FilmRecord]) -> dict:
    links = maker.links
    return jsonld.item_list(name, links.absolute(path),
                            [(f.title, links.absolute(links.films[f.id])) for f in films])


def home_page(maker: PageMaker) -> Page:
    site, links = maker.site, maker.links
    shown = Counter(e for film in site.films.values()
                    for e in {s.edition_id for s in film.screenings})
    festivals = [
        {"name": f.name, "description": paragraphs(f.description),
         "editions": [{"label": e.label, "url": links.editions[e.id], "year": e.year,
                       "count": shown[e.id]} for e in f.editions]}
        for f in site.festivals
    ]
    letters = maker.director_letters()
    lists = [{"title": c.title, "url": links.lists[c.id], "curator": c.curator,
              "count": len(c.items)} for c in site.lists.values()]
    decades = sorted({y // 10 * 10 for y in maker.years})
    data = {
        "festivals": festivals,
        "letters": [{"letter": letter, "url": urls.directors_path(letter)
                     if letter in letters else None}
                    for letter in [*"abcdefghijklmnopqrstuvwxyz", "other"]],
        "decades": [{"label": f"{d}s", "url": f"years/#d{d}"} for d in decades],
        "lists": lists,
        "film_count": len(site.films),
    }
    url = links.absolute("")
    ld = {
        "@context": jsonld.CONTEXT,
        "@type": "WebSite",
        "name": site.name,
        "url": url,
        "potentialAction": {"@type": "SearchAction",
                            "target": (url or "") + "search/?q={query}" if url else None,
                            "query-input": "required name=query" if url else None},
        "hasPart": [jsonld.edition_event(e, links.absolute(links.editions[e.id]))
                    for f in site.festivals for e in f.editions],
    }
    return maker.page("", "home.html", site.name, data, ld,
                      description=f"The film archive of {site.name}: {len(site.films):,} films.")


def year_pages(maker: PageMaker, only: Container[int] | None = None) -> Iterator[Page]:
    """Films by year: the overview, then a page for each year (or for those in `only`)."""
    by_year: dict[int, list[FilmRecord]] = defaultdict(list)
    for film in maker.site.films.values():
        if film.year:
            by_year[film.year].append(film)
    if not by_year:
        return
    decades: dict[int, list[dict]] = defaultdict(list)
    for year in sorted(by_year):
        decades[year // 10 * 10].append({"year": year, "url": urls.year_path(year),
                                         "count": len(by_year[year])})
    yield maker.page("years/", "years.html", "Films by year", {
        "decades": [{"decade": d, "years": ys} for d, ys in sorted(decades.items())]},
        jsonld.item_list("Films by year", maker.links.absolute("years/"),
                         [(str(y), maker.links.absolute(urls.year_path(y)))
                          for y in sorted(by_year)]), section="years")
    years = sorted(by_year)
    for n, year in enumerate(years):
        if only is not None and year not in only:
            continue
        films = by_year[year]
        path = urls.year_path(year)
        yield maker.page(path, "film_list.html", f"Films of {year}", {
            "heading": str(year), "kicker": "Films by year",
            "up": {"text": "All years", "url": "years/"},
            "previous": {"text": str(years[n - 1]), "url": urls.year_path(years[n - 1])}
            if n else None,
            "next": {"text": str(years[n + 1]), "url": urls.year_path(years[n + 1])}
            if n + 1 < len(years) else None,
            "films": [maker.film_entry(f) for f in films]},
            _film_list_ld(maker, f"Films of {year}", path, films), section="years")


def country_pages(maker: PageMaker, only: Container[str] | None = None) -> Iterator[Page]:
    """Films by country: the overview, then a page for each country (or those in `only`)."""
    # one page per path: spellings of one country ("France", "FRANCE") share it, under the
    # spelling most films use
    by_path: dict[str, dict[int, FilmRecord]] = defaultdict(dict)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for film in maker.site.films.values():
        for c in dict.fromkeys(film.countries):
            path = urls.country_path(c)
            by_path[path][film.id] = film
            spellings[path][c] += 1
    if not by_path:
        return
    name_of = {path: min(counts, key=lambda c: (-counts[c], c.isupper(), c))
               for path, counts in spellings.items()}
    by_country = {name_of[path]: list(films.values()) for path, films in by_path.items()}
    if only is not None:
        only = {name_of[urls.country_path(c)] for c in only
                if urls.country_path(c) in name_of}
    names = sorted(by_country, key=str.casefold)
    yield maker.page("countries/", "countries.html", "Films by country", {
        "countries": [{"name": c, "url": urls.country_path(c), "count": len(by_country[c])}
                      for c in names]},
        jsonld.item_list("Films by country", maker.links.absolute("countries/"),
                         [(c, maker.links.absolute(urls.country_path(c))) for c in names]),
        section="countries")
    for country in names:
        if only is not None and country not in only:
            continue
        path = urls.country_path(country)
        films = by_country[country]
        yield maker.page(path, "film_list.html", f"Films from {country}", {
            "heading": country, "kicker": "Films by country",
            "up": {"text": "All countries", "url": "countries/"},
            "previous": None, "next": None,
            "films": [maker.film_entry(f) for f in films]},
            _film_list_ld(maker, f"Films from {country}", path, films), section="countries")


def search_page(maker: PageMaker) -> Page:
    ld = {"@context": jsonld.CONTEXT, "@type": "SearchResultsPage",
          "name": f"Search {maker.site.name}", "url": maker.links.absolute("search/")}
    return maker.page("search/", "search.html", "Search the film archive",
                      {"film_count": len(maker.site.films)}, ld, section="search")


def not_found_page(maker: PageMaker) -> Page:
    """Served for any missing path, so its links cannot be relative to where it is: they
    start at the site's base address when it has one, else at the site's root (as if the
    page were there). Nothing links from the server's root."""
    base = maker.site.base_url.rstrip("/") + "/" if maker.site.base_url else ""
    ld = {"@context": jsonld.CONTEXT, "@type": "WebPage", "name": "Page not found"}
    page = maker.page("404.html", "404.html", "Page not found", {
        "absolute_root": base or "./", "base_path": urlparse(base).path if base else "",
        "home_json": _script_json(base), "base_path_json": _script_json(urlparse(base).path)}, ld)
    page.context["canonical"] = None
    return page


def _script_json(value: str) -> str:
    return json.dumps(value).replace("<", "\\u003c")
