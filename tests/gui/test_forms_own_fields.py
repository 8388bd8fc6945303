"""The film form shows the archive's own fields below the built-in ones and saves them."""

from __future__ import annotations

import pytest

from curator.catalog import Catalog
from curator.catalog.records import FieldValueData
from curator.gui.forms import FormPane
from curator.gui.undo import CatalogUndo
from tests.gui.forms_support import make_undo, open_pane, retype
from tests.gui.test_bulk_edit import choose
from tests.gui.test_forms_film import film_id


@pytest.fixture
def fields(demo_catalog: Catalog) -> tuple[int, int, int]:
    add = demo_catalog.fields.add
    return (add("Print source").created_id, add("Reels", "number").created_id,
            add("Restored", "yesno").created_id)


@pytest.fixture
def undo(demo_catalog: Catalog, fields) -> CatalogUndo:  # noqa: ANN001
    return make_undo(demo_catalog)


@pytest.fixture
def pane(qtbot, undo: CatalogUndo) -> FormPane:  # noqa: ANN001
    pane = open_pane(qtbot, undo)
    pane.show_record("film", film_id(undo.catalog))
    return pane


def test_the_archive_fields_are_typed_chosen_saved_and_undone(qtbot, pane, undo, demo_catalog,
                                                               fields):
    source, reels, restored = fields
    fid = film_id(demo_catalog)
    form = pane.current
    assert form.own.isVisible()
    assert [label.text() for label in form.own.labels] == ["Print source", "Reels",
                                                            "Restored"]
    retype(qtbot, form.fields[f"field:{source}"].line, "Finnish Film Archive")
    assert demo_catalog.films.get(fid).field_values == (
        FieldValueData(source, "Finnish Film Archive"),)
    assert undo.stack.undoText() == "Change Print source of From Russia with Rock"
    retype(qtbot, form.fields[f"field:{reels}"].line, "6")
    choose(qtbot, form.fields[f"field:{restored}"].combo, "Yes")
    assert demo_catalog.films.get(fid).field_values == (
        FieldValueData(source, "Finnish Film Archive"), FieldValueData(reels, "6"),
        FieldValueData(restored, "yes"))
    undo.stack.undo()
    undo.stack.undo()
    assert demo_catalog.films.get(fid).field_values == (
        FieldValueData(source, "Finnish Film Archive"),)
    assert form.fields[f"field:{reels}"].line.text() == ""
    assert form.fields[f"field:{restored}"].combo.currentText() == "Not recorded"


def test_a_number_that_is_not_one_is_refused_at_its_field(qtbot, pane, undo, demo_catalog,
                                                          fields):
    _source, reels, _restored = fields
    field = pane.current.fields[f"field:{reels}"]
    retype(qtbot, field.line, "1.2.3")
    assert field.problem.isVisible()
    assert field.problem.text() == "Reels: \u201c1.2.3\u201d is not a number."
    assert demo_catalog.films.get(film_id(demo_catalog)).field_values == ()
    assert undo.stack.count() == 0


def test_a_field_added_renamed_or_removed_shows_in_the_open_form(qtbot, pane, undo,
                                                                 demo_catalog, fields):
    source, _reels, _restored = fields
    form = pane.current
    undo.run(lambda: demo_catalog.fields.add("Shelf mark"))
    undo.run(lambda: demo_catalog.fields.rename(source, "Print from"))
    assert [label.text() for label in form.own.labels] == ["Print from", "Reels", "Restored",
                                                            "Shelf mark"]
    for field in demo_catalog.fields.all():
        undo.run(lambda f=field: demo_catalog.fields.remove(f.id))
    assert not form.own.isVisible()  # no fields of its own: no empty section
