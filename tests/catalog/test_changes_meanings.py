"""What an operation touched, in the catalogue's words, the same after an undo and a redo."""

from __future__ import annotations

import pytest

from curator.catalog.changes import KEY, TABLE_MEANINGS, RowChange, Touched, touched_by
from curator.model import Base
from tests.helpers import catalogue_miff


def test_every_table_of_the_model_has_a_meaning() -> None:
    """A new or renamed table fails here, rather than silently no longer refreshing a pane."""
    missing = sorted(set(Base.metadata.tables) - set(TABLE_MEANINGS))
    assert not missing, f"tables without a meaning in catalog/changes.py: {missing}"
    for name, meanings in TABLE_MEANINGS.items():
        assert name in Base.metadata.tables, f"{name} is no longer a table of the model"
        columns = Base.metadata.tables[name].c
        for _meaning, column in meanings:
            assert column is KEY or column in columns, f"{name} has no column {column}"


def test_a_table_without_a_meaning_refreshes_more_not_less() -> None:
    touched = touched_by([RowChange("film_festival_link", (1,), None, {"id": 1})])
    assert touched.festival_structure and touched.vocabulary and touched.counts


MEANINGS = {
    "change year": (lambda c, m: c.films.update(m.film, None, year=1989),
                    lambda t, m: t.films == {m.film} and not t.people
                    and not t.festival_structure),
    "change countries": (lambda c, m: c.films.update(m.film, None, countries=["Finland"]),
                         lambda t, m: t.films == {m.film} and t.vocabulary),
    "withdraw": (lambda c, m: c.films.update(m.film, None, state="withdrawn"),
                lambda t, m: t.films == {m.film} and t.counts),
    "new film": (lambda c, m: c.films.create("Defence Councel Sedov"),
                 lambda t, m: t.films_added and t.films_added <= t.films),
    "delete film": (lambda c, m: c.films.delete(m.other),
                    lambda t, m: t.films_removed == {m.other}),
    "rename person": (lambda c, m: c.people.update(m.director, None, name="M. Mykkänen"),
                      # the director's films change their pages with the name
                      lambda t, m: t.people == {m.director} and m.film in t.films),
    "new section": (lambda c, m: c.sections.create(m.edition, "Animation"),
                    lambda t, m: t.festival_structure and not t.people),
    "rename festival": (lambda c, m: c.festivals.update(m.festival, None, name="MIFF"),
                        lambda t, m: t.festival_structure),
    "new list": (lambda c, m: c.lists.create("Soviet rock", [m.film]),
                 lambda t, m: len(t.lists) == 1 and m.film in t.films),
    "set an archive field": (
        lambda c, m: c.films.update(m.film, None,
                                    field_values=[(c.fields.add("Shelf mark").created_id, "B")]),
        lambda t, m: t.films == {m.film} and not t.vocabulary and not t.counts),
    "add still": (lambda c, m: c.stills.add(
        [{"sha256": "ab" * 32, "width": 1280, "height": 1024, "format": "JPEG"}],
        film_id=m.film), lambda t, m: len(t.stills) == 1 and m.film in t.films and t.counts),
}


@pytest.mark.parametrize("name", sorted(MEANINGS))
def test_an_operation_its_undo_and_its_redo_say_what_they_touched(catalog, name) -> None:
    miff = catalogue_miff(catalog)
    operation, says = MEANINGS[name]
    changes = operation(catalog, miff)
    assert isinstance(changes.touched, Touched)
    assert says(changes.touched, miff), changes.touched
    undone = catalog.undo(changes)
    assert undone.touched, "the undo touched nothing"
    redone = catalog.undo(undone)
    for step in (undone, redone):  # added and removed swap; the rest is the same
        t = step.touched
        assert (t.films, t.people, t.lists, t.festival_structure, t.vocabulary) == (
            changes.touched.films, changes.touched.people, changes.touched.lists,
            changes.touched.festival_structure, changes.touched.vocabulary)
    assert redone.touched.films_added == changes.touched.films_added
    assert undone.touched.films_removed == changes.touched.films_added


def test_a_settings_change_is_said_as_such() -> None:
    touched = touched_by([RowChange("setting", ("site_title",), None, {"key": "site_title"})])
    assert touched.settings and not touched.films and not touched.festival_structure
