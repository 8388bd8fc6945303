"""Finding films: full-text search plus filters and sort orders, all in SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from curator.catalog.core import CatalogCore, Operations
from curator.catalog.glance import exact_first
from curator.catalog.query import Condition, QueryError, parse_query
from curator.catalog.query_sql import condition_clause, films_of_people
from curator.catalog.records import FilmRow, SearchResult
from curator.catalog.wording import appearance, edition_name
from curator.model import (
    Credit,
    Edition,
    Festival,
    Film,
    FilmCountry,
    Person,
    Screening,
    Section,
    Still,
)
from curator.store import search as fts


class Attention(StrEnum):
    """The "Needs attention" views: films missing something an archivist should add."""

    NO_DIRECTOR = "no-director"
    NO_SYNOPSIS = "no-synopsis"
    NO_STILL = "no-still"
    UNPUBLISHED = "unpublished"
    UNTITLED = "untitled"


SORT_KEYS = ("relevance", "title", "original_title", "year", "countries", "directors",
             "appearances", "stills", "state")


@dataclass(frozen=True)
class FilmQuery:
    """What the archivist is looking for. Every part is optional."""

    text: str = ""
    edition_id: int | None = None
    section_id: int | None = None
    year_from: int | None = None
    year_to: int | None = None
    country: str | None = None
    kind: str | None = None
    state: str | None = None
    attention: Attention | None = None
    collection_id: int | None = None
    conditions: tuple[Condition, ...] = ()  # the query language's field:value parts
    order: str = "relevance"
    descending: bool = False

    @classmethod
    def parse(cls, text: str, **filters: Any) -> FilmQuery:
        """The query a search field or `curator search` was given (catalog/query.py);
        raises QueryError naming a bad field or value."""
        parsed = parse_query(text)
        return cls(text=parsed.words, conditions=parsed.conditions, **filters)

    @property
    def has_filters(self) -> bool:
        return bool(self.conditions) or any(v is not None for v in (
            self.edition_id, self.section_id, self.year_from, self.year_to, self.country,
            self.kind, self.state, self.attention, self.collection_id))

    @property
    def people_only(self) -> bool:
        """`person:varda`, `director:kaurismaki person:pajala`: films of people alone."""
        return (not self.text.strip() and bool(self.conditions)
                and all(c.field in ("person", "director") and not c.negated
                        for c in self.conditions)
                and all(getattr(self, k) is None for k in _FILTERS))


_FILTERS = ("edition_id", "section_id", "year_from", "year_to", "country", "kind", "state",
            "attention", "collection_id")
# A page of a people-only search is read off the title index when it lies this near the top
# and the people have this many films at least; a few films, or a page far down, are sorted.
_WALKED_PAGES_END = 2000
_WALKED_FILMS = 2000


# The "Needs attention" views are built-in saved searches: each one a query of the query
# language, so `curator search ARCHIVE -has:director` lists what the sidebar counts.
ATTENTION_QUERIES: dict[Attention, str] = {
    Attention.NO_DIRECTOR: "-has:director",
    Attention.NO_SYNOPSIS: "-has:synopsis",
    Attention.NO_STILL: "-has:still",
    Attention.UNPUBLISHED: "-state:published",
    Attention.UNTITLED: "-has:title",
}
ATTENTION = {
    name: and_(*(condition_clause(None, c) for c in parse_query(text).conditions))  # type: ignore[arg-type]
    for name, text in ATTENTION_QUERIES.items()
}


_SORT_COLUMNS = {
    "original_title": Film.original_title, "year": Film.year, "state": Film.state,
    "countries": Film.sort_countries, "directors": Film.sort_directors,
    "appearances": Film.appearance_count, "stills": Film.still_count,
}


def _sort_column(order: str):  # noqa: ANN202 - a SQL expression
    # Derived keys kept in step by catalog/sort_keys.py: every order is an index scan.
    return _SORT_COLUMNS.get(order, Film.sort_title)


def _ordering(q: FilmQuery) -> tuple[Any, ...]:
    """The ORDER BY of a listing that is not by relevance to typed words."""
    column = _sort_column(q.order)
    key = column.desc() if q.descending else column.asc()
    tiebreak = Film.sort_title.desc() if q.descending else Film.sort_title
    return key, tiebreak, Film.id


class Search(Operations):
    """Finding films: free words, filters and sort orders."""

    def _filtered(self, session: Session, q: FilmQuery) -> Select:
        stmt = select(Film.id)
        conn = session.connection()
        if q.text.strip():
            matching = fts.matching_film_ids(conn, q.text)
            if matching is not None:
                stmt = stmt.where(Film.id.in_(matching.scalar_subquery()))
        if q.edition_id is not None or q.section_id is not None:
            screened = select(Screening.film_id)
            if q.edition_id is not None:
                screened = screened.where(Screening.edition_id == q.edition_id)
            if q.section_id is not None:
                screened = screened.where(Screening.section_id == q.section_id)
            stmt = stmt.where(Film.id.in_(screened))
        if q.year_from is not None:
            stmt = stmt.where(Film.year >= q.year_from)
        if q.year_to is not None:
            stmt = stmt.where(Film.year <= q.year_to)
        if q.country:
            stmt = stmt.where(Film.id.in_(
                select(FilmCountry.film_id).where(func.lower(FilmCountry.name)
                                                  == q.country.strip().lower())))
        if q.kind:
            stmt = stmt.where(Film.kind == q.kind)
        if q.state:
            stmt = stmt.where(Film.state == q.state)
        if q.attention:
            stmt = stmt.where(ATTENTION[q.attention])
        if q.collection_id is not None:
            from curator.model import CollectionItem

            stmt = stmt.where(Film.id.in_(
                select(CollectionItem.film_id).where(
                    CollectionItem.collection_id == q.collection_id)))
        for condition in q.conditions:
            stmt = stmt.where(condition_clause(session, condition))
        return stmt

    def _people_films(self, session: Session, q: FilmQuery) -> set[int] | None:
        """The films of a people-only query, read once (SQLite: a local read of a few
        thousand ids costs less than matching them in SQL twice), else None."""
        if not (q.people_only and fts.is_sqlite(session.connection())):
            return None
        found: set[int] | None = None
        for condition in q.conditions:
            films = films_of_people(session, condition)
            found = set(films) if found is None else found & films
        return found

    def _title_walk(self, session: Session, q: FilmQuery, films: set[int], limit: int,
                    offset: int) -> list[int]:
        """A page of `films` in title order, read off the title index in growing steps
        until it is full: for thousands of films, cheaper than sorting them all."""
        conn = session.connection()
        stmt = select(Film.id).order_by(*_ordering(q))
        want = offset + limit
        # the first step as long as the page likely needs: ids are about as many as films
        catalogue = conn.execute(select(func.max(Film.id))).scalar() or 0
        found: list[int] = []
        at, step = 0, max(want * catalogue * 5 // (4 * len(films)) + 100, 500)
        while len(found) < want:
            chunk = conn.execute(stmt.limit(step).offset(at)).scalars().all()
            found += [i for i in chunk if i in films]
            if len(chunk) < step:
                break
            at, step = at + step, step * 2
        return found[offset:want]

    def films(self, q: FilmQuery | str = FilmQuery(), *, limit: int = 200, offset: int = 0,
               count: bool = True) -> SearchResult:
        """Ids of matching films, one page at a time, and (if asked) how many match in all."""
        if isinstance(q, str):
            q = FilmQuery(text=q)
        with self.core.read() as session:
            conn = session.connection()
            people_films = self._people_films(session, q)
            if people_films is not None and (
                    len(people_films) >= _WALKED_FILMS and offset + limit <= _WALKED_PAGES_END
                    and q.order in ("relevance", "title")):
                ids = self._title_walk(session, q, people_films, limit, offset)
                return SearchResult(len(people_films) if count else len(ids), ids)
            total = -1
            if count and people_films is not None:
                total = len(people_films)
            elif count:
                fast = None if q.has_filters else fts.count_matches(conn, q.text)
                total = fast if fast is not None else session.scalar(
                    select(func.count()).select_from(self._filtered(session, q).subquery())
                ) or 0
            if q.order == "relevance" and q.text.strip():
                if not q.has_filters and not q.descending:
                    ranked = fts.relevance_film_ids(conn, q.text, limit + offset)
                    if ranked is not None:
                        ids = self._exact_first(session, q.text, ranked)[offset:]
                        return SearchResult(total if count else len(ids), ids)
                # With filters: title matches first, then by title.
                in_titles = fts.title_matching_film_ids(conn, q.text)
                stmt = self._filtered(session, q)
                if in_titles is not None:
                    stmt = stmt.order_by(Film.id.not_in(in_titles.scalar_subquery()))
                stmt = stmt.order_by(Film.sort_title, Film.id)
            else:
                stmt = self._filtered(session, q).order_by(*_ordering(q))
            ids = list(session.scalars(stmt.limit(limit).offset(offset)))
            return SearchResult(total if count else len(ids), ids)

    def count(self, q: FilmQuery) -> int:
        """How many films match (a saved search's live count)."""
        with self.core.read() as session:
            people_films = self._people_films(session, q)
            if people_films is not None:
                return len(people_films)
            fast = None if q.has_filters else fts.count_matches(session.connection(), q.text)
            if fast is not None:
                return fast
            return session.scalar(select(func.count()).select_from(
                self._filtered(session, q).subquery())) or 0

    def completions(self, field: str, prefix: str) -> list[str]:
        """What the search field offers after `field:` (catalog/query_values.py)."""
        from curator.catalog.query_values import value_completions

        return value_completions(self.core, field, prefix)

    def did_you_mean(self, text: str) -> str | None:
        """For a search that found nothing: the same search with each word no film holds
        spelt as the nearest word the catalogue has ("mykanen" -> "mykkanen"), or None."""
        try:
            parsed = parse_query(text)
        except QueryError:
            return None
        with self.core.read() as session:
            conn = session.connection()
            better = text
            for word in fts.tokens(parsed.words) + [
                    w for c in parsed.conditions if c.field in ("director", "person", "title")
                    for w in fts.tokens(c.text)]:
                if (fts.count_matches(conn, word) or 0) > 0:
                    continue
                near = fts.close_terms(conn, word, 1)
                if not near:
                    continue
                better = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)",
                                lambda m, n=near[0]: _same_case(m.group(0), n), better,
                                count=1, flags=re.IGNORECASE)
            return better if better != text else None

    @staticmethod
    def _exact_first(session: Session, text: str, ranked: list[int]) -> list[int]:
        """A film whose title is exactly what was typed leads, whatever bm25 says."""
        exact = set(session.scalars(select(Film.id).where(
            Film.id.in_(ranked), func.lower(Film.title) == text.strip().lower())))
        return exact_first(ranked, exact)

    def attention_counts(self) -> dict[Attention, int]:
        with self.core.read() as session:
            return {
                name: session.scalar(select(func.count()).select_from(Film).where(cond)) or 0
                for name, cond in ATTENTION.items()
            }


