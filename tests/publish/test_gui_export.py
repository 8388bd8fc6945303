"""The export commands of the desk, driven through their controller with real Qt and tasks."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("PySide6")
pytest.importorskip("pytestqt")

from PySide6.QtCore import QObject, Signal  # noqa: E402
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar  # noqa: E402

from curator.gui.export import (  # noqa: E402
    EXPORT_FOLDER,
    ProblemsDialog,
    SiteExportController,
    install,
)
from curator.gui.workers import TaskRunner  # noqa: E402
from curator.publish import Problem  # noqa: E402
from curator.publish.writer import MANIFEST  # noqa: E402

WAIT = 30_000


class Calls:
    def __init__(self, folders: list[Path | None], confirm: bool = True) -> None:
        self.folders = folders
        self.confirm = confirm
        self.asked: list[str] = []
        self.problems: list[list[Problem]] = []
        self.errors: list[str] = []
        self.messages: list[str] = []
        self.opened: list[str] = []

    def controller(self, catalog, parent=None) -> SiteExportController:  # noqa: ANN001
        def choose(title: str, start: str) -> Path | None:
            self.asked.append(title)
            return self.folders.pop(0)

        def confirm(problems: list[Problem]) -> bool:
            self.problems.append(problems)
            return self.confirm

        return SiteExportController(
            catalog, TaskRunner(parent), choose_folder=choose, confirm_problems=confirm,
            show_error=self.errors.append, show_message=self.messages.append,
            open_url=self.opened.append, still_files=lambda still: ())


def test_export_site_asks_for_the_folder_once_then_exports_and_opens(
        qtbot, demo_catalog, tmp_path: Path):  # noqa: ANN001
    calls = Calls([tmp_path / "site"])
    controller = calls.controller(demo_catalog)
    with qtbot.waitSignal(controller.exported, timeout=WAIT) as first:
        controller.export_all()
    assert calls.asked == ["Choose the Folder of the Web Archive"]
    assert demo_catalog.settings.get(EXPORT_FOLDER) == str(tmp_path / "site")
    assert [str(p) for p in calls.problems[0]][0].startswith("film 2 \u201cBlack Square\u201d")
    assert first.args[0].films == 4  # From Russia with Rock and three See-also films
    assert (tmp_path / "site" / "films" / "7" / "from-russia-with-rock" / "index.html").is_file()
    assert "pages written" in calls.messages[-1]

    with qtbot.waitSignal(controller.exported, timeout=WAIT) as second:
        controller.export_all()
    assert len(calls.asked) == 1  # the folder is remembered
    assert second.args[0].written == 0

    url = controller.open_in_browser()
    try:
        assert calls.opened == [url] and url.startswith("http://127.0.0.1:")
        demo_catalog.settings.set("site_base_url", "https://miff.example.org/archive/")
        url = controller.open_in_browser()  # served under the base URL's path, as online
        assert url.endswith("/archive/") and calls.opened[-1] == url
        with urllib.request.urlopen(url + "films/7/from-russia-with-rock/") as response:
            assert b"USSR, 1988 (" in response.read()
    finally:
        controller.stop_server()


def test_export_site_after_an_edit_rewrites_only_what_shows_the_film(
        qtbot, demo_catalog, tmp_path: Path):  # noqa: ANN001
    calls = Calls([tmp_path / "site"])
    controller = SiteExportController(
        demo_catalog, TaskRunner(), choose_folder=lambda *_: calls.folders.pop(0),
        confirm_problems=lambda _problems: True, show_error=calls.errors.append,
        show_message=calls.messages.append, open_url=calls.opened.append)  # archive's stills
    with qtbot.waitSignal(controller.exported, timeout=WAIT) as first:
        controller.export_all()
    film = demo_catalog.films.get(7)
    demo_catalog.films.update(7, film.version, synopsis=film.synopsis + " Restored in 2024.")
    with qtbot.waitSignal(controller.exported, timeout=WAIT) as second:
        controller.export_all()
    assert not first.args[0].quick and second.args[0].quick
    assert 0 < second.args[0].written < first.args[0].written / 3
    page = tmp_path / "site" / "films" / "7" / "from-russia-with-rock" / "index.html"
    assert "Restored in 2024." in page.read_text(encoding="utf-8")
    assert calls.errors == []


def test_problems_can_stop_the_export(qtbot, demo_catalog, tmp_path: Path):  # noqa: ANN001
    calls = Calls([tmp_path / "site"], confirm=False)
    controller = calls.controller(demo_catalog)
    with qtbot.waitSignal(controller.checked, timeout=WAIT):
        controller.export_all()
    qtbot.waitUntil(lambda: not controller.busy, timeout=WAIT)
    assert calls.messages[-1] == "Export not started."
    assert not (tmp_path / "site").exists()


def test_export_selection_goes_to_its_own_folder(qtbot, demo_catalog, tmp_path: Path):  # noqa: ANN001
    demo_catalog.settings.set(EXPORT_FOLDER, str(tmp_path / "site"))
    calls = Calls([tmp_path / "site", tmp_path / "selection"])
    controller = calls.controller(demo_catalog)
    assert controller.export_selection([]) is None
    assert calls.messages == ["Select the films to export in the list first."]
    assert controller.export_selection([7]) is None  # the whole site's folder is refused
    assert "folder of the whole web archive" in calls.errors[0]
    with qtbot.waitSignal(controller.exported, timeout=WAIT) as done:
        controller.export_selection([7])
    assert done.args[0].films == 1
    assert sorted(p.name for p in (tmp_path / "selection" / "films").iterdir()) == ["7"]


def test_open_in_browser_before_any_export_says_what_to_do(qtbot, demo_catalog):  # noqa: ANN001
    calls = Calls([])
    controller = calls.controller(demo_catalog)
    assert controller.open_in_browser() is None
    assert calls.messages == ["Export the site first; then it can be opened in the browser."]


def test_each_problem_opens_its_record(qtbot, tmp_path: Path):  # noqa: ANN001
    problems = [Problem("film", 2, "Black Square", "no director"),
                Problem("still", 9, "From Russia with Rock, still 2", "no credit", ("film", 7))]
    dialog = ProblemsDialog(problems)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.grab().save(str(tmp_path / "problems.png"))
    assert dialog.headings() == ["1 film has no director", "1 still has no credit"]
    line = dialog.list.topLevelItem(1).child(0)
    assert line.text(0) == "From Russia with Rock, still 2 \u2014 no credit"
    with qtbot.waitSignal(dialog.record_opened) as opened:
        dialog.list.itemActivated.emit(line, 0)
    assert opened.args == ["film", 7]
    assert not dialog.isVisible()


def test_problems_are_grouped_by_kind_with_a_count_each(qtbot):  # noqa: ANN001
    problems = [Problem("film", n, f"Film {n}", "no director") for n in range(1, 1206)]
    problems += [Problem("still", 9, "Assa, still 1", "no alt text", ("film", 3)),
                 Problem("list", 4, "Perestroika", "contains unpublished films: \u201cAssa\u201d")]
    dialog = ProblemsDialog(problems)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.headings() == ["1,205 films have no director", "1 still has no alt text",
                                 "1 list contains unpublished films"]
    big, small = dialog.list.topLevelItem(0), dialog.list.topLevelItem(1)
    assert big.childCount() == 1205 and not big.isExpanded()  # opened when wanted
    assert small.isExpanded()
    # choosing a line opens its film (with Open Record as with Enter)
    dialog.list.setCurrentItem(small.child(0))
    with qtbot.waitSignal(dialog.record_opened) as opened:
        dialog.open_button.click()
    assert opened.args == ["film", 3]


class ListPane(QObject):
    """The list pane's surface the extension uses."""

    context_menu_requested = Signal(QMenu)

    def __init__(self) -> None:
        super().__init__()
        self.selection: list[int] = []

    def selected_film_ids(self) -> list[int]:
        return self.selection


