"""The catalogue's rules for field values, with messages that name the problem."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from curator.catalog.errors import ValidationError
from curator.catalog.text import clean_text
from curator.model import FilmKind, PublicationState, Role

FIRST_FILM_YEAR = 1870
MAX_RUNTIME = 10_000


def latest_year() -> int:
    return date.today().year + 1


def check_year(value: Any, field: str = "year", label: str = "The year") -> str | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{label} must be a whole number."
    if not FIRST_FILM_YEAR <= value <= latest_year():
        return f"{label} must lie between {FIRST_FILM_YEAR} and {latest_year()}, not {value}."
    return None


def film_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """Problems with a film's values, by field; only the fields present are checked."""
    problems: dict[str, str] = {}
    if "title" in values and not clean_text(str(values["title"] or "")).strip():
        problems["title"] = "A title is required."
    if "year" in values and (msg := check_year(values["year"])):
        problems["year"] = msg
    if "runtime" in values and values["runtime"] is not None:
        runtime = values["runtime"]
        if isinstance(runtime, bool) or not isinstance(runtime, int):
            problems["runtime"] = "The runtime must be a whole number of minutes."
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


def raise_if(problems: dict[str, str]) -> None:
    if problems:
        raise ValidationError(problems)
