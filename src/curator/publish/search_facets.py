"""The search page's facets: the values a visitor can narrow the films by (festival
edition, section, decade, country, language, kind, director, award), written with the
search index.

    search/facets.json         every value of every facet but director: [key, label, count],
                               and the table of the values' codes
    search/facet/<key>.json    the films with that value (directors' too), for a search with
                               no words or a value chosen

Each film's codes in the index (see search_index) name its values, so the counts follow
the words typed: the page counts them over the films the words found.
"""

from __future__ import annotations

import hashlib

from curator.catalog.naming import slugify
from curator.catalog.records import FilmRecord
from curator.catalog.wording import edition_name

# facet -> (the letter of its keys, how the search page names it)
FACETS = {"edition": ("e", "Festival"), "section": ("s", "Section"),
          "decade": ("d", "Decade"), "country": ("c", "Country"),
          "language": ("l", "Language"), "kind": ("k", "Kind"),
          "director": ("p", "Director"), "award": ("a", "Award")}


def _key(letter: str, value: str) -> str:
    slug = slugify(value, "")
    if not slug or len(slug) > 40:
        slug = hashlib.sha256(value.casefold().encode()).hexdigest()[:12]
    return f"{letter}-{slug}"


def film_facets(film: FilmRecord) -> list[tuple[str, str, str]]:
    """(facet, key, label) of every value the film has, once each."""
    out: dict[str, tuple[str, str, str]] = {}

    def add(facet: str, key: str, label: str) -> None:
        out.setdefault(key, (facet, key, label))

    for s in film.screenings:
        add("edition", f"e{s.edition_id}",
            edition_name(s.festival_short_name, s.festival_name, s.edition_year))
        if s.section_id and s.section_name:
            add("section", f"s{s.section_id}", s.section_name)
    if film.year:
        decade = film.year // 10 * 10
        add("decade", f"d{decade}", f"{decade}s")
    for c in film.countries:
        add("country", _key("c", c), c)
    for language in film.languages:
        add("language", _key("l", language), language)
    if film.kind:
        add("kind", _key("k", film.kind), film.kind)
    for c in film.credits:
        if c.role == "director":
            add("director", f"p{c.person_id}", c.person_name)
    for a in film.awards:
        if a.result == "won":
            add("award", _key("a", a.name), a.name)
    return list(out.values())


def facet_head(values: dict[str, tuple[str, str, int]], codes: dict[str, str]) -> dict:
    """search/facets.json: each facet with its values ([key, label, films], in the order
    the page lists them; a director's are taken from the films found) and the table of the
    values' codes (code -> key: a film's codes in the index name its values)."""
    by_facet: dict[str, list[list]] = {name: [] for name in FACETS if name != "director"}
    for key, (facet, label, count) in values.items():
        by_facet[facet].append([key, label, count])
    for facet, entries in by_facet.items():
        if facet == "decade":
            entries.sort(key=lambda e: e[0])
        elif facet == "edition":
            entries.sort(key=lambda e: (e[1].casefold(), e[0]), reverse=True)
        else:
            entries.sort(key=lambda e: (-e[2], e[1].casefold(), e[0]))
    return {"facets": [{"name": name, "label": label, "values": by_facet.get(name, [])}
                       for name, (_letter, label) in FACETS.items()],
            "codes": codes}
