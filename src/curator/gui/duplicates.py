"""Archive › Find Duplicates…: a window listing the films, and the people, that are
probably one record typed twice, with why and a score; from it each pair is merged side
by side, said not to be a duplicate, or opened. `install` is the main window's extension
hook; `merge_films` and `merge_people` open the side-by-side merge for any two records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import Changes
from curator.catalog.duplicate_rules import Pair
from curator.catalog.film_merge import film_kept_rows
from curator.catalog.records import FilmRecord, PersonRecord
from curator.gui.dialogs.merge import MergeDialog, MergeSide
from curator.gui.extension import MenuPlace
from curator.gui.lifetime import connect_in
from curator.gui.workers import Task
from curator.model.enums import RecordKind

if TYPE_CHECKING:
    from curator.gui.extension import Desk

COLUMNS = ("Score", "First", "Second", "Why")
PAIR_ROLE = Qt.ItemDataRole.UserRole + 1
KINDS = (("film", "Films"), ("person", "People"))


def _film_side(film: FilmRecord) -> MergeSide:
    facts = [str(film.year) if film.year else "", ", ".join(film.countries),
             ", ".join(film.directors), film.state]
    return MergeSide(film.id, film.title, f"Id {film.id} \u00b7 "
                     + " \u00b7 ".join(f for f in facts if f))


def _person_side(person: PersonRecord) -> MergeSide:
    films = len({f[0] for f in person.filmography})
    facts = [f"{films} film{'' if films == 1 else 's'}",
             f"also {', '.join(person.variants)}" if person.variants else ""]
    return MergeSide(person.id, person.name, f"Id {person.id} \u00b7 "
                     + " \u00b7 ".join(f for f in facts if f))


def _person_kept_rows(a: PersonRecord, b: PersonRecord) -> list[tuple[str, str, str]]:
    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}" if count else "none"

    return [(label, n(len(get(a)), one, many), n(len(get(b)), one, many))
            for label, get, one, many in (
                ("Credits", lambda p: p.filmography, "credit", "credits"),
                ("Other spellings", lambda p: p.variants, "spelling", "spellings"),
                ("Portraits", lambda p: p.portraits, "portrait", "portraits"),
                ("External ids", lambda p: p.external_ids, "id", "ids"))]


def merge_films(desk: Desk, first_id: int, second_id: int) -> Changes | None:
    """The side-by-side merge of two films; the merge, or None if cancelled."""
    catalog = desk.catalog
    a, b = catalog.films.get(first_id), catalog.films.get(second_id)
    dialog = MergeDialog("Merge Films", "film", _film_side(a), _film_side(b),
                         catalog.films.merge_rows(a, b), film_kept_rows(a, b), desk)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    keep, other, choices = dialog.keep_id, dialog.other_id, dialog.choices()
    changes = desk.run_operation(lambda: catalog.films.merge(keep, other, choices))
    if changes:
        desk.open_record(RecordKind.FILM, keep)
    return changes


def merge_people(desk: Desk, first_id: int, second_id: int) -> Changes | None:
    """The side-by-side merge of two people; the merge, or None if cancelled."""
    catalog = desk.catalog
    a, b = catalog.people.get(first_id), catalog.people.get(second_id)
    if len({f[0] for f in b.filmography}) > len({f[0] for f in a.filmography}):
        a, b = b, a  # the person with more films is more likely the one to keep
    dialog = MergeDialog("Merge People", "person", _person_side(a), _person_side(b),
                         catalog.people.merge_rows(a, b), _person_kept_rows(a, b), desk)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    keep, other, choices = dialog.keep_id, dialog.other_id, dialog.choices()
    changes = desk.run_operation(lambda: catalog.people.merge(keep, other, choices))
    if changes:
        desk.open_record(RecordKind.PERSON, keep)
    return changes


class PairsTab(QWidget):
    """The pairs of one kind of record, sortable, with what can be done to each."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.model = QStandardItemModel(0, len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels(COLUMNS)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView(objectName=f"{kind}Pairs")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, 250)
        header.setStretchLastSection(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.table)

    def show_pairs(self, pairs: list[Pair]) -> None:
        self.model.removeRows(0, self.model.rowCount())
        for p in pairs:
            cells = [QStandardItem(str(p.score)), QStandardItem(f"{p.first}  \u2116{p.first_id}"),
                     QStandardItem(f"{p.second}  \u2116{p.second_id}"), QStandardItem(p.reason)]
            sort_keys = (p.score, p.first.casefold(), p.second.casefold(), p.reason)
            for cell, key in zip(cells, sort_keys, strict=True):
                cell.setData(key, Qt.ItemDataRole.UserRole)
                cell.setToolTip(p.reason)
            cells[0].setData(p, PAIR_ROLE)
            cells[0].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.model.appendRow(cells)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        if pairs:
            self.table.selectRow(0)

    def current(self) -> Pair | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        source = self.proxy.mapToSource(index)
        return self.model.item(source.row(), 0).data(PAIR_ROLE)

    def count(self) -> int:
        return self.model.rowCount()


