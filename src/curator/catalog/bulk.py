"""The bulk path: many films at once (imports, the demo), in one transaction.

Rows go in with executemany and ids assigned up front, so a hundred thousand
films cost little more than the raw inserts; the result is still one Changes,
so a whole import is one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from curator.catalog.changes import Changes
from curator.catalog.core import CatalogCore
from curator.catalog.countries import CountrySpellings, used_countries, with_countries_spelled
from curator.catalog.errors import Cancelled
from curator.catalog.import_rows import NewRows
from curator.catalog.naming import slugify, sort_name, sort_title
from curator.catalog.sort_keys import refresh_sort_key_range
from curator.catalog.text import clean_values
from curator.catalog.unit import TABLES, write_transaction
from curator.catalog.validation import film_problems
from curator.model.enums import PublicationState
from curator.store import search as fts


@dataclass
class FilmData:
    """A film as an importer reads it: people by name, parts as plain values."""

    title: str
    original_title: str = ""
    sort_title: str | None = None
    year: int | None = None
    runtime: int | None = None
    kind: str = ""
    format: str = ""
    colour: str = ""
    synopsis: str = ""
    notes: str = ""
    state: str = PublicationState.DRAFT
    countries: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    genres: tuple[str, ...] = ()
    alt_titles: tuple[str, ...] = ()
    credits: tuple[tuple[str, str], ...] = ()  # (person name, role)
    quotes: tuple[tuple[str, str], ...] = ()  # (text, attribution)
    external_ids: tuple[tuple[str, str], ...] = ()  # (scheme, value)


@dataclass
class BulkResult:
    changes: Changes
    film_ids: list[int] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (index in input, message)
    people_created: int = 0


def add_in_bulk(
    core: CatalogCore,
    films: Iterable[FilmData],
    *,
    label: str = "Import films",
    progress: Callable[[int], bool | None] | None = None,
) -> BulkResult:
    """Add films in one transaction; invalid ones are skipped and reported by index.

    `progress(n)` is called every 1,000 films; returning False cancels the
    whole operation, leaving the archive as it was.
    """
    result_ids: list[int] = []
    errors: list[tuple[int, str]] = []
    with write_transaction(core.archive, label) as writing:
        conn = writing.conn
        rows = NewRows(conn)
        people, known_names = _people_index(conn)
        documents: list[tuple[int, str, str, str, str]] = []
        created_people = 0
        spellings = CountrySpellings(used_countries(conn))
        for n, film in enumerate(map(clean_values, films)):
            film = with_countries_spelled(film, spellings)
            if progress and n % 1000 == 0 and progress(n) is False:
                raise Cancelled("The import was cancelled; nothing was changed.")
            problems = film_problems({"title": film.title, "year": film.year,
                                      "runtime": film.runtime, "state": film.state,
                                      "kind": film.kind})
            if problems:
                errors.append((n, " ".join(problems.values())))
                continue
            title = film.title.strip()
            f = rows.add("film", **{
                "title": title, "original_title": film.original_title.strip(),
                "sort_title": film.sort_title or sort_title(title),
                "slug": slugify(title, "film"), "year": film.year, "runtime": film.runtime,
                "format": film.format, "colour": film.colour, "kind": film.kind,
                "synopsis": film.synopsis, "notes": film.notes, "state": film.state,
            })
            fid = f["id"]
            result_ids.append(fid)
            for table, values in (("film_country", film.countries),
                                  ("film_language", film.languages),
                                  ("film_genre", film.genres)):
                unique = dict.fromkeys(v.strip() for v in values if v.strip())
                for pos, name in enumerate(unique):
                    rows.add(table, **{"film_id": fid, "position": pos, "name": name})
            for pos, alt in enumerate(film.alt_titles):
                rows.add("alt_title", **{"film_id": fid, "position": pos, "title": alt,
                                       "note": ""})
            seen = set()
            names: list[str] = []
            for pos, (name, role) in enumerate(film.credits):
                key = name.strip().casefold()
                pid = people.get(key)
                if pid is None:
                    person = rows.add("person", **{
                        "name": name.strip(), "sort_name": sort_name(name),
                        "slug": slugify(name, "person"), "birth_year": None,
                        "death_year": None, "country": "", "biography": "", "notes": "",
                        "state": PublicationState.PUBLISHED})
                    pid = people[key] = person["id"]
                    known_names[pid] = person["name"] + " "
                    created_people += 1
                if (pid, role) in seen:
                    continue
                seen.add((pid, role))
                names.append(known_names[pid])
                rows.add("credit", **{"film_id": fid, "person_id": pid, "role": role,
                                    "character": "", "position": pos})
            for pos, (text, attribution) in enumerate(film.quotes):
                rows.add("quote", **{"film_id": fid, "position": pos, "text": text,
                                   "attribution": attribution, "source": ""})
            # the same text search.reindex_films would build from the tables
            documents.append((
                fid, f"{title} {film.original_title.strip()} " + " ".join(film.alt_titles),
                " ".join(names),
                f"{film.synopsis} " + " ".join(f"{t} {a}" for t, a in film.quotes),
                " ".join(dict.fromkeys(c.strip() for c in film.countries if c.strip())),
            ))
            for scheme, value in film.external_ids:
                rows.add("external_id", **{"film_id": fid, "person_id": None,
                                         "scheme": scheme, "value": value})
        changes = rows.flush_rows()
        fts.add_documents(conn, documents)
        if result_ids:
            refresh_sort_key_range(conn, result_ids[0], result_ids[-1])
        writing.rows = changes
    changes_obj = Changes(label, changes, frozenset(result_ids))
    return BulkResult(changes_obj, result_ids, errors, created_people)


def _people_index(conn: Connection) -> tuple[dict[str, int], dict[int, str]]:
    """Every name and name variant (case-folded) -> person id; and each person's
    names as the search index holds them."""
    person, variant = TABLES["person"], TABLES["name_variant"]
    index: dict[str, int] = {}
    names: dict[int, str] = {}
    variants: dict[int, list[str]] = {}
    for pid, name in conn.execute(
            select(variant.c.person_id, variant.c.name).order_by(variant.c.id)):
        index[name.casefold()] = pid
        variants.setdefault(pid, []).append(name)
    for pid, name in conn.execute(select(person.c.id, person.c.name)):
        index[name.casefold()] = pid  # a name wins over another person's variant
        names[pid] = f"{name} " + " ".join(variants.get(pid, ()))
    return index, names
