"""The import dialog on a real spreadsheet, a real archive, real Qt widgets."""

from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMainWindow, QMenu  # noqa: E402

from curator.gui.import_dialog import (  # noqa: E402
    ImportDialog,
    import_catalogue_file,
    import_pages,
    install,
)
from curator.gui.undo import CatalogUndo  # noqa: E402
from curator.gui.workers import TaskRunner  # noqa: E402

SHEET = """\
Titel;Jahr;Regie;Land;Laufzeit;Festival;Sektion;Bemerkung
Misérables, Les;1934;Raymond Bernard;France;4h 41m;MIFF 1989;Retrospective;restored print
Black Square;c. 1988;Iosif Pasternak;USSR;56 min;MIFF 1989;Documentaries;
From Russia with Rock;1988;Marjaana Mykkanen;USSR | Finland;90;MIFF 1989;;
Off the Coast of the Antarctic;19xx;;USSR;;MIFF 1989;Documentaries;
"""


class DeskStandIn(QMainWindow):
    """The main window's surface the dialog uses: catalog, undo, tasks, menus, messages."""

    def __init__(self, catalog) -> None:
        super().__init__()
        self.catalog = catalog
        self.undo = CatalogUndo(catalog, self)
        self.tasks = TaskRunner(self)
        self.menus = {"file": self.menuBar().addMenu("File")}
        self.menus["file"].addAction("Open Archive\u2026")
        self.before_quit = self.menus["file"].addSeparator()
        self.menus["file"].addAction("Quit")
        self.messages: list[str] = []
        self.errors: list[str] = []

    def add_to_menu(self, place, *actions) -> None:  # noqa: ANN001 - a MenuPlace, QActions
        assert place == "file-import"
        self.menus["file"].insertActions(self.before_quit, list(actions))

    def show_error(self, message: str) -> None:
        self.errors.append(message)

    def show_message(self, message: str) -> None:
        self.messages.append(message)


@pytest.fixture
def desk(qtbot, catalog):
    window = DeskStandIn(catalog)
    qtbot.addWidget(window)
    yield window
    window.tasks.wait(20_000)


@pytest.fixture
def sheet_path(tmp_path: Path) -> Path:
    path = tmp_path / "MIFF 1989 Programm.csv"
    path.write_bytes(SHEET.encode("cp1252"))  # as an old Excel saves it
    return path


def _plan(qtbot, dialog: ImportDialog) -> None:
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)


def test_menu_entry_is_installed(desk):
    action = install(desk)
    texts = [a.text() for a in desk.menus["file"].actions()]
    assert texts.index(action.text()) < texts.index("Quit")
    assert "Import Archive Pages\u2026" in texts and "Import Catalogue File\u2026" in texts
    assert isinstance(desk.menus["file"], QMenu)


def test_preview_mapping_plan_and_import_as_one_undo_step(qtbot, desk, sheet_path, tmp_path):
    dialog = ImportDialog(desk, desk)
    qtbot.addWidget(dialog)
    assert dialog.load(sheet_path)
    assert "semicolon-separated, Latin-1" in dialog.described.text()
    assert dialog.mapping() == ["title", "year", "directors", "countries", "runtime",
                                "festival", "section", ""]
    assert dialog.table.item(1, 0).text() == "Misérables, Les"  # the file as it is
    _plan(qtbot, dialog)
    assert dialog.summary.text() == ("This import makes 3 new films, 0 updates, "
                                     "1 row with errors.")
    assert dialog.errors.item(0).text() == "Row 5: \u201c19xx\u201d is not a year"
    assert desk.catalog.counts()["films"] == 0  # the plan changed nothing

    dialog.set_field(7, "notes")  # "Bemerkung" holds internal notes
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    _plan(qtbot, dialog)
    dialog.show()
    dialog.grab().save(str(tmp_path / "import-dialog.png"))

    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    assert desk.catalog.counts()["films"] == 3 and desk.catalog.counts()["sections"] == 2
    assert desk.messages[-1].startswith("Imported MIFF 1989 Programm.csv: 3 new films")
    assert desk.undo.stack.count() == 1
    assert desk.undo.stack.undoText() == "Import MIFF 1989 Programm.csv"
    desk.undo.stack.undo()
    assert desk.catalog.counts()["films"] == 0 and desk.catalog.counts()["festivals"] == 0
    desk.undo.stack.redo()
    assert desk.catalog.counts()["films"] == 3


