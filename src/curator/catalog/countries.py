"""One spelling per country: "FRANCE", " france " and "France" are one country.

A country typed in capitals or with stray spaces would otherwise be a second
country: its own page on the site, its own line in the sidebar. On the way in,
each name takes the standard spelling when it is one of the built-in countries
(vocabulary.py), else the spelling the archive already uses (one not in
capitals preferred), else its own, with its spaces tidied.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import TypeVar

from sqlalchemy import select, union

from curator.model import Festival, FilmCountry, Person

T = TypeVar("T")


def country_key(name: str) -> str:
    """What two spellings of one country share."""
    return " ".join(name.split()).casefold()


class CountrySpellings:
    """How the catalogue spells each country it knows; learns new ones as they come."""

    def __init__(self, used: Iterable[str] = ()) -> None:
        from curator.catalog.vocabulary import COUNTRIES  # it imports the catalog's base

        self._by_key: dict[str, str] = {}
        for name in used:
            self._learn(" ".join(name.split()))
        for name in COUNTRIES:
            self._by_key[country_key(name)] = name

    def _learn(self, tidy: str) -> str:
        if not tidy:
            return ""
        key = tidy.casefold()
        have = self._by_key.get(key)
        if have is None or (have.isupper() and not tidy.isupper() and len(tidy) > 3):
            self._by_key[key] = tidy
        return self._by_key[key]

    def spell(self, name: str) -> str:
        """The catalogue's spelling of `name`."""
        tidy = " ".join(name.split())
        return self._by_key.get(tidy.casefold()) or self._learn(tidy)

    def spell_all(self, names: Iterable[str]) -> tuple[str, ...]:
        """A film's countries, spelled, each once, in their order."""
        return tuple(dict.fromkeys(s for s in map(self.spell, names) if s))


def used_countries(connection: object) -> list[str]:
    """Every country name the archive uses (a Connection or a Session)."""
    query = union(select(FilmCountry.name), select(Person.country), select(Festival.country))
    return [name for (name,) in connection.execute(query) if name]  # type: ignore[attr-defined]


def with_countries_spelled(film: T, spellings: CountrySpellings) -> T:
    """An importer's film (FilmData) with its countries in the catalogue's spelling."""
    countries = spellings.spell_all(film.countries)  # type: ignore[attr-defined]
    if countries == film.countries:  # type: ignore[attr-defined]
        return film
    return dataclasses.replace(film, countries=countries)  # type: ignore[type-var]
