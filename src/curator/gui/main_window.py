"""The curator's desk: sidebar, list, detail and form panes over one archive.

Extensions (import, export, stills, lists) are modules with `install(desk)`, listed in
EXTENSIONS; what they may use of the window is `curator.gui.extension.Desk`, and their
menu entries go to named places (`MenuPlace`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDesktopServices, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
)

from curator.catalog import Catalog, Changes, StaleVersion
from curator.gui import (
    bulk_edit,
    duplicates,
    export,
    film_fields,
    find_replace,
    import_dialog,
    lists,
    saved_searches,
    scan_pane,
    stills_strip,
)
from curator.gui.deleting import delete_selected
from curator.gui.dialogs.about import AboutDialog
from curator.gui.dialogs.confirm import confirm_deletion
from curator.gui.dialogs.history import HistoryDialog
from curator.gui.elsewhere import ChangesElsewhere
from curator.gui.export import SiteExportController
from curator.gui.extension import MENU_OF_PLACE, Install, MenuPlace
from curator.gui.forms import FormPane
from curator.gui.forms.base import HISTORY_KINDS
from curator.gui.forms.film import NEW_FILM_TITLE, FilmForm
from curator.gui.keys import UndoKeyRouter
from curator.gui.lifetime import connect_in, retire
from curator.gui.lists import ListDesk
from curator.gui.menus import ActionKey, build_actions, build_menus
from curator.gui.models.sidebar import ListTable, View, ViewKind
from curator.gui.panes.detail_pane import DetailPane
from curator.gui.panes.list_pane import ListPane
from curator.gui.panes.pane_fit import PaneFit
from curator.gui.panes.sidebar import Sidebar
from curator.gui.panes.task_status import TaskStatus
from curator.gui.undo import CatalogUndo
from curator.gui.workers import Task, TaskRunner
from curator.model.enums import RecordKind

# The extensions' install functions, installed in this order.
EXTENSIONS: tuple[Install, ...] = (
    import_dialog.install,
    export.install,
    stills_strip.install,
    lists.install,
    scan_pane.install,
    bulk_edit.install,
    find_replace.install,
    saved_searches.install,
    duplicates.install,
    film_fields.install,
)

# What a read-only archive disables: actions by key, and the extensions' by their text.
EDITING_ACTIONS = (ActionKey.NEW_FILM, ActionKey.DELETE, ActionKey.MERGE, ActionKey.UNDO,
                   ActionKey.REDO, ActionKey.BACK_UP, ActionKey.NEW_LIST,
                   ActionKey.NEW_LIST_FROM_SELECTION, ActionKey.SAVE_SEARCH_AS_LIST,
                   ActionKey.DELETE_LIST, ActionKey.SITE_SETTINGS, ActionKey.EDIT_FILMS,
                   ActionKey.FIND_REPLACE, ActionKey.SAVE_SEARCH)
EDITING_ACTION_TEXTS = {"Import Spreadsheet", "Import Archive Pages", "Import Catalogue File",
                        "Add to List", "Edit Note", "Move Up", "Move Down", "Remove from List",
                        "Publish Sources on Film Pages"}

# The sidebar view that lists each kind of record.
HOME_VIEW = {RecordKind.FILM: ViewKind.FILMS.key, RecordKind.PERSON: ViewKind.PEOPLE.key}
# The records that are a sidebar view of their own, by the kind of that view.
VIEW_RECORD_KINDS = {ViewKind.FESTIVAL: RecordKind.FESTIVAL, ViewKind.EDITION: RecordKind.EDITION,
                     ViewKind.SECTION: RecordKind.SECTION, ViewKind.LIST: RecordKind.LIST}
STATUS_TIMEOUT_MS = 6000
# How long after a search has answered the start-up's reading aside begins (the answer
# paints first, and the next key of a burst postpones it again).
READ_ASIDE_DELAY_MS = 60
# The archive setting naming the record the desk opens on ("film:42"); the demo names
# the film its pages were catalogued from.
OPENS_ON_SETTING = "desk_opens_on"
EMPTY_DETAIL = {
    ListTable.FILMS: "Choose a film in the list to read its page as the web archive will show it.",
    ListTable.PEOPLE: "Choose a person to see their films and the other spellings of their name.",
    ListTable.EDITIONS: "Choose a festival edition to see its sections and films.",
    ListTable.LISTS: "Choose a list to see its films in order.",
}


class MainWindow(QMainWindow):
    started = Signal()  # the first paint is done and what followed it: the desk is ready

    def __init__(self, catalog: Catalog, *, owns_catalog: bool = False) -> None:
        super().__init__()
        self.catalog = catalog
        self._owns_catalog = owns_catalog
        self.undo = CatalogUndo(catalog, self)
        self.tasks = TaskRunner(self)
        # what the extensions provide (see curator.gui.extension.Desk)
        self.lists: ListDesk | None = None
        self.export_controller: SiteExportController | None = None
        self.import_action: QAction | None = None
        # the source and page a new film cites (the scan pane's on show), or None
        self.source_for_new_films: Callable[[], tuple[int, int, object] | None] = lambda: None
        self.error_box: QMessageBox | None = None
        self.about_box: AboutDialog | None = None
        self.history_box: HistoryDialog | None = None
        self.setWindowTitle(f"{catalog.archive.name} \u2014 Curator")
        self.setDocumentMode(True)

        self.sidebar = Sidebar(catalog)
        self.list_pane = ListPane(catalog)
        self.detail = DetailPane(catalog)
        self.form = FormPane(self.undo)
        self.centre = QSplitter(Qt.Orientation.Vertical, objectName="centreSplitter")
        self.centre.addWidget(self.list_pane)
        self.centre.addWidget(self.detail)
        self.centre.setStretchFactor(0, 3)
        self.centre.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        for pane in (self.sidebar, self.centre, self.form):
            self.splitter.addWidget(pane)
            self.splitter.setCollapsible(self.splitter.indexOf(pane), False)
        self.splitter.setStretchFactor(1, 1)
        # the panes share the window's width (the list's columns whole, the form giving
        # way on a narrow screen) until the user drags a divider
        self.panes = PaneFit(self.splitter, self.sidebar, self.list_pane, self.form)
        self.panes.watch(self.centre)
        self.centre.setSizes([520, 330])
        self.setCentralWidget(self.splitter)

        self.toolbar = QToolBar("Toolbar", objectName="toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        self.action_map = build_actions(self)
        self.menus, self._menu_places = build_menus(self)
        self.task_status = TaskStatus(self.tasks, self)
        self.summary = QLabel(objectName="archiveSummary")
        self.statusBar().addWidget(self.summary)
        self.selection = QLabel(objectName="selectionCount")  # "3 of 9,068 selected"
        self.statusBar().addPermanentWidget(self.selection)
        self.statusBar().addPermanentWidget(self.task_status)
        self.sidebar.tree.counted.connect(self._summarise)
        self.statusBar().setSizeGripEnabled(False)

        self.sidebar.view_chosen.connect(self._view_chosen)
        # Until the window first paints, the current record waits (see _finish_start).
        self.starting = True
        self._finishing = False  # _finish_start is on its way
        self._pending_record: tuple[str, int] | None = None
        self._record_timer = QTimer(self, singleShot=True, interval=0)
        self._record_timer.timeout.connect(self._show_pending_record)
        # what start-up reads on threads of its own, once nothing typed waits for an answer
        self._aside_timer = QTimer(self, singleShot=True, interval=READ_ASIDE_DELAY_MS)
        self._aside_timer.timeout.connect(self._read_aside)
        self.list_pane.current_changed.connect(self._record_current)
        self.list_pane.cleared.connect(self._show_view_record)
        self.list_pane.activated.connect(self._activated)
        self.list_pane.form_requested.connect(self.form.focus_first_field)
        self.list_pane.first_step_chosen.connect(self._first_step)
        self.list_pane.searched.connect(self._record_after_search)
        self.list_pane.searched.connect(self._delay_reading_aside)
        self.form.escaped.connect(self.focus_list)
        self.keys = UndoKeyRouter(self)
        self.list_pane.context_menu_requested.connect(self._add_merge_to_menu)
        for table in self.list_pane.tables.values():
            table.selectionModel().selectionChanged.connect(self._update_actions)
        self.detail.record_opened.connect(self.open_record)
        self.form.record_opened.connect(self.open_record)
        self.undo.changed.connect(self._changes_arrived)
        self.undo.failed.connect(self._undo_failed)
        # Other desks' changes refresh the panes as this desk's own do.
        self.elsewhere = ChangesElsewhere(catalog, self)
        self.elsewhere.arrived.connect(self.undo.changed)
        self.tasks.started.connect(self._task_started)
        self._restore_settings()
        self._update_actions()
        self.list_pane.announce()  # the list read its first page before the panes listened
        self._opening = self._record_to_open_on()
        if self._opening is not None:
            # not the first title of the list: the record the archive says to open on
            self.list_pane.table.selectionModel().clear()
            self._pending_record = self._opening
        if self._pending_record is not None:
            self.detail.clear()  # blank, not "choose a film", for the moment before it shows
            self.form.empty.clear()

        for install in EXTENSIONS:
            install(self)
        if catalog.archive.read_only or catalog.archive.damage or \
                catalog.archive.role == "viewer":
            self._allow_reading_only()
        elif catalog.archive.role == "cataloguer":
            self._allow_all_but_publishing()

    # -- a team's cataloguer ---------------------------------------------------------------
    def _allow_all_but_publishing(self) -> None:
        """A cataloguer edits everything but what is published: the publication state in
        the forms and in Edit Films is greyed out, and the status bar says why (the server
        refuses it anyway)."""
        why = (f"Only a publisher changes what is published; you are a cataloguer of "
               f"{self.catalog.archive.name} (an admin gives roles).")
        self.form.publishing_refused = why
        note = QLabel("Cataloguer: only a publisher changes what is published",
                      objectName="readOnlyNote")
        note.setToolTip(why)
        self.statusBar().addPermanentWidget(note)

    # -- an archive that takes no writes ---------------------------------------------------
    def _allow_reading_only(self) -> None:
        """A read-only (or damaged) archive: say so in the title, and disable every action
        that would change it; reading, searching and exporting stay."""
        archive = self.catalog.archive
        why = ("read-only" if archive.read_only else "damaged, read-only" if archive.damage
               else "viewer")
        self.setWindowTitle(f"{archive.name} ({why}) \u2014 Curator")
        # Actions in a disabled group cannot be enabled again by their own updates.
        self.editing_actions = QActionGroup(self)
        self.editing_actions.setExclusionPolicy(QActionGroup.ExclusionPolicy.None_)
        editing = [self.action_map[k] for k in EDITING_ACTIONS if k in self.action_map]
        editing += [a for a in self.findChildren(QAction)
                    if a.text().rstrip("\u2026") in EDITING_ACTION_TEXTS]
        for action in editing:
            self.editing_actions.addAction(action)
        self.editing_actions.setEnabled(False)
        self.form.setEnabled(False)
        self.sidebar.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        if why == "viewer":
            self.form.setToolTip(f"You are a viewer of {archive.name}: you can read, search "
                                 "and export; a cataloguer edits (an admin gives roles).")
            note = QLabel("Viewer: the server lets you read, not change",
                          objectName="readOnlyNote")
        else:
            self.form.setToolTip(f"{archive.name} is {why}: it can be read and exported, "
                                 "not changed.")
            note = QLabel(f"{why.capitalize()}: nothing can be changed",
                          objectName="readOnlyNote")
        note.setToolTip(self.form.toolTip())
        self.statusBar().addPermanentWidget(note)

    # -- starting -----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if self.starting and not self._finishing:
            self._finishing = True
            QTimer.singleShot(0, self._finish_start)

    def _finish_start(self) -> None:
        """Just after the first paint: the current record's page and form, then (on threads)
        the sidebar's attention counts and the reading of every id of the list."""
        if not self.starting:
            return
        self.starting = False
        if self._opening is not None and self.list_pane.table_name is ListTable.FILMS and (
                self.list_pane.select_record(*self._opening, centre=True)):
            pass  # selecting it showed it
        elif self._opening is not None and self._pending_record == self._opening:
            self._pending_record = None
            self.list_pane.select_row(0)  # it is gone: the list's first, as usual
        self._opening = None
        if not self.list_pane.search_waiting:
            self._show_pending_record()
        # else: typed before the desk had finished opening: the list answers the keys first,
        # and the record follows the search (the first record read costs the most)
        if self.list_pane.search_waiting:
            self._aside_timer.start()  # after the search: it replaces the list anyway
        else:
            self._read_aside()
        self.started.emit()

    def _read_aside(self) -> None:
        """Start what start-up reads on threads: the sidebar's attention counts (a scan of
        every film) and every id of the list. Keys typed while the desk opened are answered
        first: those threads would take the interpreter from the window's thread, and a
        search replaces the list whose ids start-up would have read."""
        if self.list_pane.search_waiting or self.starting:
            self._aside_timer.start()
            return
        self.sidebar.count_attention()
        self.list_pane.films.read_ids()

    def _delay_reading_aside(self) -> None:
        if self._aside_timer.isActive():
            self._aside_timer.start()  # again: the answer paints before the reading starts

    # -- the extension surface ----------------------------------------------------------
    def open_record(self, kind: RecordKind, record_id: int) -> None:
        """Select a record where it is listed and show it in the detail and form panes."""
        self._open_record(kind, record_id)
        self._show_pending_record()  # asked for by name: shown at once

    def _open_record(self, kind: RecordKind, record_id: int) -> None:
        if kind == RecordKind.FILM:
            record_id = self.catalog.films.resolve(record_id)  # merged: the film it became
        if kind in VIEW_RECORD_KINDS:
            if self.sidebar.select_view(f"{kind}:{record_id}:"):
                return
        elif self.list_pane.select_record(kind, record_id, centre=True):
            return
        elif kind in HOME_VIEW:
            self.sidebar.select_view(HOME_VIEW[kind])  # with that view's own search text
            if self.list_pane.select_record(kind, record_id, centre=True):
                return
            if self.list_pane.search.text():  # the search hides it: clear the search
                self.list_pane.search.blockSignals(True)
                self.list_pane.search.clear()
                self.list_pane.search.blockSignals(False)
                self.list_pane.reload()
                if self.list_pane.select_record(kind, record_id, centre=True):
                    return
        self._record_current(kind, record_id)

    def add_to_menu(self, place: MenuPlace, *actions: QAction) -> None:
        """Put an extension's entries at the end of a named place in the menus."""
        end = self._menu_places[place]
        menu = self.menus[MENU_OF_PLACE[place]]
        for action in actions:
            menu.insertAction(end, action)

    def add_menu(self, key: str, menu: QMenu) -> None:
        """An extension's own menu, in the menu bar before Help."""
        self.menuBar().insertMenu(self.menus["help"].menuAction(), menu)
        self.menus[key] = menu

    def update_actions(self) -> None:
        """Enable what applies to the selection and the view (an extension's view changed)."""
        self._update_actions()

    def show_error(self, message: str) -> None:
        """A message the user must read (a refused change, a failed undo); never blocks."""
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)
        if self.error_box is not None:
            retire(self.error_box)  # see curator.gui.lifetime
        self.error_box = QMessageBox(QMessageBox.Icon.Warning, "Curator", message,
                                     QMessageBox.StandardButton.Ok, self)
        self.error_box.open()

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def run_operation(self, operation) -> Changes | None:  # noqa: ANN001 - () -> Changes
        """Run a catalog operation as one undo step; a refusal is shown, not raised."""
        from curator import CuratorError

        try:
            return self.undo.run(operation)
        except StaleVersion as exc:
            self.show_error(str(exc))
            self.reload_all()
        except CuratorError as exc:
            self.show_error(str(exc))
        return None

    def run_task(self, task: Task) -> Task:
        """Start long work; its progress and Cancel show in the status bar."""
        return self.tasks.start(task)

    def _task_started(self, task: Task) -> None:
        # any task on the window's runner reports its failure or cancellation here
        task.failed.connect(self.show_error)
        connect_in(self, task.cancelled, lambda: self.show_message(f"{task.title}: cancelled."))

    # -- commands -----------------------------------------------------------------------
    def new_film(self) -> None:
        source = self.source_for_new_films()
        if source is None:
            changes = self.run_operation(lambda: self.catalog.films.create(NEW_FILM_TITLE))
        else:  # typing from a printed catalogue: the new film cites the page on show
            with self.undo.macro(f"Create film {NEW_FILM_TITLE}"):
                changes = self.run_operation(lambda: self.catalog.films.create(NEW_FILM_TITLE))
                if changes and changes.created_id is not None:
                    film = changes.created_id
                    self.run_operation(lambda: self.catalog.sources.cite(source[0], source[1],
                                                                 film_id=film))
        if changes and changes.created_id is not None:
            self.open_record(RecordKind.FILM, changes.created_id)
            if isinstance(self.form.current, FilmForm):
                self.form.current.fresh.add(changes.created_id)
            self.form.focus_field("title")
            self.show_message("New draft film: give it a title in the form.")

    def delete_selected(self) -> None:
        """Delete what is selected in the view that is showing, naming it when asking."""
        delete_selected(self)

    def confirm_deletion(self, what: str, impact: dict[str, int]) -> bool:
        return confirm_deletion(self, what, impact)

    def merge_selected(self) -> None:
        """Merge the two films, or the two people, selected in the list, side by side."""
        pane = self.list_pane
        ids = pane.selected_ids()
        if pane.table_name not in (ListTable.FILMS, ListTable.PEOPLE) or len(ids) != 2:
            self.show_error("Select two films, or two people, in the list to merge them.")
            return
        merge = (duplicates.merge_films if pane.table_name is ListTable.FILMS
                 else duplicates.merge_people)
        merge(self, *ids)

    def focus_list(self) -> None:
        """Back to the list (Escape in the form), or to the list being edited."""
        lists = self.lists
        if lists is not None and lists.editing:
            lists.editor.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        elif self.list_pane.stack.currentWidget() is self.list_pane.table:
            self.list_pane.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.list_pane.search.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _first_step(self, step: str) -> None:
        """A button of an empty archive's first page."""
        if step == "add-film":
            self.new_film()
        elif step == "import":
            action = getattr(self, "import_action", None)
            if action is not None:
                action.trigger()
        elif step == "demo":
            self.open_demo()

    def open_demo(self) -> None:
        """Open the demo archive in place of this one, building it first if need be."""
        from curator.gui.app import demo_path, demo_task
        from curator.store import is_archive

        path = demo_path()
        if is_archive(path):
            self.open_archive(path)
            return
        task = demo_task(path)
        connect_in(self, task.finished, lambda built: self.open_archive(built))
        self.run_task(task)

    def _record_to_open_on(self) -> tuple[str, int] | None:
        """The record the archive says the desk opens on (the demo's best-known film)."""
        kind, _, ident = self.catalog.settings.get(OPENS_ON_SETTING).partition(":")
        if kind in HOME_VIEW and ident.isdigit() and self.list_pane.table_name is ListTable.FILMS:
            return kind, int(ident)
        return None

    def focus_search(self) -> None:
        if not self.list_pane.search.isEnabled():
            self.sidebar.select_view(ViewKind.FILMS.key)
        self.list_pane.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list_pane.search.selectAll()

    def show_about(self) -> None:
        if self.about_box is not None:
            retire(self.about_box)
        self.about_box = AboutDialog(self.catalog.archive.folder, self)
        self.about_box.open()

    def show_history(self) -> None:
        """Edit › History…: the history of the film, person, festival or list in the form."""
        form = self.form.current
        kind = HISTORY_KINDS.get(form.kind) if form is not None else None
        if form is None or kind is None or form.record_id is None:
            self.show_message("Choose a film, a person, a festival or a list to see who "
                              "changed it.")
            return
        if self.history_box is not None:
            retire(self.history_box)
        title = f"\u201c{form.heading.text()}\u201d"
        self.history_box = HistoryDialog(title, self.catalog.history.of(
            kind, form.record_id), self)
        self.history_box.open()

    def fit_panes(self) -> None:
        """View › Fit Panes to Window: the panes and the list's columns share the window's
        width again as they do until the user drags a divider or sizes a column."""
        self.list_pane.fit.forget()
        self.panes.forget()
        self.list_pane.save_headers()
        self.show_message("The panes and the list's columns fit the window again.")

    def back_up(self) -> None:
        archive = self.catalog.archive
        task = Task("Backing up the archive", lambda progress: archive.backup("manual"))
        connect_in(self, task.finished, lambda path: self.show_message(f"Backed up to {path}"))
        self.run_task(task)

    def reveal_archive(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.catalog.archive.folder)))

    def open_archive(self, path: Path | None = None, *, create: bool = False) -> None:
        from curator.gui.app import open_archive_window

        if path is not None and open_archive_window(path, create=create, parent=self):
            self.close()

    def _summarise(self, counts: dict[str, int]) -> None:
        def n(key: str, one: str, many: str) -> str:
            return f"{counts[key]:,} {one if counts[key] == 1 else many}"

        self.summary.setText(" · ".join((
            self.catalog.archive.name, n("films", "film", "films"),
            n("people", "person", "people"), n("editions", "festival edition",
                                                "festival editions"),
            n("stills", "still", "stills"))))
        self.summary.setToolTip(self.catalog.archive.address)

    # -- following the panes ------------------------------------------------------------
    def _add_merge_to_menu(self, menu: QMenu) -> None:
        if self.list_pane.table_name in (ListTable.FILMS, ListTable.PEOPLE):
            menu.addAction(self.action_map[ActionKey.MERGE])

    def _view_chosen(self, view: View) -> None:
        self.list_pane.set_view(view)
        self._update_actions()

    def _record_current(self, kind: str, record_id: int) -> None:
        self._pending_record = (kind, record_id)
        if self.starting:
            pass  # shown just after the first paint
        elif self.list_pane.searching:
            # The list answers a keystroke first; the page and the form follow as soon
            # as the event loop is free, once for a burst of keys.
            self._record_timer.start()
        else:
            self._show_pending_record()
        self._update_actions()

    def _record_after_search(self) -> None:
        if self._pending_record is not None and not self.starting:
            self._record_timer.start()  # once the list is painted

    def _show_pending_record(self) -> None:
        if self._pending_record is None:
            return
        kind, record_id = self._pending_record
        self._pending_record = None
        self.detail.show_record(kind, record_id)
        self.form.show_record(kind, record_id)

    def _show_view_record(self) -> None:
        """Nothing listed is current: show the festival, edition or list the view is of."""
        view = self.list_pane.view
        if view.kind in VIEW_RECORD_KINDS and view.record_id is not None:
            self._record_current(VIEW_RECORD_KINDS[view.kind], view.record_id)
        else:
            self._pending_record = None
            listed = self.list_pane.model.total
            # an empty list has nothing to choose: its own page says what to do
            self.detail.clear_record(EMPTY_DETAIL[self.list_pane.table_name] if listed
                                     else "")
            self.form.clear()
        self._update_actions()

    def _activated(self, kind: str, record_id: int) -> None:
        if kind in VIEW_RECORD_KINDS:
            self.open_record(kind, record_id)

    def _update_actions(self, *_args: object) -> None:
        pane, a = self.list_pane, self.action_map
        selected = len(pane.selected_ids())
        lists = self.lists
        a[ActionKey.DELETE].setEnabled(selected > 0 or bool(lists and lists.editing))
        total = pane.model.total if pane.stack.currentWidget() is pane.table else 0
        self.selection.setText(f"{selected:,} of {total:,} selected" if selected > 1 else "")
        # always shown (the toolbar never reflows), usable on two films or two people
        a[ActionKey.MERGE].setEnabled(
            pane.table_name in (ListTable.FILMS, ListTable.PEOPLE) and selected == 2)

    def _changes_arrived(self, changes: Changes) -> None:
        """Refresh what an operation, undo or redo touched, and nothing else."""
        touched = changes.touched
        films_gone_or_new = bool(touched.films_added or touched.films_removed)
        people = bool(touched.people)
        structure = touched.festival_structure or bool(touched.lists)
        if films_gone_or_new or people or structure or touched.counts or \
                touched.saved_searches:
            self.sidebar.rebuild()
        elif touched.films:
            self.sidebar.tree.count_saved()  # an edit can make a film match a saved search
        view = self.sidebar.current_view
        if touched.saved_searches and view is not None and view.kind is ViewKind.SAVED \
                and view != self.list_pane.view:
            self.list_pane.set_view(view)  # renamed, or its query changed
        pane = self.list_pane
        query = pane.current_query()
        if pane.table_name is ListTable.FILMS:
            if films_gone_or_new or structure or (touched.films and (
                    query.text or query.has_filters or query.order != "relevance")):
                pane.reload()
            elif touched.films:
                pane.refresh_films(set(touched.films))
        elif (pane.table_name is ListTable.PEOPLE and people) or structure:
            pane.reload()
        kind, record_id = self.detail.kind, self.detail.record_id
        if kind == RecordKind.FILM and record_id in touched.films_removed:
            self.form.clear()
        if kind != RecordKind.FILM or record_id in touched.films or people or structure:
            self.detail.reload()

    def _undo_failed(self, message: str) -> None:
        self.show_error(f"{message} What is shown has been read again, and the step is "
                        "off the Undo list.")
        self.reload_all()

    def reload_all(self) -> None:
        """Read everything shown again (after a conflict with another process)."""
        self.sidebar.rebuild()
        self.list_pane.reload()
        self.detail.reload()
        if self.detail.kind is not None and self.detail.record_id is not None:
            self.form.show_record(self.detail.kind, self.detail.record_id)

    # -- settings -----------------------------------------------------------------------
    def _restore_settings(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1440, 900)
        state = settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        for splitter in (self.splitter, self.centre):
            # only dividers the user dragged are restored; the others fit the window
            name = splitter.objectName()
            chosen = str(settings.value(f"window/{name}Chosen", ""))
            if re.fullmatch(r"\d+(,\d+)*", chosen) and \
                    len(chosen.split(",")) == splitter.count():
                self.panes.restore(name, [int(n) for n in chosen.split(",")])
        for key, pane in ((ActionKey.SHOW_SIDEBAR, self.sidebar),
                          (ActionKey.SHOW_DETAIL, self.detail), (ActionKey.SHOW_FORM, self.form)):
            visible = str(settings.value(f"window/{key}", "true")).lower() == "true"
            self.action_map[key].setChecked(visible)
            pane.setVisible(visible)

    def save_settings(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        kept = self.panes.sizes_to_keep()
        for splitter in (self.splitter, self.centre):
            name = splitter.objectName()
            settings.remove(f"window/{name}")  # (sizes saved before dividers were told apart)
            settings.setValue(f"window/{name}Chosen",
                              ",".join(str(n) for n in kept.get(name, [])))
        for key in (ActionKey.SHOW_SIDEBAR, ActionKey.SHOW_DETAIL, ActionKey.SHOW_FORM):
            settings.setValue(f"window/{key}", self.action_map[key].isChecked())
        self.list_pane.save_headers()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.save_settings()
        # a closed window reads nothing more: the record it was about to show, the search
        # it was about to run (its catalogue may be closed, or its disk gone, next)
        self._record_timer.stop()
        self._aside_timer.stop()
        self.elsewhere.stop()
        self._pending_record = None
        self.list_pane.stop_pending_work()
        for task in self.tasks.running:
            task.cancel()
        self.tasks.wait(10_000)
        self.list_pane.films.wait_for_ids()
        self.sidebar.tree.wait_for_counts()
        if self._owns_catalog:
            self.catalog.close()
        super().closeEvent(event)

