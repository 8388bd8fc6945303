"""The catalogue's rules for field values, with messages that name the problem.

Every way in applies them: the forms and operations (`film_problems`,
`person_problems`), every import (`imported_film_problems`), and a catalogue
restored whole (`catalogue_problems`, over rows of every table).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from curator.catalog.errors import ValidationError
from curator.catalog.text import clean_text
from curator.limits import LARGEST_INTEGER  # noqa: F401 - re-exported
from curator.model import AwardResult, Base, FilmKind, Premiere, PublicationState, Role
from curator.paths import is_sha256

FIRST_FILM_YEAR = 1870
MAX_RUNTIME = 10_000


def latest_year() -> int:
    return date.today().year + 1


def check_year(value: Any, field: str = "year", label: str = "The year") -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{label} must be a whole number, not {value!r}."
    if not FIRST_FILM_YEAR <= value <= latest_year():
        return f"{label} must lie between {FIRST_FILM_YEAR} and {latest_year()}, not {value}."
    return None


FILM_TEXTS = ("title", "original_title", "format", "colour", "kind", "synopsis", "notes",
              "state")


def film_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """Problems with a film's values, by field; only the fields present are checked."""
    problems: dict[str, str] = {}
    for name in FILM_TEXTS:
        if name in values and not isinstance(values[name], str):
            problems[name] = f"The {name.replace('_', ' ')} must be text, not {values[name]!r}."
    if problems:
        return problems
    if "title" in values and not clean_text(str(values["title"] or "")).strip():
        problems["title"] = "A title is required."
    if "year" in values and (msg := check_year(values["year"])):
        problems["year"] = msg
    if "runtime" in values and values["runtime"] is not None:
        runtime = values["runtime"]
        if isinstance(runtime, bool) or not isinstance(runtime, int):
            problems["runtime"] = f"The runtime must be a whole number of minutes, not {runtime!r}."
        elif not 1 <= runtime <= MAX_RUNTIME:
            problems["runtime"] = (
                f"The runtime must be 1 to {MAX_RUNTIME:,} minutes, not {runtime}.")
    if "state" in values and values["state"] not in set(PublicationState):
        problems["state"] = f"Unknown publication state \u201c{values['state']}\u201d."
    if "kind" in values and values["kind"] and values["kind"] not in set(FilmKind):
        problems["kind"] = f"Unknown kind of film \u201c{values['kind']}\u201d."
    if "credits" in values:
        seen = set()
        for credit in values["credits"]:
            if credit.role not in set(Role):
                problems["credits"] = f"Unknown role \u201c{credit.role}\u201d."
                break
            key = (credit.person_id, credit.role, credit.character.strip())
            if key in seen:
                problems["credits"] = "The same person is credited twice in the same role."
                break
            seen.add(key)
    if "quotes" in values and any(not q.text.strip() for q in values["quotes"]):
        problems["quotes"] = "A quote needs its text."
    if "alt_titles" in values and any(
        not (a if isinstance(a, str) else a.title).strip() for a in values["alt_titles"]
    ):
        problems["alt_titles"] = "An alternative title cannot be empty."
    if "external_ids" in values and any(
        not str(scheme).strip() or not str(value).strip()
        for scheme, value in (e if isinstance(e, tuple) else (e.scheme, e.value)
                              for e in values["external_ids"])
    ):
        problems["external_ids"] = "An external id needs both its database and its value."
    return problems