def test_second_import_of_the_same_file_has_nothing_to_do(qtbot, desk, sheet_path):
    first = ImportDialog(desk, desk)
    qtbot.addWidget(first)
    first.load(sheet_path)
    _plan(qtbot, first)
    first.import_button.click()
    qtbot.waitUntil(lambda: first.result() == first.DialogCode.Accepted, timeout=20_000)

    again = ImportDialog(desk, desk)
    qtbot.addWidget(again)
    again.load(sheet_path)
    _plan(qtbot, again)
    assert "0 new films, 0 updates, 3 already in the archive" in again.summary.text()
    assert not again.import_button.isEnabled()
    again.set_existing("duplicate")
    _plan(qtbot, again)
    assert again.summary.text().startswith("This import makes 3 new films")
    assert again.import_button.isEnabled()


def test_a_file_without_title_column_asks_for_one(qtbot, desk, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Werk,Entstanden\nStalker,1979\n", encoding="utf-8")
    dialog = ImportDialog(desk, desk)
    qtbot.addWidget(dialog)
    dialog.load(path)
    assert dialog.summary.text() == "Choose the column that holds the titles."
    dialog.set_field(0, "title")
    dialog.set_field(1, "year")
    _plan(qtbot, dialog)
    assert dialog.plan.summary() == "1 new film, 0 updates, 0 rows with errors"


def test_an_unreadable_file_is_reported(qtbot, desk, tmp_path):
    dialog = ImportDialog(desk, desk)
    qtbot.addWidget(dialog)
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert not dialog.load(empty)
    assert desk.errors == ["Cannot read empty.csv: the file is empty."]


def test_pages_import_off_the_gui_thread_as_one_undo_step(qtbot, desk, sample_data):
    import_pages(desk, [sample_data / "archive-page-from-russia-with-rock.txt"])
    qtbot.waitUntil(lambda: desk.undo.stack.count() == 1, timeout=20_000)
    assert desk.catalog.counts()["films"] == 7  # the page's film and its six See-also films
    assert desk.messages[-1] == ("Imported pages: 7 new films (4 untitled, under Saved "
                                 "searches \u203a No title), 0 updates, 0 rows with errors.")
    desk.undo.stack.undo()
    assert desk.catalog.counts()["films"] == 0


def test_catalogue_file_merges_into_an_archive_with_records(qtbot, desk, tmp_path):
    desk.catalog.films.create("Stalker", year=1979)
    path = tmp_path / "cat.json"
    path.write_text('{"format": "curator-catalogue", "format_version": 1, "films": ['
                    '{"id": 7, "title": "Stalker", "year": 1979}, '
                    '{"id": 8, "title": "Mirror", "year": 1975}]}', encoding="utf-8")
    import_catalogue_file(desk, path)
    qtbot.waitUntil(lambda: bool(desk.messages), timeout=20_000)
    assert desk.messages[-1] == ("Imported the films of cat.json: 1 new film, 0 updates, "
                                 "1 already in the archive, 0 rows with errors.")
    assert desk.catalog.counts()["films"] == 2 and desk.undo.stack.count() == 1


def test_a_damaged_catalogue_file_is_reported(qtbot, desk, tmp_path):
    path = tmp_path / "cat.json"
    path.write_text('{"format": "curator-catalogue", "format_version": 1, "films": [{}]}',
                    encoding="utf-8")
    import_catalogue_file(desk, path)
    qtbot.waitUntil(lambda: bool(desk.errors), timeout=20_000)
    assert desk.errors[0] == "cat.json: film 1 of the file: \u201cid\u201d is missing."


def test_closing_during_the_check_leaves_nothing_behind(qtbot, desk, sample_data):
    dialog = ImportDialog(desk, desk)
    qtbot.addWidget(dialog)
    dialog.load(sample_data / "movielens_titles.csv")
    dialog.reject()  # while the dry run of 9,066 rows is under way
    desk.tasks.wait(20_000)
    qtbot.wait(50)
    assert desk.catalog.counts()["films"] == 0 and desk.errors == []


def _big_sheet(tmp_path: Path, rows: int) -> Path:
    path = tmp_path / "Programme.csv"
    lines = ["Title;Year;Director"] + [f"Film number {n};{1950 + n % 60};Director {n % 40}"
                                       for n in range(rows)]
    lines.append("Broken year;19xx;Someone")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_dialogs_own_progress_bar_moves(qtbot, desk, tmp_path):
    dialog = ImportDialog(desk, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.load(_big_sheet(tmp_path, 400))
    _plan(qtbot, dialog)
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(
        lambda value: seen.append((value, dialog.progress.maximum())))
    dialog.import_button.click()
    assert dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    assert desk.catalog.counts()["films"] == 400
    between = {value for value, top in seen if 0 < value < top}
    assert len(between) >= 5  # it moved along the way, not only at the end


def test_changing_the_policy_replans_off_the_window_thread_without_a_jump(
        qtbot, desk, tmp_path):
    dialog = ImportDialog(desk, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.load(_big_sheet(tmp_path, 300))
    _plan(qtbot, dialog)
    assert dialog.errors.isVisible() and dialog.errors.count() == 1
    dialog.layout().activate()
    size = dialog.size()
    places = {w: w.geometry() for w in (dialog.table, dialog.policy, dialog.summary,
                                         dialog.errors, dialog.buttons)}
    dialog.set_existing("duplicate")
    # the plan is being made elsewhere: the window answers at once, nothing has moved
    assert dialog.plan is None and not dialog.import_button.isEnabled()
    assert dialog.summary.text().startswith("Checking")
    assert dialog.plan_task is not None
    dialog.layout().activate()
    assert dialog.size() == size
    assert {w: w.geometry() for w in places} == places
    _plan(qtbot, dialog)
    dialog.layout().activate()
    assert dialog.size() == size
    assert {w: w.geometry() for w in places} == places
    assert dialog.import_button.text() == "Import 300 Films"


def _report(path: Path) -> dict[str, list[str]]:
    import csv

    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {row[0]: row for row in list(csv.reader(fh))[1:]}


def test_save_report_after_the_dry_run_and_after_the_import(qtbot, desk, sheet_path, tmp_path):
    dialog = ImportDialog(desk, desk)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(sheet_path)
    assert not dialog.report_button.isEnabled()  # nothing planned yet: nothing to report
    _plan(qtbot, dialog)
    planned = tmp_path / "plan.csv"
    dialog.set_report_path(planned)
    dialog.report_button.click()
    rows = _report(planned)
    assert [rows[r][1] for r in ("row 2", "row 3", "row 4", "row 5")] == [
        "new", "new", "new", "error"]
    assert rows["row 5"][3] == "\u201c19xx\u201d is not a year"
    assert desk.catalog.counts()["films"] == 0

    dialog.import_button.click()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=20_000)
    assert dialog.isVisible() and dialog.report_button.isEnabled()
    assert not dialog.import_button.isEnabled()  # done: the same file is not imported twice
    done = tmp_path / "done.csv"
    dialog.set_report_path(done)
    dialog.report_button.click()
    rows = _report(done)
    ids = {f.id for f in desk.catalog.films.get_many(
        [int(rows[r][2]) for r in ("row 2", "row 3", "row 4")])}
    assert len(ids) == 3
    assert desk.messages[-1] == "Wrote the report of 4 rows to done.csv."
    dialog.reject()  # Close
    assert dialog.result() == dialog.DialogCode.Accepted and not dialog.isVisible()
