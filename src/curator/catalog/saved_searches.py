"""Saved searches: queries of the query language kept under a name, run again each time they
are shown, so their films and counts follow the catalogue.

The "Needs attention" views are built-in saved searches (`BUILT_IN`): listed first, run
and counted like the others, never renamed or removed. Saving, renaming and removing go
through the one write path, so each is a step of the history that Undo takes back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from curator.catalog import named_records
from curator.catalog.changes import Changes
from curator.catalog.core import Operations, get_row
from curator.catalog.errors import ValidationError
from curator.catalog.query import QueryError, parse_query
from curator.catalog.search import ATTENTION_QUERIES, Attention, FilmQuery, Search
from curator.catalog.text import clean_text
from curator.model import SavedSearch

NOUN = "saved search"
NAME_LENGTH = 200
QUERY_LENGTH = 2000
# The built-in saved searches, in the order the sidebar lists them.
BUILT_IN_NAMES: dict[Attention, str] = {
    Attention.NO_DIRECTOR: "No director",
    Attention.NO_SYNOPSIS: "No synopsis",
    Attention.NO_STILL: "No still",
    Attention.UNPUBLISHED: "Unpublished",
    Attention.UNTITLED: "No title",
}


@dataclass(frozen=True)
class SavedSearchRecord:
    """A saved search as the sidebar and `curator searches` show it."""

    id: int | None  # None: built in
    name: str
    query: str
    count: int | None = None  # films it finds now; None when not counted, or it cannot run
    problem: str = ""  # why its query no longer reads, if it does not
    attention: Attention | None = None  # the built-in view it is, if it is one

    @property
    def built_in(self) -> bool:
        return self.id is None


BUILT_IN = tuple(SavedSearchRecord(None, name, ATTENTION_QUERIES[view], attention=view)
                 for view, name in BUILT_IN_NAMES.items())


def query_problem(query: str) -> str:
    """Why `query` cannot be run, or "" when it can."""
    try:
        parse_query(query)
    except QueryError as exc:
        return str(exc)
    return ""


class SavedSearches(Operations):
    """The archive's saved searches, built-in ones first."""

    def all(self, *, counts: bool = True) -> list[SavedSearchRecord]:
        """Every saved search, the built-in ones first, then the archive's by name; with
        `counts`, how many films each finds now (a query that no longer reads says why)."""
        with self.core.read() as session:
            rows = session.execute(select(SavedSearch.id, SavedSearch.name, SavedSearch.query)
                                   .order_by(func.lower(SavedSearch.name), SavedSearch.id)).all()
        own = [SavedSearchRecord(i, name, query, problem=query_problem(query))
               for i, name, query in rows]
        if not counts:
            return [*BUILT_IN, *own]
        search = Search(self.core)
        attention = search.attention_counts()
        built_in = [_with_count(r, attention[r.attention]) for r in BUILT_IN]
        return [*built_in, *(r if r.problem else _with_count(r, self.count(r.query))
                             for r in own)]

    def count(self, query: str) -> int:
        """How many films `query` finds (QueryError if it cannot be read)."""
        return Search(self.core).count(FilmQuery.parse(query))

    def named(self, name: str) -> SavedSearchRecord:
        """The saved search of that name (case aside), built in or not; NotFound naming
        the ones there are."""
        return named_records.find_named(self.all(counts=False), name, noun=NOUN)

    def get(self, search_id: int) -> SavedSearchRecord:
        with self.core.read() as session:
            row = get_row(session, SavedSearch, search_id, NOUN)
            return SavedSearchRecord(row.id, row.name, row.query,
                                     problem=query_problem(row.query))

    # -- changes ----------------------------------------------------------------------
    def save(self, name: str, query: str) -> Changes:
        """Keep `query` under `name`; one undoable step. A name in use, or a query that
        cannot be read, is refused naming the problem."""
        name, query = named_records.clean_name(name), clean_text(query).strip()
        with self.core.write(f"Save search {name}") as uow:
            _check(uow.session, name, query)
            row = SavedSearch(name=name, query=query)
            uow.session.add(row)
            uow.session.flush()
            uow.created_id = row.id
        return uow.changes

    def rename(self, search_id: int, name: str) -> Changes:
        return named_records.rename(
            self.core, SavedSearch, search_id, name, noun=NOUN,
            check=lambda session, row, new: _check(session, new, row.query, search_id))

    def change_query(self, search_id: int, query: str) -> Changes:
        """Give a saved search another query (the search field's, when saved over it)."""
        query = clean_text(query).strip()
        with self.core.write("Change saved search") as uow:
            row = get_row(uow.session, SavedSearch, search_id, NOUN)
            _check(uow.session, row.name, query, search_id)
            uow.label = f"Change saved search {row.name}"
            row.query = query
        return uow.changes

    def remove(self, search_id: int) -> Changes:
        return named_records.remove(self.core, SavedSearch, search_id, noun=NOUN)


def _with_count(record: SavedSearchRecord, count: int) -> SavedSearchRecord:
    return SavedSearchRecord(record.id, record.name, record.query, count, record.problem,
                             record.attention)


def _check(session: Session, name: str, query: str, search_id: int | None = None) -> None:
    """A saved search's name is its own (built-in names too), its query one that reads."""
    problems = {}
    if any(r.name.casefold() == name.casefold() for r in BUILT_IN):
        problems["name"] = f"\u201c{name}\u201d is a built-in search; choose another name."
    elif problem := named_records.name_problem(session, SavedSearch, name, noun=NOUN,
                                               length=NAME_LENGTH, own_id=search_id):
        problems["name"] = problem
    if not query:
        problems["query"] = "A saved search needs something to search for."
    elif len(query) > QUERY_LENGTH:
        problems["query"] = f"A saved search's query has at most {QUERY_LENGTH:,} characters."
    elif problem := query_problem(query):
        problems["query"] = problem
    if problems:
        raise ValidationError(problems)
