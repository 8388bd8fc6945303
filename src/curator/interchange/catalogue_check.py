"""The shape of a catalogue file, checked before anything is read from it.

Every record and every field is held against what docs/catalogue-format.md says
it is: a title is text, a credit an object, an id a whole number an SQLite
database can store. The first thing out of place is refused with the record it
is in (`film 12, credit 3: "person" must be a whole number, not text.`), so a
damaged file never fails halfway through the import. Text is cleaned of control
characters on the way (catalog/text.py), as on every other way in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from curator.catalog.settings import setting_problems
from curator.catalog.text import clean_text, text_problem
from curator.catalog.validation import LARGEST_INTEGER
from curator.interchange.errors import ReadError


@dataclass(frozen=True)
class F:
    """A field: its kind (a name below, a record's fields, or [kind] for a list of them)."""

    kind: Any
    required: bool = False
    nullable: bool = False


TEXT, INT, NUMBER, BOOL, DATE, STAMP, ID = "text", "int", "number", "bool", "date", "stamp", "id"
# A single value the catalogue's rules judge row by row (a year of "nineteen" is a row
# at fault, listed with the others, not a file that cannot be read).
RULED = "ruled"
REF = F(ID, nullable=True)
STAMPS = {"created_at": F(STAMP, nullable=True), "updated_at": F(STAMP, nullable=True)}


def _text(*names: str) -> dict[str, F]:
    return {n: F(TEXT) for n in names}


EXTERNAL_ID = {"scheme": F(TEXT, True), "value": F(TEXT, True)}
CITATION = F({"source": F(ID, True), "page": F(INT, True), "region": F([NUMBER])},
             nullable=True)
STILL = {"id": F(ID, True), "sha256": F(TEXT, True), "width": F(INT), "height": F(INT),
         **_text("format", "original_name", "caption", "credit", "alt_text", "rights"),
         "primary": F(BOOL, nullable=True), "focal_point": F([NUMBER], nullable=True), **STAMPS}
FILM = {
    "id": F(ID, True), "title": F(TEXT, True),
    **_text("slug", "original_title", "sort_title", "kind", "format", "colour", "state",
            "synopsis", "notes"),
    "year": F(RULED, nullable=True), "runtime": F(RULED, nullable=True),
    "countries": F([TEXT]), "languages": F([TEXT]), "genres": F([TEXT]),
    "alt_titles": F([{"title": F(TEXT, True), "note": F(TEXT)}]),
    "credits": F([{"person": F(ID, True), "role": F(TEXT, True), "character": F(TEXT)}]),
    "quotes": F([{"text": F(TEXT, True), "attribution": F(TEXT), "source": F(TEXT),
                  "cited": CITATION}]),
    "external_ids": F([EXTERNAL_ID]),
    "screenings": F([{"edition": F(ID, True), "section": REF, "premiere": F(TEXT),
                      "showings": F([{"day": F(DATE, True), "time": F(TEXT),
                                      "venue": F(TEXT)}])}]),
    "related": F([{"film": F(ID, True), "note": F(TEXT)}]),
    "field_values": F([{"field": F(ID, True), "value": F(TEXT)}]),
    "stills": F([STILL]), "citation": CITATION, **STAMPS,
}
PERSON = {
    "id": F(ID, True), "name": F(TEXT, True),
    **_text("slug", "sort_name", "country", "biography", "notes", "state"),
    "birth_year": F(RULED, nullable=True), "death_year": F(RULED, nullable=True),
    "variants": F([TEXT]), "external_ids": F([EXTERNAL_ID]), "portraits": F([STILL]),
    "citation": CITATION, **STAMPS,
}
SECTION = {"id": F(ID, True), "name": F(TEXT, True), **_text("slug", "description"), **STAMPS}
EDITION = {
    "id": F(ID, True), "year": F(INT, True), "number": F(INT, nullable=True),
    **_text("slug", "intro", "state"), "starts_on": F(DATE, nullable=True),
    "ends_on": F(DATE, nullable=True), "opening_film": REF, "sections": F([SECTION]), **STAMPS,
}
FESTIVAL = {"id": F(ID, True), "name": F(TEXT, True),
            **_text("slug", "short_name", "city", "country", "description"),
            "editions": F([EDITION]), **STAMPS}
AWARD = {"id": F(ID, True), "edition": F(ID, True), "name": F(TEXT, True), "film": REF,
         "person": REF, "result": F(TEXT), **STAMPS}
LIST = {"id": F(ID, True), "title": F(TEXT, True),
        **_text("slug", "curator", "introduction", "state"),
        "items": F([{"film": F(ID, True), "note": F(TEXT)}]), **STAMPS}
SAVED_SEARCH = {"id": F(ID, True), "name": F(TEXT, True), "query": F(TEXT, True), **STAMPS}
FIELD = {"id": F(ID, True), "name": F(TEXT, True), "kind": F(TEXT), **STAMPS}
SOURCE = {"id": F(ID, True), "title": F(TEXT, True), "edition": REF, "festival": REF,
          **_text("date", "note", "language"), "publishable": F(BOOL),
          "pages": F([{"number": F(INT, True), "sha256": F(TEXT, True), "format": F(TEXT),
                       "file_page": F(INT), "width": F(INT), "height": F(INT),
                       "original_name": F(TEXT)}]), **STAMPS}
# what the archive keeps of its films' past: a page's former address (also of a film no
# longer in it), the id of a film merged into another, two records said not to be one
PAST_ADDRESS = {"film": F(ID, True), "slug": F(TEXT, True), "title": F(TEXT)}
MERGED_FILM = {"id": F(ID, True), "film": F(ID, True)}
NOT_DUPLICATE = {"kind": F(TEXT, True), "first": F(ID, True), "second": F(ID, True)}
TOP = {"films": ("film", FILM), "people": ("person", PERSON), "festivals": ("festival", FESTIVAL),
       "awards": ("award", AWARD), "lists": ("list", LIST), "sources": ("source", SOURCE),
       "saved_searches": ("saved search", SAVED_SEARCH), "fields": ("field", FIELD),
       "past_addresses": ("past address", PAST_ADDRESS),
       "merged_films": ("merged film", MERGED_FILM),
       "not_duplicates": ("pair said not to be one", NOT_DUPLICATE)}
# how a part of a record is called in a message: `film 12, credit 3`
PART_NAMES = {"alt_titles": "alternative title", "credits": "credit", "quotes": "quote",
              "external_ids": "external id", "screenings": "screening", "related": "related film",
              "stills": "still", "portraits": "portrait", "editions": "edition",
              "sections": "section", "items": "entry", "countries": "country",
              "languages": "language", "genres": "genre", "variants": "name variant",
              "focal_point": "coordinate", "pages": "page", "citation": "citation",
              "cited": "citation", "region": "coordinate",
              "field_values": "field value"}


def json_kind(value: Any) -> str:
    """What a JSON value is, in a user's words."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def check_document(document: dict[str, Any]) -> None:
    """Refuse the first value out of place; clean text in place. Raises ReadError."""
    for key, (name, fields) in TOP.items():
        records = document.get(key)
        if records is None:
            continue
        if not isinstance(records, list):
            raise ReadError(f"\u201c{key}\u201d must be a list, not {json_kind(records)}.")
        for n, record in enumerate(records, start=1):
            _check_record(record, fields, name, n)
    settings = document.get("settings")
    if settings is not None:
        if not isinstance(settings, dict):
            raise ReadError(f"\u201csettings\u201d must be an object, not {json_kind(settings)}.")
        for key, value in list(settings.items()):
            settings[key] = _value(value, F(TEXT), "settings", key)
            for problem in setting_problems(key, settings[key], files=False).values():
                raise ReadError(problem, place="settings")


def _check_record(record: Any, fields: dict[str, F], name: str, n: int) -> str:
    """Check one record; returns its place in messages (`film 12`)."""
    if not isinstance(record, dict):
        raise ReadError(f"must be an object, not {json_kind(record)}.", place=f"{name} {n}")
    ident = record.get("id")
    place = f"{name} {ident}" if _is_id(ident) else f"{name} {n} of the file"
    for key, spec in fields.items():
        if key not in record:
            if spec.required:
                raise ReadError(f"\u201c{key}\u201d is missing.", place=place)
            continue
        record[key] = _value(record[key], spec, place, key)
    return place


def _value(value: Any, spec: F, place: str, key: str) -> Any:
    if value is None:
        if spec.nullable:
            return None
        if not spec.required and spec.kind == TEXT:
            return ""
        if not spec.required and isinstance(spec.kind, list):
            return []
    kind = spec.kind
    if isinstance(kind, dict):  # one object: a film's citation
        if not isinstance(value, dict):
            raise ReadError(f"\u201c{key}\u201d must be an object, not {json_kind(value)}.",
                            place=place)
        _check_record(value, kind, f"{place}, {PART_NAMES.get(key, key)}", 1)
        return value
    if isinstance(kind, list):
        if not isinstance(value, list):
            raise ReadError(f"\u201c{key}\u201d must be a list, not {json_kind(value)}.",
                            place=place)
        part = PART_NAMES.get(key, key)
        out = []
        for n, item in enumerate(value, start=1):
            if isinstance(kind[0], dict):
                _check_record(item, kind[0], f"{place}, {part}", n)
                out.append(item)
            else:
                out.append(_value(item, F(kind[0], True), f"{place}, {part} {n}", key))
        return out
    if kind in (DATE, STAMP) and value == "":
        return None
    problem = _problem(value, kind)
    if problem:
        raise ReadError(f"\u201c{key}\u201d {problem}.", place=place)
    if kind == TEXT or kind == RULED and isinstance(value, str):
        return clean_text(value)
    if kind == NUMBER:
        return float(value)
    return value


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and \
        1 <= value <= LARGEST_INTEGER


def _problem(value: Any, kind: str) -> str | None:
    if kind == TEXT:
        problem = text_problem(value)
        return None if problem is None else (
            f"must be text, not {json_kind(value)}" if problem == "is not text" else problem)
    if kind in (INT, ID):
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be a whole number, not {json_kind(value)}"
        if kind == ID and not _is_id(value):
            return f"must be a whole number from 1 to {LARGEST_INTEGER:,}, not {value}"
        if abs(value) > LARGEST_INTEGER:
            return f"is too large a number ({str(value)[:20]}\u2026)"
        return None
    if kind == RULED:
        if isinstance(value, list | dict):
            return f"must be a single value, not {json_kind(value)}"
        if isinstance(value, int) and abs(value) > LARGEST_INTEGER:
            return f"is too large a number ({str(value)[:20]}\u2026)"
        if isinstance(value, str):
            problem = text_problem(value)
            return None if problem in (None, "is not text") else problem
        return None
    if kind == NUMBER:
        if isinstance(value, bool) or not isinstance(value, int | float) or \
                not math.isfinite(float(value)):
            return f"must be a number, not {json_kind(value)}"
        return None
    if kind == BOOL:
        return None if isinstance(value, bool) else f"must be true or false, not {json_kind(value)}"
    if kind in (DATE, STAMP):
        if not isinstance(value, str):
            return f"must be a date as text, not {json_kind(value)}"
        try:
            (date if kind == DATE else datetime).fromisoformat(value)
        except ValueError:
            example = "1989-06-09" if kind == DATE else "1989-06-09T10:30:00"
            return f"is not a date like {example}: \u201c{value[:40]}\u201d"
        return None
    raise AssertionError(kind)
