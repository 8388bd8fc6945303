"""The search page's facets: the values a visitor can narrow the films by (festival
edition, section, decade, country, language, kind, director, award), written with the
search index.

    search/facets.json         every value of every facet but director: [key, label, count]
    search/facet/<key>.json    the ids of the films with that value, for a search with no
                               words (the facet of fewest films is read, the others are
                               checked against the films' own keys)

Each film's entry in the index's film shards carries its facet keys, so the counts
follow the words typed: the page counts them over the films the words found.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable

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


FacetsOf = Callable[[FilmRecord], list[tuple[str, str, str]]]


def facet_files(films: Iterable[FilmRecord], facets_of: FacetsOf = film_facets
                ) -> tuple[dict, dict[str, list[int]]]:
    """The facets' values with their counts, and each value's films (but directors').
    `facets_of` may answer from what it kept of an earlier export."""
    labels: dict[str, tuple[str, str]] = {}
    postings: dict[str, list[int]] = defaultdict(list)
    for film in sorted(films, key=lambda f: f.id):
        for facet, key, label in facets_of(film):
            if facet == "director":
                continue  # thousands: the page takes them from the films found
            labels.setdefault(key, (facet, label))
            postings[key].append(film.id)
    values: dict[str, list[list]] = {name: [] for name in FACETS if name != "director"}
    for key, (facet, label) in labels.items():
        values[facet].append([key, label, len(postings[key])])
    for facet, entries in values.items():
        if facet == "decade":
            entries.sort(key=lambda e: e[0])
        elif facet == "edition":
            entries.sort(key=lambda e: e[1].casefold(), reverse=True)
        else:
            entries.sort(key=lambda e: (-e[2], e[1].casefold()))
    head = {"facets": [{"name": name, "label": label, "values": values.get(name, [])}
                       for name, (_letter, label) in FACETS.items()]}
    return head, dict(postings)
