"""Every custom model passes Qt's model tester; the film model pages lazily and sorts in SQL."""

from __future__ import annotations

from PySide6.QtCore import Qt

from curator.catalog import FilmQuery
from curator.gui.models.film_table import FilmTableModel
from curator.gui.models.people_table import PeopleTableModel
from curator.gui.models.records_table import EDITION_COLUMNS, RecordTableModel
from curator.gui.models.sidebar import SidebarModel


def test_film_model_is_lazy_and_sound(demo_catalog, qtmodeltester) -> None:  # noqa: ANN001
    model = FilmTableModel(demo_catalog)
    model.set_query(FilmQuery(text="rock"))
    qtmodeltester.check(model)
    model.set_query(FilmQuery())
    assert model.rowCount() == 9068
    assert len(model._pages) == 1  # only the first page is built
    last = model.row(9067)
    assert last is not None and len(model._pages) == 2
    model.sort(2, Qt.SortOrder.AscendingOrder)
    assert model.query.order == "year" and len(model._pages) == 1
    years = [model.row(r).year for r in range(model.PAGE + 20) if model.row(r).year]
    assert years == sorted(years)
    assert model.row_of(last.id) is not None


def test_people_sidebar_and_edition_models(demo_catalog, qtmodeltester) -> None:  # noqa: ANN001
    people = PeopleTableModel(demo_catalog)
    people.set_text("")
    qtmodeltester.check(people)
    assert people.row(0).name == "Marjaana Mykkanen"
    qtmodeltester.check(SidebarModel(demo_catalog))
    editions = RecordTableModel("edition", EDITION_COLUMNS)
    editions.set_records(demo_catalog.festivals.all()[0].editions)
    qtmodeltester.check(editions)
    assert editions.data(editions.index(0, 0)) == "MIFF 1989"