def person_problems(values: Mapping[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    if "name" in values and not clean_text(str(values["name"] or "")).strip():
        problems["name"] = "A name is required."
    for field, label in (("birth_year", "The year of birth"), ("death_year", "The year of death")):
        if field in values and values[field] is not None:
            value = values[field]
            if isinstance(value, bool) or not isinstance(value, int) or not (
                1700 <= value <= latest_year()
            ):
                problems[field] = f"{label} must lie between 1700 and {latest_year()}."
    return problems


def imported_film_problems(film: Any) -> dict[str, str]:
    """Problems with a film an import brings (a `FilmData`): its values and its parts."""
    problems = film_problems({name: getattr(film, name) for name in (
        "title", "original_title", "year", "runtime", "kind", "format", "colour", "synopsis",
        "notes", "state")})
    for name in ("countries", "languages", "genres", "alt_titles"):
        if any(not isinstance(v, str) for v in getattr(film, name)):
            problems[name] = f"The {name.replace('_', ' ')} must be text."
    for person, role in film.credits:
        if not isinstance(person, str) or role not in set(Role):
            problems["credits"] = f"Unknown role \u201c{role}\u201d." if isinstance(
                person, str) else "A credit names no person."
            break
    if any(not isinstance(t, str) or not isinstance(a, str) or not t.strip()
           for t, a in film.quotes):
        problems["quotes"] = "A quote needs its text."
    return problems


# -- a whole catalogue, row by row -----------------------------------------------------------
_STATES = frozenset(PublicationState)


def _type_problem(column: Any, value: Any) -> str | None:
    """Whether a value fits a column's type (a year of "nineteen" or 1988.5 does not)."""
    if value is None:
        return None if column.nullable or column.primary_key else "is required"
    kind = column.type.python_type
    if kind is bool:
        return None if isinstance(value, bool) else "must be true or false"
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        return None if -LARGEST_INTEGER - 1 <= value <= LARGEST_INTEGER else "is out of range"
    if kind is float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return None if ok and value == value and abs(value) != float("inf") else \
            "must be a number"
    if kind is str:
        return None if isinstance(value, str) else "must be text"
    if kind is datetime:
        return None if isinstance(value, datetime) else "must be a date and time"
    if kind is date:
        return None if isinstance(value, date) and not isinstance(value, datetime) \
            else "must be a date"
    return None


# Columns whose values the rules below judge themselves, in the words the form uses: a
# year of "nineteen" reads the same from a catalogue file, a spreadsheet and the desk.
_JUDGED_BY_RULES = {"film": {"title", "year", "runtime", "state", "kind"},
                    "person": {"name", "birth_year", "death_year"},
                    "edition": {"year"}}


def _rule_problems(table: str, row: Mapping[str, Any]) -> list[str]:
    """The catalogue's rules for a row of this table, beyond its columns' types."""
    if table == "film":
        return list(film_problems({k: row[k] for k in (
            "title", "year", "runtime", "state", "kind") if k in row}).values())
    if table == "person":
        return list(person_problems({k: row[k] for k in (
            "name", "birth_year", "death_year") if k in row}).values()) + (
            [f"Unknown publication state \u201c{row['state']}\u201d."]
            if "state" in row and row["state"] not in _STATES else [])
    out = []
    if table in ("edition", "collection") and "state" in row and row["state"] not in _STATES:
        out.append(f"Unknown publication state \u201c{row['state']}\u201d.")
    if table == "edition" and (msg := check_year(row.get("year"))):
        out.append(msg)
    if table == "credit" and row.get("role") not in set(Role):
        out.append(f"Unknown role \u201c{row.get('role')}\u201d.")
    if table == "screening" and row.get("premiere", "") not in set(Premiere):
        out.append(f"Unknown kind of premiere \u201c{row.get('premiere')}\u201d.")
    if table == "award" and row.get("result", "won") not in set(AwardResult):
        out.append(f"An award is won or nominated, not \u201c{row.get('result')}\u201d.")
    if table == "related_film" and row.get("film_id") == row.get("related_id"):
        out.append("A film cannot be related to itself.")
    if table == "still":
        if not is_sha256(row.get("sha256")):
            out.append("A still's sha256 must be 64 lowercase hexadecimal digits.")
        for axis in ("focal_x", "focal_y"):
            if isinstance(row.get(axis), float) and not 0.0 <= row[axis] <= 1.0:
                out.append("A still's focal point lies between 0 and 1.")
                break
    return out


def catalogue_problems(tables: Mapping[str, list[Mapping[str, Any]]]
                       ) -> list[tuple[str, int, str]]:
    """Every row that breaks the catalogue's rules: (table, index of the row, message)."""
    found: list[tuple[str, int, str]] = []
    for name, rows in tables.items():
        table = Base.metadata.tables.get(name)
        if table is None:
            found.append((name, 0, f"There is no table {name!r} in a catalogue."))
            continue
        for index, row in enumerate(rows):
            messages = []
            judged = _JUDGED_BY_RULES.get(name, set())
            for column in table.columns:
                if column.name in judged:
                    continue
                if column.name in row and (msg := _type_problem(column, row[column.name])):
                    messages.append(f"{column.name.replace('_', ' ')} {msg} "
                                    f"(not {row[column.name]!r}).")
            if not messages:
                messages = _rule_problems(name, row)
            found.extend((name, index, m[0].upper() + m[1:]) for m in messages)
    return found


def raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)
