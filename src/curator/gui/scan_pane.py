"""The scan pane: a printed catalogue's page beside the form, to type from (the page
itself is drawn by `scan_view`).

A dock (or, detached, a window of its own for a second screen) shows a source's page
with zoom, pan and fit-to-width; PgUp/PgDn flip pages while the cursor stays in the
form. Pages render on a worker thread of their own and the last few are kept, with
the next page made ahead, so flipping does not wait. A rectangle dragged on the page
is read by OCR and its text typed into the form's field that has the focus: an edit
like any other, saved when the field is, with undo.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.catalog.records import QuoteSource
from curator.catalog.settings import PUBLISH_SOURCES, sources_published
from curator.catalog.sources import Region, SourceRecord
from curator.gui.extension import Desk, MenuPlace
from curator.gui.lifetime import connect_in
from curator.gui.scan_view import PageRenderer, PageView
from curator.gui.source_details import SourceDetails
from curator.gui.workers import Task
from curator.model.enums import RecordKind

FILE_FILTER = "Catalogues (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.webp);;All files (*)"


def _button(text: str, tip: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return button


class ScanPane(QWidget):
    """A source's pages, one at a time, and text read from a box of them."""

    page_shown = Signal(int, int)  # source id, page number: the page is on the screen
    text_read = Signal(str)  # what a box gave, after it was typed into the field

    def __init__(self, desk: Desk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.catalog = desk.catalog
        self.source: SourceRecord | None = None
        self.number = 0
        self.renderer = PageRenderer(self.catalog.archive, self)
        self.destroyed.connect(self.renderer.stop)
        connect_in(self, self.renderer.rendered, self._rendered)
        connect_in(self, self.renderer.failed, self._say)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.sources = QComboBox(objectName="scanSources")
        self.sources.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sources.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.sources.setMinimumContentsLength(12)
        self.sources.activated.connect(self._source_chosen)
        top.addWidget(self.sources, 1)
        self.add_button = _button("Add\u2026", "Add a printed catalogue (a PDF or scans) "
                                  "to the edition or festival in the form")
        self.add_button.clicked.connect(self.choose_files)
        top.addWidget(self.add_button)
        self.details_button = _button("Details", "The source's title, date, language, note, "
                                      "and whether its scans may be published")
        self.details_button.setCheckable(True)
        top.addWidget(self.details_button)
        layout.addLayout(top)
        self.details = SourceDetails(desk.undo)
        self.details.hide()
        self.details_button.toggled.connect(self.details.setVisible)
        layout.addWidget(self.details)
        bar = QHBoxLayout()
        self.previous = _button("\u25c0", "Previous page (PgUp)")
        self.previous.clicked.connect(lambda: self.flip(-1))
        self.next = _button("\u25b6", "Next page (PgDn)")
        self.next.clicked.connect(lambda: self.flip(1))
        self.page_label = QLabel(objectName="scanPage")
        self.page_label.setMinimumWidth(90)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar.addWidget(self.previous)
        bar.addWidget(self.page_label)
        bar.addWidget(self.next)
        bar.addStretch(1)
        self.view = PageView()
        for text, tip, slot in (("\u2212", "Zoom out (Ctrl+wheel)", lambda: self.view.zoom(0.8)),
                                ("+", "Zoom in (Ctrl+wheel)", lambda: self.view.zoom(1.25)),
                                ("Fit Width", "Fit the page's width to the pane",
                                 self.view.fit_to_width)):
            button = _button(text, tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.status = QLabel(objectName="scanStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(self.status)
        self.view.box_drawn.connect(self.read_box)
        self._target: QWidget | None = None
        self.setAcceptDrops(True)  # a catalogue's files dropped from the file manager
        self.reload_sources()

    # -- sources ---------------------------------------------------------------------------
    def reload_sources(self) -> None:
        try:
            self._reload_sources()
        finally:
            self.details.show_source(self.source)

    def _reload_sources(self) -> None:
        sources = self.catalog.sources.all()
        current = self.source.id if self.source else None
        self.sources.clear()
        for s in sources:
            self.sources.addItem(f"{s.title} \u2014 {len(s.pages)} p.", s.id)
        if not sources:
            self.sources.addItem("No printed sources yet: Add\u2026 one", None)
            self.source = None
            self.view.item.setPixmap(QPixmap())
            self._update_label()
            return
        ids = [s.id for s in sources]
        if current in ids:
            self.sources.setCurrentIndex(ids.index(current))
            self.source = sources[ids.index(current)]
            self._update_label()
        elif self.source is not None:
            self.source = None
            self.view.item.setPixmap(QPixmap())
            self._update_label()

    def _source_chosen(self, index: int) -> None:
        source_id = self.sources.itemData(index)
        if source_id is not None:
            self.open_source(source_id, 1)

    def open_source(self, source_id: int, number: int = 1,
                    region: Region | None = None) -> None:
        """Show a page of a source (and a region of it, outlined)."""
        self.source = self.catalog.sources.get(source_id)
        self.details.show_source(self.source)
        index = self.sources.findData(source_id)
        if index < 0:
            self.reload_sources()
            index = self.sources.findData(source_id)
        self.sources.setCurrentIndex(index)
        self._region = region
        self.show_page(number)

    def show_page(self, number: int) -> None:
        if self.source is None:
            return
        number = max(1, min(number, len(self.source.pages)))
        self.number = number
        self._update_label()
        key = (self.source.id, number)
        image = self.renderer.cached(key)
        if image is not None:
            self._display(key, image)
        # this page if need be, then the next ones ahead: the next flips wait for nothing
        self.renderer.want(self.source, [number, number + 1, number - 1, number + 2])

    def flip(self, step: int) -> bool:
        if self.source is None:
            return False
        self._region = None
        self.show_page(self.number + step)
        return True

    def _rendered(self, key: tuple[int, int], image: QImage) -> None:
        self.renderer.keep(key, image)
        if self.source is not None and key == (self.source.id, self.number):
            self._display(key, image)

    def _display(self, key: tuple[int, int], image: QImage) -> None:
        self.view.show_image(image)
        self.view.show_region(getattr(self, "_region", None))
        self.page_shown.emit(*key)

    def _update_label(self) -> None:
        total = len(self.source.pages) if self.source else 0
        self.page_label.setText(f"p. {self.number} of {total}" if total else "")
        self.previous.setEnabled(bool(total) and self.number > 1)
        self.next.setEnabled(bool(total) and self.number < total)

    def _say(self, message: str) -> None:
        self.status.setText(message)

    # -- adding ------------------------------------------------------------------------------
    def owner(self) -> dict[str, int] | None:
        """The edition or festival the form shows, which a new source belongs to."""
        form = self.desk.form.current
        if form is None or form.record_id is None:
            return None
        if form.kind == RecordKind.EDITION:
            return {"edition_id": form.record_id}
        if form.kind == RecordKind.FESTIVAL:
            return {"festival_id": form.record_id}
        if form.kind == RecordKind.FILM and form.record is not None \
                and form.record.screenings:
            return {"edition_id": form.record.screenings[0].edition_id}
        return None

    def choose_files(self) -> None:
        owner = self.owner()
        if owner is None:
            self.desk.show_error("Open the festival edition the catalogue belongs to (or one "
                                 "of its films) in the form, then add its scans or PDF.")
            return
        files, _filter = QFileDialog.getOpenFileNames(
            self, "Add a Printed Catalogue", "", FILE_FILTER)
        if files:
            self.add_files([Path(f) for f in files], **owner)

    def add_files(self, files: list[Path], **owner: int) -> Task:
        """Verify and store the files on a worker, then record them as one undoable step."""
        from curator.sources import add_source

        catalog = self.catalog

        def work(_progress: Any) -> Any:
            return add_source(catalog, files, **owner)

        task = Task(f"Adding {files[0].name}", work)
        connect_in(self, task.finished, self._added)
        connect_in(self, task.failed, self.desk.show_error)
        return self.desk.run_task(task)

    def _added(self, added: Any) -> None:
        self.desk.undo.push(added.changes)
        self.reload_sources()
        self.open_source(added.source_id, 1)

    def dragEnterEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        files = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        owner = self.owner()
        if not files:
            return
        event.acceptProposedAction()
        if owner is None:
            self.desk.show_error("Open the festival edition the catalogue belongs to (or one "
                                 "of its films) in the form, then drop its scans or PDF.")
            return
        self.add_files(files, **owner)

    # -- reading -----------------------------------------------------------------------------
    def read_box(self, region: Region) -> Task | None:
        """Read the box's text and type it into the form's field that has the focus."""
        from curator.sources import page_pixel_size, read_box

        if self.source is None:
            return None
        focused = QApplication.focusWidget()
        self._target = focused if isinstance(focused, QLineEdit | QPlainTextEdit) and \
            not focused.isReadOnly() else None
        page = self.source.page(self.number)
        width, height = page_pixel_size(page)
        x, y, w, h = region
        box = (round(x * width), round(y * height), max(1, round(w * width)),
               max(1, round(h * height)))
        catalog, source_id, number = self.catalog, self.source.id, self.number
        self.status.setText("Reading the box\u2026")
        task = Task("Reading text from the scan",
                    lambda _progress: read_box(catalog, source_id, number, box))
        connect_in(self, task.finished,
                   lambda text: self._typed(text, (source_id, number, region)))
        connect_in(self, task.failed, self._read_failed)
        return self.desk.run_task(task)

    def _read_failed(self, message: str) -> None:
        self.status.setText("")
        self.desk.show_error(message)

    def _typed(self, text: str, where: tuple[int, int, Region]) -> None:
        target = self._target
        self._target = None
        self.view.band.hide()
        if not text:
            self.status.setText("No text was found in the box.")
            return
        if target is None or not target.isVisible():
            QApplication.clipboard().setText(text)
            self.status.setText("Put the cursor in a field first; the text is on the "
                                "clipboard meanwhile.")
            return
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(target, QLineEdit):
            target.insert(" ".join(text.split()))  # one line: paragraphs become spaces
        else:
            target.insertPlainText(text)
        self.status.setText(f"Read {len(text):,} characters from p. {where[1]}.")
        self._cite(target, *where)
        self.text_read.emit(text)

    def _cite(self, target: QWidget, source_id: int, number: int, region: Region) -> None:
        """The record whose field took the text records where it came from, box and all."""
        form = self.desk.form.current
        if form is None or form.record_id is None or not form.isAncestorOf(target):
            return
        quotes = form.fields.get("quotes")
        row = quotes.row_of(target) if hasattr(quotes, "row_of") else None
        if row is not None:  # a quote's own: saved with its text, as one step
            quotes.set_cited(row, QuoteSource(source_id, number, region), commit=False)
            return
        owner = {RecordKind.FILM: "film_id", RecordKind.PERSON: "person_id"}.get(form.kind)
        if owner is None:
            return
        citation = self.catalog.sources.citation_of(**{owner: form.record_id})
        if citation is not None and (citation.source_id, citation.page, citation.region) \
                == (source_id, number, region):
            return
        name = form.field_of(target)
        cited = {"source_id": source_id, "page": number, "region": region,
                 owner: form.record_id}
        if name is None:  # not a field the form saves: cite at once
            self.desk.run_operation(lambda: self.catalog.sources.cite(**cited))
        else:  # cited when the field is saved, in the same undo step
            form.pending_citation = (name, cited)

    def position(self) -> tuple[int, int, Region | None] | None:
        """The source and page on show (for a citation), or None when none is."""
        if self.source is None or not self.view.has_page() or not self.isVisible():
            return None
        return self.source.id, self.number, None

    # -- keys --------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """PgUp/PgDn in the form flip the scan's pages (the cursor stays in the form)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) \
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                          Qt.KeyboardModifier.KeypadModifier) \
                and self.source is not None and self.isVisible():
            focused = QApplication.focusWidget()
            if focused is not None and self.desk.form.isAncestorOf(focused):
                self.flip(1 if event.key() == Qt.Key.Key_PageDown else -1)
                return True
        return False


class ScanDock(QDockWidget):
    """The scan pane as a dock beside the form; detached, a window of its own."""

    def __init__(self, desk: Desk) -> None:
        super().__init__("Scan", objectName="scanDock")
        self.pane = ScanPane(desk)
        self.setWidget(self.pane)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea
                             | Qt.DockWidgetArea.RightDockWidgetArea)
        self.desk = desk
        self.hinted = False  # told once how to give the form more room

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self.make_room()

    def make_room(self) -> None:
        # once the layout has settled with the dock's new width
        QTimer.singleShot(0, self, lambda: _make_room(self.desk, self))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Hide:  # the sidebar's room goes to the form first
            self.make_room()
        return False


def install(window: Desk) -> None:
    """The scan dock, hidden until View › Scan Pane (or opening a source) shows it."""
    dock = ScanDock(window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)  # type: ignore[attr-defined]
    dock.hide()
    window.scan = dock  # type: ignore[attr-defined]
    toggle = dock.toggleViewAction()
    toggle.setText("Scan Pane")
    toggle.setShortcut("Ctrl+Alt+4")
    window.menus["view"].addAction(toggle)
    QApplication.instance().installEventFilter(dock.pane)
    connect_in(dock.pane, window.undo.changed, lambda changes: _refresh(dock.pane, changes))
    window.form.scan_page = dock.pane.position
    connect_in(dock.pane, window.form.source_requested,
               lambda source, page, region: _open_citation(dock, source, page, region))
    # a film created while a catalogue is open takes its page as its source
    window.source_for_new_films = dock.pane.position  # type: ignore[attr-defined]
    archive = window.catalog.archive
    if archive.read_only or archive.damage:  # pages can be read, nothing added or changed
        dock.pane.add_button.setEnabled(False)
        dock.pane.setAcceptDrops(False)
        dock.pane.details.read_only = True
        dock.pane.details.setEnabled(False)
    publish = QAction("Publish Sources on Film Pages", dock, checkable=True,
                      objectName="publishSources")
    publish.setStatusTip("Film pages say which printed source their text came from "
                         "(“Source: MIFF 1989 catalogue, p. 42”)")
    publish.setChecked(sources_published(window.catalog.settings.get(PUBLISH_SOURCES)))
    publish.toggled.connect(lambda on: _publish_sources(window, publish, on))
    window.add_to_menu(MenuPlace.ARCHIVE_EXPORT, publish)
    # docked beside the form, the scan makes room for the form (below), not the desk's
    # sharing of the width, which fits the list's columns
    window.panes.yield_to.append(lambda: dock.isVisible() and not dock.isFloating())
    # on a laptop screen, hiding the sidebar (View › Sidebar) gives its room to the form
    sidebar = getattr(window, "sidebar", None)
    if sidebar is not None:
        sidebar.installEventFilter(dock)


def _publish_sources(window: Desk, action: QAction, on: bool) -> None:
    from curator import CuratorError

    try:
        window.catalog.settings.set(PUBLISH_SOURCES, "on" if on else "")
    except CuratorError as exc:
        window.show_error(str(exc))
        action.blockSignals(True)
        action.setChecked(not on)
        action.blockSignals(False)
        return
    window.show_message("Film pages will name their sources at the next export." if on
                        else "Film pages will not name their sources.")


def _open_citation(dock: ScanDock, source_id: int, page: int, region: Region | None) -> None:
    dock.show()
    dock.raise_()
    dock.pane.open_source(source_id, page, region)


FORM_WIDTH = 480  # what the form keeps when the scan comes in beside it
DOCK_MIN_WIDTH = 320


def _make_room(window: Any, dock: ScanDock) -> None:
    """The scan's room comes out of the list and the sidebar (then the scan gives way),
    not out of the form: the form is where one types."""
    if dock.isFloating() or not dock.isVisible():
        return
    splitter = window.splitter
    sizes = splitter.sizes()
    if len(sizes) != 3 or sizes[2] >= FORM_WIDTH:
        return
    want = FORM_WIDTH - sizes[2]

    def spare(pane: QWidget, size: int) -> int:
        if pane.isHidden():  # just hidden: the splitter has not handed its room on yet
            return size
        return max(0, size - max(pane.minimumWidth(), pane.minimumSizeHint().width()))

    from_list = min(want, spare(window.centre, sizes[1]))
    from_sidebar = min(want - from_list, spare(window.sidebar, sizes[0]))
    splitter.setSizes([sizes[0] - from_sidebar, sizes[1] - from_list,
                       sizes[2] + from_list + from_sidebar])
    short = want - from_list - from_sidebar
    if short > 0 and dock.width() - short >= DOCK_MIN_WIDTH:  # the rest from the scan
        window.resizeDocks([dock], [dock.width() - short], Qt.Orientation.Horizontal)
    elif short > 0 and window.sidebar.isVisible() and not dock.hinted:
        # a laptop screen: the archivist decides whether the sidebar goes, once told how
        dock.hinted = True
        window.show_message("The form is narrow beside the scan: View › Sidebar "
                            "(Ctrl+Alt+1) hides the sidebar and gives its room to the form.")


def _refresh(pane: ScanPane, changes: Any) -> None:
    if changes.touched.festival_structure:
        pane.reload_sources()
