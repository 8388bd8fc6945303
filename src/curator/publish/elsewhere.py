"""A record's identifiers in other databases (IMDb, Wikidata, ...): shown on its page, and
given to schema.org as `sameAs` where the identifier makes an address."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from curator.catalog.records import ExternalIdData

# scheme -> (its name, the address of a film's record, of a person's, what a value looks like)
SCHEMES: dict[str, tuple[str, str, str, str]] = {
    "imdb": ("IMDb", "https://www.imdb.com/title/{}/", "https://www.imdb.com/name/{}/",
             r"(tt|nm)\d{5,10}"),
    "wikidata": ("Wikidata", "https://www.wikidata.org/wiki/{}",
                 "https://www.wikidata.org/wiki/{}", r"Q\d{1,12}"),
    "movielens": ("MovieLens", "https://movielens.org/movies/{}", "", r"\d{1,9}"),
    "tmdb": ("TMDB", "https://www.themoviedb.org/movie/{}", "https://www.themoviedb.org/person/{}",
             r"\d{1,10}"),
    "archive-film": ("The festival's earlier archive", "", "", r".+"),
}


def elsewhere(ids: Iterable[ExternalIdData], kind: str = "film") -> list[dict[str, Any]]:
    """The identifiers as a page shows them: name, value and, if it makes one, address."""
    out = []
    for e in ids:
        value = e.value.strip()
        if not value:
            continue
        name, film_url, person_url, pattern = SCHEMES.get(
            e.scheme.casefold(), (e.scheme, "", "", ""))
        template = film_url if kind == "film" else person_url
        if e.scheme.casefold() == "imdb" and not value.startswith("tt" if kind == "film"
                                                                   else "nm"):
            template = ""
        url = ""
        if template and re.fullmatch(pattern, value):
            url = template.format(quote(value, safe=""))
        elif re.fullmatch(r"https?://[^\s<>\"]+", value):
            url = value
        out.append({"name": name, "value": value, "url": url})
    return out


def same_as(shown: list[dict[str, Any]]) -> list[str]:
    return [e["url"] for e in shown if e["url"]]