def test_install_adds_the_actions(qtbot, demo_catalog):  # noqa: ANN001
    window = QMainWindow()
    qtbot.addWidget(window)
    window.catalog = demo_catalog
    window.tasks = TaskRunner(window)
    window.toolbar = QToolBar()
    window.menus = {"archive": QMenu("Archive")}
    window.add_to_menu = lambda place, *actions: window.menus["archive"].addActions(actions)
    window.list_pane = ListPane()
    window.show_error = window.show_message = lambda message: None
    window.open_record = lambda kind, record_id: None
    install(window)
    assert [a.text() for a in window.toolbar.actions()] == ["Export Site", "Open in Browser"]
    assert "Export Selection\u2026" in [a.text() for a in window.menus["archive"].actions()]
    menu = QMenu()
    window.list_pane.context_menu_requested.emit(menu)
    assert menu.isEmpty()  # nothing selected, nothing to export
    window.list_pane.selection = [7]
    window.list_pane.context_menu_requested.emit(menu)
    assert [a.text() for a in menu.actions() if a.text()] == ["Export Selection\u2026"]


def test_an_export_with_warnings_shows_them(qtbot, demo_catalog, tmp_path: Path):  # noqa: ANN001
    site = tmp_path / "site"
    calls = Calls([site])
    controller = calls.controller(demo_catalog)
    with qtbot.waitSignal(controller.exported, timeout=WAIT):
        controller.export_all()
    assert calls.errors == []
    victim = tmp_path / "precious.txt"
    victim.write_text("the only copy", encoding="utf-8")
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["../precious.txt"] = {"sha256": "0" * 64, "from": ""}
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")

    with qtbot.waitSignal(controller.exported, timeout=WAIT):
        controller.export_all()
    assert victim.read_text(encoding="utf-8") == "the only copy"
    assert "pages written" in calls.messages[-1]
    assert len(calls.errors) == 1
    assert "The site's manifest names 1 file outside the site ('../precious.txt')" \
        in calls.errors[0]
