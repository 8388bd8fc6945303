"""A big import into a smaller catalogue builds the film table's indexes after its rows
(catalog/import_rows.py): the catalogue ends with the same indexes and finds, sorts and
undoes the imported films as ever."""

import sqlite3

import pytest
from sqlalchemy import select

from curator.catalog import FilmData, FilmImport, FilmQuery, ScreeningRef, import_rows
from curator.catalog.changes import touched_by
from curator.model import Film


def film_indexes(catalog) -> dict[str, tuple[str, int]]:  # noqa: ANN001
    """Each index of the film table: its definition, and the page it starts on."""
    db = sqlite3.connect(catalog.archive.database_path)
    try:
        return {name: (sql, page) for name, sql, page in db.execute(
            "SELECT name, sql, rootpage FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'film' AND sql IS NOT NULL")}
    finally:
        db.close()


def items(count: int, name: str = "Zebra crossing") -> list[FilmImport]:
    return [FilmImport(FilmData(f"{name} {n:04d}", year=1900 + n % 120,
                                genres=("Drama",)), f"row {n + 2}") for n in range(count)]


@pytest.mark.folder_only  # the folder's own indexes; a server keeps its indexes throughout
def test_a_big_import_builds_the_same_indexes_and_finds_its_films(catalog, monkeypatch):
    monkeypatch.setattr(import_rows, "REBUILD_FROM", 300)  # 10,000 in use: too slow here
    catalog.films.create(title="Assa", year=1987)
    before = film_indexes(catalog)
    assert len(before) >= 5  # titles and sort keys, not just the constraints'
    result = catalog.imports.run(items(300))
    assert len(result.created) == 300
    after = film_indexes(catalog)
    assert {n: sql for n, (sql, _) in after.items()} == {n: sql for n, (sql, _) in
                                                         before.items()}
    assert all(after[n][1] != before[n][1] for n in before)  # built again, after the rows
    found = catalog.search.films(FilmQuery(order="title"), limit=3)
    assert found.total == 301
    assert [r.title for r in catalog.films.rows(found.ids)] == [
        "Assa", "Zebra crossing 0000", "Zebra crossing 0001"]
    assert catalog.search.films("crossing 0123").total == 1
    db = sqlite3.connect(catalog.archive.database_path)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()
    catalog.undo(result.changes)  # one step, and nothing of the import is left
    assert catalog.search.films(FilmQuery()).total == 1


@pytest.mark.folder_only
def test_an_import_no_bigger_than_the_catalogue_keeps_its_indexes(catalog, monkeypatch):
    monkeypatch.setattr(import_rows, "REBUILD_FROM", 300)
    catalog.imports.run(items(300))
    before = film_indexes(catalog)
    assert len(catalog.imports.run(items(300, "Level crossing")).created) == 300
    assert film_indexes(catalog) == before  # the same pages: inserted into as they were


def test_an_import_works_out_the_sort_keys_its_parts_move(catalog):
    result = catalog.imports.run([
        FilmImport(FilmData("Assa", year=1987, countries=("USSR",),
                            credits=(("Sergei Solovyov", "director"),)), "row 2",
                   screenings=(ScreeningRef("MIFF", 1989),)),
        FilmImport(FilmData("Igla", year=1988, countries=("Kazakh SSR",)), "row 3"),
        FilmImport(FilmData("Kin-dza-dza!", year=1986), "row 4"),
    ])
    film = Film.__table__
    with catalog.archive.engine.connect() as conn:
        keys = {r.title: (r.sort_countries, r.sort_directors, r.appearance_count) for r in
                conn.execute(select(film).where(film.c.id.in_(result.created)))}
    assert keys == {"Assa": ("USSR", "Solovyov, Sergei", 1), "Igla": ("Kazakh SSR", "", 0),
                    "Kin-dza-dza!": ("", "", 0)}


def test_an_import_says_what_it_touched_and_undoes_and_redoes_as_one_step(catalog):
    # its new rows are kept as the tuples inserted; the desk and undo read them as rows
    assa = catalog.films.create(title="Assa", year=1987).created_id
    result = catalog.imports.run([*items(20), FilmImport(FilmData(
        "Assa", year=1987, genres=("Music",)), "row 30")], existing="update")
    assert (len(result.created), result.updated) == (20, [assa])
    touched = result.changes.touched
    assert touched.films_added == frozenset(result.created)
    assert touched.films == frozenset([*result.created, assa])
    assert touched.vocabulary and touched.counts and not touched.people
    assert touched == touched_by(tuple(result.changes.rows), result.changes.film_ids)
    undone = catalog.undo(result.changes)
    assert catalog.search.films(FilmQuery()).total == 1
    assert catalog.films.get(assa).genres == ()
    catalog.undo(undone, "Redo")
    assert catalog.search.films(FilmQuery()).total == 21
    assert catalog.films.get(assa).genres == ("Music",)


def test_imported_films_are_found_by_each_part_they_brought_and_by_title_alone(catalog):
    # the index asks only the part tables an import wrote to (store/search_sqlite.py)
    result = catalog.imports.run([
        FilmImport(FilmData("Igla", year=1988, alt_titles=("The Needle",),
                            credits=(("Rashid Nugmanov", "director"),),
                            quotes=(("Kino forever.", "Viktor Tsoi"),), countries=("USSR",)),
                   "row 2"),
        FilmImport(FilmData("Assa", year=1987, genres=("Drama",)), "row 3")])
    igla, assa = result.created
    for words in ("needle", "nugmanov", "forever", "tsoi", "ussr", "igla"):
        assert catalog.search.films(words).ids == [igla], words
    assert catalog.search.films("assa").ids == [assa]
