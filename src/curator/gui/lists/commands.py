"""What a programmer does with retrospective lists: create one (empty, from the chosen
films, from a search), add films, delete a list, and write its CSV or programme notes.

Every change is one catalog operation on the window's undo stack; the CSV and the
PDF are written on a worker thread, since a PDF makes still derivatives as it goes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from curator.catalog import Changes, FilmQuery, NotFound
from curator.catalog.records import StillRecord
from curator.gui.lifetime import connect_in
from curator.gui.lists.new_list import ListDetails, NewListDialog
from curator.gui.models.sidebar import ListTable, ViewKind
from curator.gui.workers import Task
from curator.model.enums import RecordKind

if TYPE_CHECKING:
    from curator.gui.extension import Desk

PDF_STILL_WIDTH = 960  # sharp at the PDF's 420-point image width
FOLDER_KEY = "lists/export-folder"


def quoted(text: str) -> str:
    return f"\u201c{text}\u201d"


def films(n: int) -> str:
    return f"{n:,} film" if n == 1 else f"{n:,} films"


def file_name(title: str, suffix: str) -> str:
    """A file name from a list's title: no characters that file systems refuse."""
    stem = re.sub(r'[\\/:*?"<>|]+', " ", title).strip(" .") or "List"
    return f"{stem}{suffix}"