def film_rows(core: CatalogCore, film_ids: list[int]) -> list[FilmRow]:
    """The list pane's rows for these films, in the order given."""
    if not film_ids:
        return []
    with core.read() as session:
        films = {r.id: r for r in session.execute(
            select(Film.id, Film.title, Film.original_title, Film.sort_title, Film.year,
                   Film.state).where(Film.id.in_(film_ids)))}
        countries: dict[int, list[str]] = {}
        for fid, name in session.execute(
            select(FilmCountry.film_id, FilmCountry.name)
            .where(FilmCountry.film_id.in_(film_ids)).order_by(FilmCountry.position)
        ):
            countries.setdefault(fid, []).append(name)
        directors: dict[int, list[str]] = {}
        for fid, name in session.execute(
            select(Credit.film_id, Person.name).join(Person, Person.id == Credit.person_id)
            .where(Credit.film_id.in_(film_ids), Credit.role == "director")
            .order_by(Credit.position)
        ):
            directors.setdefault(fid, []).append(name)
        appearances: dict[int, list[str]] = {}
        for fid, short, name, year, section in session.execute(
            select(Screening.film_id, Festival.short_name, Festival.name, Edition.year,
                   Section.name)
            .join(Edition, Edition.id == Screening.edition_id)
            .join(Festival, Festival.id == Edition.festival_id)
            .outerjoin(Section, Section.id == Screening.section_id)
            .where(Screening.film_id.in_(film_ids)).order_by(Edition.year)
        ):
            label = appearance(edition_name(short, name, year), section or "")
            appearances.setdefault(fid, []).append(label)
        stills: dict[int, int] = {}
        primary: dict[int, str] = {}
        for fid, sha, is_primary in session.execute(
            select(Still.film_id, Still.sha256, Still.is_primary)
            .where(Still.film_id.in_(film_ids)).order_by(Still.position, Still.id)
        ):
            stills[fid] = stills.get(fid, 0) + 1
            if is_primary or fid not in primary:  # the primary one, else the first
                primary[fid] = sha
        return [
            FilmRow(
                id=f.id, title=f.title, original_title=f.original_title,
                sort_title=f.sort_title, year=f.year,
                countries=" / ".join(countries.get(f.id, [])),
                directors=", ".join(directors.get(f.id, [])),
                appearances="; ".join(appearances.get(f.id, [])),
                stills=stills.get(f.id, 0), state=f.state,
                primary_still=primary.get(f.id, ""),
            )
            for f in (films.get(i) for i in film_ids) if f is not None
        ]


def _same_case(typed: str, word: str) -> str:
    """The suggested word in the case it was typed in (Mykanen -> Mykkanen)."""
    if typed.isupper():
        return word.upper()
    return word.capitalize() if typed[:1].isupper() else word
