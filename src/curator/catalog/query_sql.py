"""The conditions of a query (catalog/query.py) as SQL: each one a clause on Film.

Names are matched as the search field matches them, blind to case and accents: every
name is folded once and kept, indexed by its words, until the catalogue changes.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    exists,
    func,
    not_,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from curator.catalog.field_kinds import spelled as field_spelling
from curator.catalog.matching import fold
from curator.catalog.query import Condition, QueryError, quoted
from curator.model import (
    Collection,
    CollectionItem,
    Credit,
    Edition,
    Festival,
    Film,
    FilmCountry,
    FilmField,
    FilmFieldValue,
    FilmGenre,
    FilmLanguage,
    NameVariant,
    Person,
    Quote,
    Screening,
    Section,
    Still,
)
from curator.store import search as fts

HAS_DIRECTOR = exists().where(and_(Credit.film_id == Film.id, Credit.role == "director"))
HAS_STILL = exists().where(Still.film_id == Film.id)
# named after where it came from ("Untitled (archive film 20447)") until its title is known
UNTITLED = Film.title.startswith("Untitled (", autoescape=True)
HAS: dict[str, ColumnElement[bool]] = {
    "still": HAS_STILL,
    "synopsis": Film.synopsis != "",
    "director": HAS_DIRECTOR,
    "quote": exists().where(Quote.film_id == Film.id),
    "screening": exists().where(Screening.film_id == Film.id),
    "notes": Film.notes != "",
    "year": Film.year.is_not(None),
    "runtime": Film.runtime.is_not(None),
    "country": exists().where(FilmCountry.film_id == Film.id),
    "credits": exists().where(Credit.film_id == Film.id),
    "title": not_(UNTITLED),
}


def condition_clause(session: Session, c: Condition) -> ColumnElement[bool]:
    clause = _clause(session, c)
    return not_(clause) if c.negated else clause


def _clause(session: Session, c: Condition) -> ColumnElement[bool]:  # noqa: C901, PLR0911
    f = c.field
    if f in ("year", "runtime"):
        column = Film.year if f == "year" else Film.runtime
        parts = [column.is_not(None)]  # so that -year:1988 keeps the films of no known year
        if c.low is not None:
            parts.append(column >= c.low)
        if c.high is not None:
            parts.append(column <= c.high)
        return and_(*parts)
    if f == "has":
        return HAS[c.text]
    if f == "state":
        return Film.state == c.text
    if f == "kind":
        return Film.kind == c.text
    if f in ("format", "colour"):
        return func.lower(getattr(Film, f)) == c.text.lower()
    if f in ("country", "language", "genre"):
        table = {"country": FilmCountry, "language": FilmLanguage, "genre": FilmGenre}[f]
        return Film.id.in_(select(table.film_id).where(whole_word(table.name, c.text)))
    if f == "title":
        conn = session.connection()
        titled = fts.title_matching_film_ids(conn, c.text)
        if titled is None:
            pattern = f"%{c.text}%"
            return or_(Film.title.ilike(pattern), Film.original_title.ilike(pattern))
        return Film.id.in_(titled.scalar_subquery())
    if f in ("director", "person"):
        return Film.id.in_(_credits_of_people(session, c))
    if f == "edition":
        return Film.id.in_(select(Screening.film_id).where(
            Screening.edition_id.in_(editions_named(c.text))))
    if f == "section":
        sections = select(Section.id).where(Section.name.ilike(f"%{c.text}%"))
        return Film.id.in_(select(Screening.film_id).where(Screening.section_id.in_(sections)))
    if f == "list":
        lists = select(Collection.id).where(Collection.title.ilike(f"%{c.text}%"))
        return Film.id.in_(select(CollectionItem.film_id).where(
            CollectionItem.collection_id.in_(lists)))
    if f == "field":
        return _own_field_clause(session, c.text)
    raise AssertionError(f"no SQL for the field {f}")  # query.FIELDS and this agree


def _own_field_clause(session: Session, text: str) -> ColumnElement[bool]:
    """`print source=finnish`: films whose value in that archive field holds the words
    (a number or yes/no: is it); `print source` alone: films holding any value."""
    name, equals, wanted = text.partition("=")
    found = session.execute(select(FilmField.id, FilmField.kind).where(
        func.lower(FilmField.name) == name.strip().lower())).first()
    if found is None:
        known = session.scalars(select(FilmField.name).order_by(FilmField.position)).all()
        there = (f"the fields are {', '.join(known)}" if known
                 else "the archive has no fields of its own")
        raise QueryError(f"field:{quoted(text)}: there is no field called "
                         f"\u201c{name.strip()}\u201d; {there}.")
    held = select(FilmFieldValue.film_id).where(FilmFieldValue.field_id == found.id)
    if equals and wanted.strip():
        if found.kind == "text":
            held = held.where(FilmFieldValue.value.ilike(f"%{wanted.strip()}%"))
        else:
            try:
                held = held.where(FilmFieldValue.value == field_spelling(found.kind, wanted))
            except ValueError as exc:
                raise QueryError(f"field:{quoted(text)}: {exc}") from None
    return Film.id.in_(held)


def whole_word(column: Any, value: str) -> ColumnElement[bool]:
    """`germany` finds Germany, West Germany and East Germany, but `us` never USSR."""
    v = value.strip().lower()
    name = func.lower(column)
    return or_(name == v, name.like(f"{v} %"), name.like(f"% {v}"), name.like(f"% {v} %"))


def editions_named(value: str) -> Any:
    """Editions by `miff 1989`, `Melbourne 1989`, `miff` or `1989`."""
    words = value.split()
    years = [int(w) for w in words if w.isdigit()]
    names = [w for w in words if not w.isdigit()]
    stmt = select(Edition.id).join(Festival, Festival.id == Edition.festival_id)
    for year in years:
        stmt = stmt.where(Edition.year == year)
    for word in names:
        stmt = stmt.where(or_(Festival.short_name.ilike(f"%{word}%"),
                              Festival.name.ilike(f"%{word}%")))
    return stmt


def people_named(session: Session, value: str, role: str | None) -> list[int]:
    """People whose name or a variant has every word of `value` (as prefixes), blind to
    case and accents; with `role`, only people credited in that role.

    The names are looked up in the catalogue's names folded once (`NameWords`), kept
    until the next change of the catalogue. Found once per search (the count and the
    page share it).
    """
    words = fold(value).split()
    if not words:
        return []
    memo = session.info.setdefault("people_named", {})
    if (value, role) in memo:
        return memo[(value, role)]
    conn = session.connection()
    found = name_words(conn).people_having(words)
    if role is not None and found:
        # a covering index (credit: person, role, film) answers this without the rows
        found = set(conn.execute(select(Credit.person_id).distinct().where(
            Credit.person_id.in_(sorted(found)), Credit.role == role)).scalars())
    memo[(value, role)] = sorted(found)
    return memo[(value, role)]


def _credits_of_people(session: Session, c: Condition) -> Select:
    """The film of each credit of the people a `person:` or `director:` condition names."""
    role = "director" if c.field == "director" else None
    credit = select(Credit.film_id).where(
        Credit.person_id.in_(people_named(session, c.text, role)))
    return credit if role is None else credit.where(Credit.role == role)


def films_of_people(session: Session, c: Condition) -> set[int]:
    """The films a `person:` or `director:` condition (not negated) finds, read once per
    search: the count is their number and a page in title order is read off the title
    index with them at hand, rather than SQL matching and sorting thousands of films twice.
    """
    memo = session.info.setdefault("films_of_people", {})
    if (c.field, c.text) not in memo:
        memo[(c.field, c.text)] = fts.id_set(session.connection(), _credits_of_people(session, c))
    return memo[(c.field, c.text)]


class NameWords:
    """Every name and name variant of the catalogue's people, folded once and indexed by
    its words in order, so the names that have a word starting with `kauris` are one
    binary search away rather than a scan and a fold of every name."""

    def __init__(self, conn: Connection) -> None:
        self.people: list[int] = []  # the person of each name, by the name's number
        pairs: list[tuple[str, int]] = []
        for table, key in ((Person.__table__, "id"), (NameVariant.__table__, "person_id")):
            for pid, spelled in conn.execute(select(table.c[key], table.c.name)):
                n = len(self.people)
                self.people.append(pid)
                pairs += ((word, n) for word in set(fold(spelled).split()))
        pairs.sort()
        self.words = [w for w, _ in pairs]
        self.names = [n for _, n in pairs]

    def _names_with(self, prefix: str) -> set[int]:
        start = bisect_left(self.words, prefix)
        end = bisect_left(self.words, prefix + "\U0010ffff", start)
        return set(self.names[start:end])

    def people_having(self, words: list[str]) -> set[int]:
        """People with one name (or variant) that has a word starting with each of `words`."""
        names: set[int] | None = None
        for word in sorted(set(words), key=len, reverse=True):  # the rarest first, likely
            found = self._names_with(word)
            names = found if names is None else names & found
            if not names:
                return set()
        return {self.people[n] for n in names or ()}


# Each engine's NameWords, with the newest history id it was read at: any change of the
# catalogue (here or at another desk) makes a new history entry, and the next search
# reads the names again.
_NAME_WORDS: weakref.WeakKeyDictionary[Any, tuple[int, NameWords]] = weakref.WeakKeyDictionary()


def name_words(conn: Connection) -> NameWords:
    from curator.model.history import CHANGE_HISTORY

    newest = conn.execute(select(func.max(CHANGE_HISTORY.c.id))).scalar() or 0
    known = _NAME_WORDS.get(conn.engine)
    if known is not None and known[0] == newest:
        return known[1]
    index = NameWords(conn)
    _NAME_WORDS[conn.engine] = (newest, index)
    return index


def may_hold(session: Session, column: Any, folded: str) -> ColumnElement[bool]:
    """A SQL condition true of every name whose folded form holds `folded` (and of some
    others, which the caller folds away): LIKE finds plain ASCII names, and any name with
    a letter beyond ASCII is let through to be folded."""
    words = folded.split()
    if not (words and fts.is_sqlite(session.connection()) and folded.isascii()):
        return true()
    return or_(and_(*(column.ilike(f"%{w}%") for w in words)),
               column.op("GLOB")("*[^ -~]*"))