class ListCommands(QObject):
    """The list commands of one main window."""

    def __init__(self, window: Desk) -> None:
        super().__init__(window)
        self.window = window
        self.catalog = window.catalog
        # Replaced in tests: asks for a new list's title, curator and introduction.
        self.ask_details: Callable[[int, str, str], ListDetails | None] = self._ask_details
        self.ask_path: Callable[[str, str, str], Path | None] = self._ask_path

    # -- which list ---------------------------------------------------------------------
    def current_list_id(self) -> int | None:
        """The list shown in the editor, or the one chosen in the Lists view."""
        pane = self.window.list_pane
        if pane.view.kind == ViewKind.LIST:
            return pane.view.record_id
        if pane.table_name is ListTable.LISTS:
            ids = pane.selected_ids()
            return ids[0] if len(ids) == 1 else None
        return None

    def _title(self, list_id: int) -> str:
        try:
            return self.catalog.lists.get(list_id).title
        except NotFound:
            return "the list"

    # -- creating -----------------------------------------------------------------------
    def new_list(self, film_ids: list[int] | None = None, *, title: str = "",
                 heading: str = "New List") -> int | None:
        """Ask for the details and create the list, with these films in this order."""
        film_ids = list(film_ids or [])
        details = self.ask_details(len(film_ids), title, heading)
        if details is None:
            return None
        changes = self.window.run_operation(lambda: self.catalog.lists.create(
            details.title, film_ids, curator=details.curator,
            introduction=details.introduction))
        if not changes or changes.created_id is None:
            return None
        self.window.open_record(RecordKind.LIST, changes.created_id)
        self.window.show_message(
            f"Created the list {quoted(details.title)} with {films(len(film_ids))}."
            if film_ids else f"Created the list {quoted(details.title)}.")
        return changes.created_id

    def new_list_from_selection(self) -> int | None:
        ids = self.window.list_pane.selected_film_ids()
        if not ids:
            self.window.show_error("Choose films in the film list first.")
            return None
        return self.new_list(ids, heading="New List from Selection")

    def save_search_as_list(self) -> int | None:
        """A new list of the films the list pane shows: its search and filter, its order."""
        pane = self.window.list_pane
        if pane.table_name is not ListTable.FILMS:
            self.window.show_error("Show films (with a search or a filter) to save them "
                                   "as a list.")
            return None
        query = pane.current_query()
        total = self.catalog.search.films(query, limit=1).total
        if not total:
            self.window.show_error("The search finds no films, so there is nothing to save "
                                   "as a list.")
            return None
        ids = self.catalog.search.films(query, limit=total, count=False).ids
        return self.new_list(ids, title=self._search_title(query),
                             heading="Save Search as List")

    def _search_title(self, query: FilmQuery) -> str:
        view = self.window.list_pane.view
        where = "" if view.kind == ViewKind.FILMS else view.title
        if query.text and where:
            return f"{where}: {query.text}"
        if query.text:
            return f"Films matching {quoted(query.text)}"
        return where or "Films"

    # -- adding and deleting -------------------------------------------------------------
    def add_films(self, list_id: int, film_ids: list[int]) -> Changes | None:
        """Append films; those already on the list stay where they are, and the user is told."""
        if not film_ids:
            return None
        already: list[int] = []

        def add() -> Changes:
            changes, present = self.catalog.lists.add_films(list_id, film_ids)
            already.extend(present)
            return changes

        changes = self.window.run_operation(add)
        if changes is None:
            return None  # refused: run_operation has shown why
        title = quoted(self._title(list_id))
        added = len(dict.fromkeys(film_ids)) - len(set(already))
        if not added:
            if len(film_ids) == 1:
                name = self.catalog.films.rows(film_ids)[0].title
                self.window.show_message(f"{quoted(name)} is already on {title}: "
                                         "it is not added twice.")
            else:
                self.window.show_message(f"All {films(len(film_ids))} are already on {title}: "
                                         "none was added twice.")
        elif already:
            self.window.show_message(
                f"Added {films(added)} to {title}; {films(len(set(already)))} "
                f"{'was' if len(set(already)) == 1 else 'were'} already on it.")
        else:
            self.window.show_message(f"{changes.label}.")
        return changes

    def delete_list(self, list_id: int | None = None) -> None:
        list_id = list_id if list_id is not None else self.current_list_id()
        if list_id is None:
            return
        done = self.window.run_operation(lambda: self.catalog.lists.delete(list_id))
        if done:
            self.window.show_message(f"{done.label}. Undo brings it back.")

    # -- writing files ------------------------------------------------------------------
    def export_csv(self, list_id: int | None = None, path: Path | None = None) -> Task | None:
        """Write the list as a spreadsheet (CSV) on a worker thread."""
        from curator.interchange.list_csv import write_list_csv

        list_id = list_id if list_id is not None else self.current_list_id()
        if list_id is None:
            return None
        title = self._title(list_id)
        path = path or self.ask_path("Export List as CSV", file_name(title, ".csv"),
                                     "Spreadsheet (CSV) (*.csv)")
        if path is None:
            return None
        catalog = self.catalog
        task = Task(f"Writing {title}.csv",
                    lambda progress: write_list_csv(catalog, list_id, path))
        connect_in(self.window, task.finished, lambda n: self.window.show_message(
            f"Wrote {films(n)} of {quoted(title)} to {path}."))
        return self.window.run_task(task)

    def export_programme_notes(self, list_id: int | None = None,
                               path: Path | None = None) -> Task | None:
        """Write the programme notes as an A4 PDF, with each film's primary still."""
        from curator.gui.programme_notes import write_programme_notes

        list_id = list_id if list_id is not None else self.current_list_id()
        if list_id is None:
            return None
        title = self._title(list_id)
        path = path or self.ask_path("Export Programme Notes as PDF",
                                     file_name(f"{title} \u2013 programme notes", ".pdf"),
                                     "PDF (*.pdf)")
        if path is None:
            return None
        catalog, image_for = self.catalog, self._image_for
        task = Task(f"Writing programme notes for {title}",
                    lambda progress: write_programme_notes(catalog, list_id, path, image_for))
        connect_in(self.window, task.finished, lambda written: self.window.show_message(
            f"Programme notes of {quoted(title)} saved to {written}."))
        return self.window.run_task(task)

    def print_programme_notes(self, list_id: int | None = None,
                              printer: QPrinter | None = None) -> Task | None:
        """Print the programme notes; the page (and its stills) is made off the GUI thread."""
        from curator.gui.lists.printing import choose_printer, print_html, programme_html

        list_id = list_id if list_id is not None else self.current_list_id()
        if list_id is None:
            return None
        title = self._title(list_id)
        catalog, image_for = self.catalog, self._image_for

        def print_page(page: str) -> None:
            chosen = printer or choose_printer(self.window, title)
            if chosen is not None:
                print_html(page, chosen, title)
                self.window.show_message(f"Programme notes of {quoted(title)} sent to print.")

        task = Task(f"Preparing programme notes for {title}",
                    lambda progress: programme_html(catalog, list_id, image_for))
        connect_in(self.window, task.finished, print_page)
        return self.window.run_task(task)

    def _image_for(self, still: StillRecord) -> Path | None:
        """A still's picture for print: a 960-pixel JPEG, made now if missing."""
        from curator.paths import OutsideFolder
        from curator.stills import StillMissing, derivative_path

        try:
            return derivative_path(self.catalog.archive, still.sha256, PDF_STILL_WIDTH, "jpeg")
        except (StillMissing, OutsideFolder, OSError):
            return None  # the notes still print, without that picture

    # -- asking the user ----------------------------------------------------------------
    def _ask_details(self, film_count: int, title: str, heading: str) -> ListDetails | None:
        dialog = NewListDialog(film_count, title, self.window, heading=heading)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.details()

    def _ask_path(self, caption: str, name: str, filter_: str) -> Path | None:
        settings = QSettings()
        folder = Path(str(settings.value(FOLDER_KEY, str(Path.home()))))
        chosen, _ = QFileDialog.getSaveFileName(self.window, caption, str(folder / name),
                                                filter_)
        if not chosen:
            return None
        path = Path(chosen)
        if not path.suffix:
            path = path.with_suffix(Path(name).suffix)
        settings.setValue(FOLDER_KEY, str(path.parent))
        return path
