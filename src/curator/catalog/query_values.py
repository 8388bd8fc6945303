"""What the search field offers to complete: field names, and each field's values in use."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from curator.catalog.core import CatalogCore
from curator.catalog.matching import fold
from curator.catalog.query import FIELDS, HAS, KINDS, STATES, quoted
from curator.catalog.wording import edition_name
from curator.model import (
    Collection,
    Credit,
    Edition,
    Festival,
    Film,
    FilmField,
    Person,
    Section,
)
from curator.model.enums import Colour

COMPLETIONS_SHOWN = 12


def field_completions(prefix: str) -> list[str]:
    """`dir` -> ["director:"]; every field for an empty prefix."""
    low = prefix.lower().lstrip("-")
    return [f"{name}:" for name in FIELDS if name.startswith(low)]


def value_completions(core: CatalogCore, field: str, prefix: str,
                      limit: int = COMPLETIONS_SHOWN) -> list[str]:
    """Values of `field` that start (by a word) with `prefix`, quoted where they hold
    spaces, ready to follow `field:`; accent- and case-blind."""
    fixed = {"state": STATES, "kind": KINDS, "has": HAS,
             "colour": tuple(c.value for c in Colour)}
    from curator.catalog.vocabulary import Vocabulary

    vocabulary = Vocabulary(core)
    if field in fixed:
        values: list[str] = list(fixed[field])
    elif field == "country":
        values = vocabulary.countries()
    elif field == "language":
        values = vocabulary.languages()
    elif field == "genre":
        values = vocabulary.genres()
    elif field in ("director", "person"):
        return [quoted(v) for v in _people(core, prefix, field == "director", limit)]
    else:
        values = _used(core, field)
    wanted = fold(prefix.strip('"'))
    if wanted:
        values = [v for v in values if _starts_a_word(fold(v), wanted)]
    return [quoted(v) for v in values[:limit]]


def _starts_a_word(name: str, wanted: str) -> bool:
    return name.startswith(wanted) or f" {wanted}" in f" {name}"


def _used(core: CatalogCore, field: str) -> list[str]:
    with core.read() as session:
        if field == "section":
            names = session.scalars(select(Section.name).distinct().order_by(Section.name))
        elif field == "list":
            names = session.scalars(select(Collection.title).order_by(Collection.title))
        elif field == "format":
            names = session.scalars(select(Film.format).where(Film.format != "").distinct()
                                    .order_by(Film.format))
        elif field == "edition":
            rows = session.execute(
                select(Festival.short_name, Festival.name, Edition.year)
                .join(Edition, Edition.festival_id == Festival.id)
                .order_by(Festival.name, Edition.year.desc()))
            return [edition_name(short, name, year) for short, name, year in rows]
        elif field == "field":  # the archive's own fields, in the form's order
            names = session.scalars(select(FilmField.name)
                                    .order_by(FilmField.position, FilmField.id))
        else:  # title, year, runtime: nothing to offer
            return []
        return list(dict.fromkeys(names))


def _people(core: CatalogCore, prefix: str, directors: bool, limit: int) -> list[str]:
    """People whose name has a word starting with `prefix`; directors only if asked."""
    text = prefix.strip('"').strip()
    with core.read() as session:
        stmt = select(Person.name)
        if text:
            stmt = stmt.where(or_(Person.name.ilike(f"{text}%"),
                                  Person.name.ilike(f"% {text}%")))
        if directors:
            stmt = stmt.where(Person.id.in_(
                select(Credit.person_id).where(Credit.role == "director")))
        names = list(session.scalars(stmt.order_by(func.lower(Person.sort_name))
                                     .limit(limit)))
    return names
