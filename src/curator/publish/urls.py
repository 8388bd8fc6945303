"""Where each record's page lives in the site: stable paths from ids plus slugs.

Paths are relative to the site's root and end in `/` (the page is `index.html`
inside), so the site works under any sub-path of any static web server.
"""

from __future__ import annotations

import functools
import hashlib

from curator.catalog.countries import country_key
from curator.catalog.naming import slugify
from curator.catalog.records import (
    CollectionRecord,
    EditionRecord,
    FilmRecord,
    PersonRecord,
    SectionRecord,
)

DIRECTORS_PER_PAGE = 150


def film_path(film: FilmRecord) -> str:
    return f"films/{film.id}/{slugify(film.slug or film.title, 'film')}/"


def person_path(person: PersonRecord) -> str:
    return f"people/{person.id}/{slugify(person.slug or person.name, 'person')}/"


def edition_path(edition: EditionRecord) -> str:
    return f"festivals/{slugify(edition.slug or edition.label, 'edition')}/"


def section_path(section: SectionRecord) -> str:
    return f"sections/{section.id}/{slugify(section.slug or section.name, 'section')}/"


def list_path(collection: CollectionRecord) -> str:
    return f"lists/{collection.id}/{slugify(collection.slug or collection.title, 'list')}/"


def year_path(year: int) -> str:
    return f"years/{year}/"


@functools.lru_cache(maxsize=4096)  # asked for each film's countries, by every export
def country_path(country: str) -> str:
    """One page per country, whatever its script: "France" and "FRANCE" share theirs, a name
    with no letters to spell in ASCII gets a page of its own from its name's digest."""
    key = country_key(country)
    slug = slugify(key, "")
    if not slug:
        slug = "country-" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:10]
    return f"countries/{slug}/"


def directors_path(letter: str, page: int = 1) -> str:
    return f"directors/{letter}/" + (f"{page}/" if page > 1 else "")


def root_of(path: str) -> str:
    """The relative way back to the site's root from the page at `path`."""
    depth = path.count("/")
    return "../" * depth if depth else "./"


def file_of(path: str) -> str:
    """The file a page path is written to."""
    return path + "index.html" if path.endswith("/") or not path else path
