"""Helpers for core tests: a small catalogued festival and a whole-archive snapshot."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from curator.catalog import Catalog
from curator.catalog.records import CreditData, QuoteData, ScreeningData
from curator.model import Base
from curator.model.enums import PublicationState
from curator.store import search

BOOKKEEPING = {"version", "created_at", "updated_at"}


@dataclass
class Festival:
    festival: int
    edition: int
    section: int
    director: int
    critic: int
    film: int
    other: int


def catalogue_miff(catalog: Catalog) -> Festival:
    festival = catalog.festivals.create("Melbourne International Film Festival",
                                       short_name="MIFF").created_id
    edition = catalog.editions.create(festival, 1989).created_id
    section = catalog.sections.create(edition, "Documentaries").created_id
    director = catalog.people.create("Marjaana Mykkanen",
                                     variants=["Marjaana Mykkänen"]).created_id
    critic = catalog.people.create("Marjaana Mykkänen-Smith").created_id
    other = catalog.films.create("Black Square", year=1988, countries=["USSR"],
                                screenings=[ScreeningData(edition, section)]).created_id
    film = catalog.films.create(
        "From Russia with Rock", year=1988, countries=["USSR"], kind="documentary",
        synopsis="Nautilus Pompilius from Sverdlovsk.",
        credits=[CreditData(director, "director")],
        quotes=[QuoteData("The first steps of perestroika in action.", "Marjaana Mykkanen")],
        screenings=[ScreeningData(edition)], state=PublicationState.PUBLISHED,
    ).created_id
    return Festival(festival, edition, section, director, critic, film, other)


def snapshot(catalog: Catalog) -> dict:
    """Every row of every table (bookkeeping columns aside), and the search index."""
    state = {}
    with catalog.archive.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            cols = [c for c in table.c if c.name not in BOOKKEEPING]
            rows = conn.execute(select(*cols).order_by(*table.primary_key.columns)).all()
            state[table.name] = [tuple(r) for r in rows]
        index = (f"SELECT rowid, * FROM {search.FTS_TABLE} ORDER BY rowid"
                 if conn.dialect.name == "sqlite" else
                 "SELECT film_id, document::text FROM film_search ORDER BY film_id")
        state["search"] = conn.exec_driver_sql(index).all()
        if conn.dialect.name == "sqlite":
            # the words the title index holds (its text is film_search's, read above)
            state["title search"] = indexed_words(conn, search.TITLE_TABLE)
    return state


def indexed_words(conn: Connection, table: str, column: str = "titles") -> list[tuple]:
    """Each word a SQLite search index holds in `column`: (film, position, word), in order.
    What the index itself holds, whatever text it reads its column from."""
    words = f"{table}_{column}_words"
    conn.exec_driver_sql(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{words} "
                         f"USING fts5vocab(main, {table}, instance)")
    return conn.exec_driver_sql(f"SELECT doc, offset, term FROM temp.{words} WHERE col = ? "
                                "ORDER BY doc, offset, term", (column,)).all()


def assert_title_index_sound(catalog: Catalog) -> None:
    """The title index of a folder's catalogue is whole and holds exactly the words of the
    titles film_search holds, where they stand (what FTS5's integrity check with rank 1
    would say, which SQLite refuses with a virtual table as the content)."""
    with catalog.archive.engine.connect() as conn:
        for table in (search.FTS_TABLE, search.TITLE_TABLE):
            conn.exec_driver_sql(
                f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 0)")
        held = indexed_words(conn, search.TITLE_TABLE)
        assert held == indexed_words(conn, search.FTS_TABLE)
        films = set(conn.exec_driver_sql("SELECT id FROM film").scalars())
        assert {film for film, _, _ in held} == films  # every film, and no film deleted since


def assert_undo_redo(catalog: Catalog, operation) -> None:  # noqa: ANN001
    """The operation changes something; undo restores the state before, redo the state after."""
    before = snapshot(catalog)
    changes = operation()
    after = snapshot(catalog)
    assert before != after, "the operation changed nothing"
    undone = catalog.undo(changes)
    assert snapshot(catalog) == before
    catalog.undo(undone)
    assert snapshot(catalog) == after
