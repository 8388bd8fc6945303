"""The change history: every write is kept (who, when, which fields, old and new values),
stale saves and undos name who changed the record, and a desk learns what others changed."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from curator.catalog import Catalog, FilmData, FilmImport, StaleVersion, ago, history_rows
from curator.model.history import CHANGE_HISTORY
from tests.helpers import catalogue_miff

SRC = Path(__file__).resolve().parents[2] / "src"


def entries(catalog: Catalog) -> int:
    with catalog.archive.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(CHANGE_HISTORY)).scalar()


def steps(catalog: Catalog, kind: str, ident: int) -> list[str]:
    return [step.label for step in catalog.history.of(kind, ident)]


def test_an_edit_is_kept_with_who_when_and_old_and_new_values(catalog):
    catalog.archive.user_name = "anna"
    film = catalog.films.create("Assa", year=1987, countries=["USSR"]).created_id
    catalog.films.update(film, None, year=1988, countries=["USSR", "Finland"])
    newest, created = catalog.history.of("film", film)
    assert (newest.who, created.who) == ("anna", "anna")
    assert newest.label == "Edit Assa"
    assert created.label == "Create film Assa"
    assert abs(datetime.utcnow() - newest.at) < timedelta(minutes=1)  # noqa: DTZ003 - UTC
    film_row = next(c for c in newest.changes if c.table == "film")
    assert film_row.action == "update"
    assert film_row.fields["year"] == (1987, 1988)
    assert "version" not in film_row.fields and "updated_at" not in film_row.fields
    added = [c for c in newest.changes if c.table == "film_country" and c.action == "insert"]
    assert [c.fields["name"] for c in added] == [(None, "Finland")]
    film_created = next(c for c in created.changes if c.table == "film")
    assert film_created.fields["film_country"] == (None, ["USSR"])  # its parts, in its entry
    assert catalog.history.last_change("film", film).describe() == "changed by anna, just now"


def test_every_kind_of_write_is_recorded_and_undo_never_removes_an_entry(catalog):
    miff = catalogue_miff(catalog)
    catalog.archive.user_name = "boris"
    merge = catalog.people.merge(miff.director, miff.critic)
    bulk = catalog.imports.bulk_add([FilmData("Igla", year=1988, credits=(("Rashid Nugmanov",
                                                                          "director"),))])
    imported = catalog.imports.run([FilmImport(FilmData("Assa", year=1987), "row 2")])
    catalog.imports.run([FilmImport(FilmData("Kin-dza-dza!", year=1986), "row 3")],
                         dry_run=True)
    catalog.settings.set("site_base_url", "https://archive.example/")
    before_undo = entries(catalog)
    undone = catalog.undo(merge)
    catalog.undo(undone, label="Redo Merge people")
    assert entries(catalog) > before_undo  # undo and redo add to the history
    labels = steps(catalog, "person", miff.critic)
    assert labels[:3] == ["Redo Merge people", f"Undo {merge.label}", merge.label]
    assert steps(catalog, "film", bulk.film_ids[0]) == ["Import films"]
    assert steps(catalog, "film", imported.created[0]) == ["Import films"]
    assert catalog.counts()["films"] == 4  # the two festival films, Igla, Assa: no dry run
    with catalog.archive.engine.connect() as conn:
        labels = set(conn.execute(select(CHANGE_HISTORY.c.label)).scalars())
        who = set(conn.execute(select(CHANGE_HISTORY.c.who)).scalars())
    assert "Set site base url" in labels
    assert not any("Kin-dza-dza" in label for label in labels)
    assert "boris" in who


def test_an_imported_film_keeps_what_the_import_gave_it_in_one_entry(catalog):
    catalog.archive.user_name = "anna"
    result = catalog.imports.run([FilmImport(FilmData(
        "Assa", year=1987, runtime=153, genres=("Drama", "Music"),
        credits=(("Sergei Solovyov", "director"),)), "row 2")], label="Import assa.csv")
    film = result.created[0]
    (step,) = catalog.history.of("film", film)
    assert (step.label, step.who) == ("Import assa.csv", "anna")
    assert abs(step.at - datetime.now(UTC).replace(tzinfo=None)) < timedelta(minutes=5)
    (entry,) = step.changes  # its genres and credit inside the film's own entry
    assert (entry.table, entry.action) == ("film", "insert")
    assert entry.fields["title"] == (None, "Assa")
    assert entry.fields["year"] == (None, 1987) and entry.fields["runtime"] == (None, 153)
    assert entry.fields["film_genre"] == (None, ["Drama", "Music"])
    (credit,) = entry.fields["credit"][1]
    assert credit["role"] == "director"


def test_each_film_of_a_big_import_keeps_its_values_in_one_entry(catalog, monkeypatch):
    # as an import of thousands, whose entries a folder's SQLite composes itself
    monkeypatch.setattr(history_rows, "ENGINE_ENTRIES_FROM", 3)
    result = catalog.imports.run([FilmImport(FilmData(
        f"Assa {n}", year=1987, runtime=153 if n else None, genres=("Drama", "Music")[:n],
        countries=("USSR",), credits=(("Sergei Solovyov", "director"),),
        quotes=(("Rock.", "Viktor Tsoi"),) if n == 2 else ()), f"row {n + 2}")
        for n in range(3)], label="Import assa.csv")
    kept = []
    for film in result.created:
        (step,) = catalog.history.of("film", film)
        (entry,) = step.changes
        assert (step.label, entry.table, entry.action) == ("Import assa.csv", "film", "insert")
        kept.append({k: new for k, (_, new) in entry.fields.items()})
    common = {"year": 1987, "state": "draft", "film_country": ["USSR"],
              "credit": [{"role": "director", "position": 0}]}
    assert kept[0] == {"slug": "assa-0", "title": "Assa 0", "sort_title": "Assa 0", **common}
    assert kept[2] == {"slug": "assa-2", "title": "Assa 2", "sort_title": "Assa 2",
                       "runtime": 153, "film_genre": ["Drama", "Music"], **common,
                       "quote": [{"position": 0, "text": "Rock.", "attribution": "Viktor Tsoi"}]}
    catalog.undo(result.changes)
    assert [s.label for s in catalog.history.of("film", result.created[1])] == [
        "Undo Import assa.csv", "Import assa.csv"]


def test_the_entries_a_big_import_composes_in_the_engine_read_as_those_of_a_small_one(
        catalog, monkeypatch):
    # The same films imported twice: below the threshold their entries are encoded here,
    # above it (a folder) SQLite composes them; both are kept byte for byte alike.
    films = [FilmImport(FilmData(
        title, original_title=original, year=1987 + n, runtime=(None, 153, 1)[n % 3],
        genres=("Drama", "Comédie \"noire\"")[:n % 3], countries=("USSR",) * (n % 2),
        synopsis="Line one\n\tback\\slash \u2603" if n == 1 else "",
        credits=(("Sergei Solovyov", "director"),) if n else (),
        quotes=(("Rock.", ""),) if n == 2 else ()), f"row {n + 2}")
        for n, (title, original) in enumerate(
            [("Assa", ""), ("Igla \u201cThe Needle\u201d", "\u0418\u0433\u043b\u0430"),
             ("Kin-dza-dza!", "")])]

    def fields_of(label: str) -> list[str]:
        created = catalog.imports.run(films, label=label, existing="duplicate").created
        with catalog.archive.engine.connect() as conn:
            return [conn.execute(select(CHANGE_HISTORY.c.fields).where(
                CHANGE_HISTORY.c.film_id == film, CHANGE_HISTORY.c.table_name == "film")
            ).scalar_one() for film in created]

    encoded = fields_of("Import small.csv")
    monkeypatch.setattr(history_rows, "ENGINE_ENTRIES_FROM", 3)
    assert fields_of("Import big.csv") == encoded, encoded
    assert '"film_genre":["Drama","Comédie \\"noire\\""]' in encoded[2]


def test_a_refused_write_leaves_no_history(catalog):
    film = catalog.films.create("Assa").created_id
    count = entries(catalog)
    with pytest.raises(Exception, match="year"):
        catalog.films.update(film, None, year=12)
    assert entries(catalog) == count


def test_a_stale_save_names_who_changed_the_record_and_when(catalog):
    miff = catalogue_miff(catalog)
    version = catalog.films.get(miff.film).version
    colleague = Catalog.open(catalog.archive.location)
    colleague.archive.user_name = "anna"
    try:
        colleague.films.update(miff.film, version, year=1989)
    finally:
        colleague.close()
    with pytest.raises(StaleVersion) as refused:
        catalog.films.update(miff.film, version, year=1990)
    assert str(refused.value) == ("\u201cFrom Russia with Rock\u201d was changed by anna just "
                                  "now; it has been reloaded, please make your change again.")
    assert catalog.films.get(miff.film).year == 1989


def test_an_undo_of_a_row_someone_changed_since_is_refused_naming_them(catalog):
    miff = catalogue_miff(catalog)
    mine = catalog.films.update(miff.film, None, synopsis="Rock in Sverdlovsk.")
    script = textwrap.dedent(f"""
        from curator.catalog import Catalog
        colleague = Catalog.open({str(catalog.archive.location)!r})
        colleague.films.update({miff.film}, None, synopsis="Nautilus Pompilius.")
        colleague.close()
    """)
    subprocess.run([sys.executable, "-c", script], check=True,
                   env={"PYTHONPATH": str(SRC), "CURATOR_USER_NAME": "anna"})  # the name chosen
    count = entries(catalog)
    with pytest.raises(StaleVersion) as refused:
        catalog.undo(mine)
    # in a folder the name the colleague chose; a server names the user who logged in
    who = "anna" if catalog.archive.kind == "folder" else catalog.archive.user_name
    assert str(refused.value) == (
        f"Cannot undo \u201cChange synopsis of From Russia with Rock\u201d: {who} changed "
        "\u201cFrom Russia with Rock\u201d just now; nothing was undone.")
    assert catalog.films.get(miff.film).synopsis == "Nautilus Pompilius."
    assert entries(catalog) == count


def test_a_desk_learns_what_other_desks_changed_and_not_its_own(catalog):
    miff = catalogue_miff(catalog)
    start = catalog.history.position()
    catalog.films.update(miff.other, None, year=1987)  # this desk's own change
    colleague = Catalog.open(catalog.archive.location)
    colleague.archive.user_name = "anna"
    try:
        colleague.films.update(miff.film, None, title="From Russia With Rock")
        colleague.people.update(miff.director, None, country="Finland")
        new = colleague.films.create("Assa", countries=["Kazakh SSR"]).created_id
    finally:
        colleague.close()
    assert catalog.archive.change_token() != start
    position, changes = catalog.history.changes_since(start)
    touched = changes.touched
    assert changes.label == "Changed by anna"
    assert miff.film in touched.films and new in touched.films_added
    assert miff.other not in touched.films  # its own change was refreshed when it was made
    assert touched.people == {miff.director}
    assert touched.vocabulary  # a country new to the archive came with the new film
    assert position == catalog.archive.change_token()
    assert not catalog.history.changes_since(position)[1]


@pytest.mark.parametrize(("seconds", "said"), [
    (5, "just now"), (100, "2 minutes ago"), (3600, "1 hour ago"), (86400 * 1.2, "yesterday"),
    (86400 * 9, "9 days ago")])
def test_how_long_ago_reads(seconds, said):
    now = datetime(2026, 11, 30, 12, 0)
    assert ago(now - timedelta(seconds=seconds), now) == said