class DuplicatesWindow(QDialog):
    """The pairs of films and of people that are probably one, and what to do with each."""

    def __init__(self, desk: Desk) -> None:
        super().__init__(desk)  # type: ignore[arg-type]
        self.setObjectName("duplicatesWindow")
        self.setWindowTitle("Duplicates")
        self.setModal(False)
        self.desk = desk
        self.tabs = QTabWidget(objectName="duplicateTabs")
        self.pages = {kind: PairsTab(kind) for kind, _ in KINDS}
        for kind, title in KINDS:
            self.tabs.addTab(self.pages[kind], title)
        self.status = QLabel(objectName="duplicatesStatus")
        self.merge_button = QPushButton("Merge\u2026", objectName="mergePair")
        self.merge_button.setToolTip("Merge the two side by side, choosing what stays")
        self.distinct_button = QPushButton("Not a Duplicate", objectName="notDuplicate")
        self.distinct_button.setToolTip("These are two records: never list them again "
                                        "(undoable)")
        self.open_first = QPushButton("Open First", objectName="openFirst")
        self.open_second = QPushButton("Open Second", objectName="openSecond")
        self.merge_button.clicked.connect(self.merge_current)
        self.distinct_button.clicked.connect(self.mark_current)
        self.open_first.clicked.connect(lambda: self.open_current(0))
        self.open_second.clicked.connect(lambda: self.open_current(1))
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.distinct_button)
        buttons.addStretch(1)
        buttons.addWidget(self.open_first)
        buttons.addWidget(self.open_second)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 12)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.tabs.currentChanged.connect(lambda *_: self._follow())
        for page in self.pages.values():
            page.table.selectionModel().currentRowChanged.connect(
                lambda *_: self._follow())
            page.table.doubleClicked.connect(lambda _i: self.merge_current())
        self.found: dict[str, list[Pair] | None] = {kind: None for kind, _ in KINDS}
        self._refresh = QTimer(self, singleShot=True, interval=150)
        self._refresh.timeout.connect(self.find)
        connect_in(self, desk.undo.changed, self._catalogue_changed)
        self.resize(1100, 560)
        self._follow()

    @property
    def page(self) -> PairsTab:
        return self.tabs.currentWidget()  # type: ignore[return-value]

    def find(self) -> None:
        """Look for the pairs again, off the window's thread."""
        catalog = self.desk.catalog
        self.status.setText("Looking for records that may be one\u2026")

        def work(_progress: object) -> dict[str, list[Pair]]:
            return {kind: catalog.duplicates.of(kind) for kind, _ in KINDS}

        task = Task("Finding duplicates", work)
        connect_in(self, task.finished, self.show_found)
        self.desk.run_task(task)

    def show_found(self, found: dict[str, list[Pair]]) -> None:
        for kind, pairs in found.items():
            self.found[kind] = pairs
            self.pages[kind].show_pairs(pairs)
        for n, (kind, title) in enumerate(KINDS):
            self.tabs.setTabText(n, f"{title} ({len(found[kind]):,})")
        self._follow()

    def _follow(self) -> None:
        page = self.page
        pairs = self.found[page.kind]
        pair = page.current()
        for button in (self.merge_button, self.distinct_button, self.open_first,
                       self.open_second):
            button.setEnabled(pair is not None)
        if pairs is None:
            return
        what = "films" if page.kind == "film" else "people"
        self.status.setText(
            f"{len(pairs):,} pair{'s' if len(pairs) != 1 else ''} of {what} that may be one, "
            "most likely first. Merge them, or say they are not one and they are not listed "
            "again." if pairs else f"No {what} look like duplicates.")

    def _catalogue_changed(self, _changes: object) -> None:
        if self.isVisible():
            self._refresh.start()  # a merge, an undo, an edit: the pairs may have changed

    def merge_current(self) -> None:
        pair = self.page.current()
        if pair is None:
            return
        merge = merge_films if pair.kind == "film" else merge_people
        merge(self.desk, pair.first_id, pair.second_id)

    def mark_current(self) -> None:
        pair = self.page.current()
        if pair is not None:
            self.desk.run_operation(lambda: self.desk.catalog.duplicates.mark_not_duplicate(
                pair.kind, pair.first_id, pair.second_id))

    def open_current(self, which: int) -> None:
        pair = self.page.current()
        if pair is not None:
            kind = RecordKind.FILM if pair.kind == "film" else RecordKind.PERSON
            self.desk.open_record(kind, (pair.first_id, pair.second_id)[which])


class FindDuplicates:
    """The Archive menu's Find Duplicates…, and its window (one per desk)."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.window: DuplicatesWindow | None = None
        self.action = QAction("Find Duplicates\u2026", desk)  # type: ignore[arg-type]
        self.action.setObjectName("findDuplicates")
        self.action.setStatusTip("Films and people that are probably one record typed twice")
        self.action.triggered.connect(lambda _checked=False: self.show())
        desk.add_to_menu(MenuPlace.ARCHIVE_CLEAN_UP, self.action)

    def show(self) -> DuplicatesWindow:
        if self.window is None:
            self.window = DuplicatesWindow(self.desk)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.window.find()
        return self.window


def install(desk: Desk) -> FindDuplicates:
    desk.duplicates = FindDuplicates(desk)  # type: ignore[attr-defined]
    return desk.duplicates  # type: ignore[attr-defined]

