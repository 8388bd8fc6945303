"""The sidebar's tree: the archive's views with their counts.

Films, People, Festivals (festival > edition > section), Lists, and the saved searches:
the built-in ones (films that need attention) and the archive's own, each with the
number of films it finds now. Each item carries a `View` saying what the list shows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel

from curator.catalog import Catalog
from curator.catalog.saved_searches import BUILT_IN_NAMES, SavedSearchRecord
from curator.catalog.search import ATTENTION_QUERIES, Attention
from curator.gui.style import icon

VIEW_ROLE = Qt.ItemDataRole.UserRole + 2
SAVED_HEADING = "Saved searches"

ATTENTION_VIEWS = list(BUILT_IN_NAMES.items())


class ViewKind(StrEnum):
    """What a sidebar view lists; the view's key ("edition:12:") starts with it."""

    FILMS = "films"
    PEOPLE = "people"
    FESTIVALS = "festivals"
    FESTIVAL = "festival"
    EDITION = "edition"
    SECTION = "section"
    LISTS = "lists"
    LIST = "list"
    ATTENTION = "attention"
    SAVED = "saved"  # one of the archive's saved searches

    @property
    def key(self) -> str:
        """The key of the view of all records of this kind ("films::")."""
        return f"{self.value}::"


class ListTable(StrEnum):
    """The tables of the list pane: a view shows one of them."""

    FILMS = "films"
    PEOPLE = "people"
    EDITIONS = "editions"
    LISTS = "lists"


FILM_VIEWS = frozenset({ViewKind.FILMS, ViewKind.EDITION, ViewKind.SECTION, ViewKind.LIST,
                        ViewKind.ATTENTION, ViewKind.SAVED})


@dataclass(frozen=True)
class View:
    """What the list pane shows; record_id names the festival, edition... shown."""

    kind: ViewKind
    record_id: int | None = None
    attention: Attention | None = None
    title: str = ""
    query: str = ""  # a saved search's query (built in or the archive's own)
    problem: str = ""  # why a saved search's query cannot run, if it cannot

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.record_id or ''}:{self.attention or ''}"

    @property
    def shows_films(self) -> bool:
        return self.kind in FILM_VIEWS

    @property
    def table(self) -> ListTable:
        """The list pane's table this view shows."""
        if self.shows_films:
            return ListTable.FILMS
        if self.kind == ViewKind.PEOPLE:
            return ListTable.PEOPLE
        return ListTable.LISTS if self.kind == ViewKind.LISTS else ListTable.EDITIONS


class SidebarModel(QStandardItemModel):
    counted = Signal(dict)  # the catalogue's counts, each time they are read
    attention_shown = Signal()  # the "Needs attention" counts are in
    _attention_read = Signal(int, object)  # the tree they were read for, the counts

    def __init__(self, catalog: Catalog, parent: Any = None, *, build: bool = True) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setColumnCount(2)
        self.attention_counted = False
        self.saved: list[SavedSearchRecord] = []  # the archive's own, in the order shown
        self._built = 0  # which build of the tree is showing
        self._counter: threading.Thread | None = None
        self._attention_read.connect(self._counted_aside)
        if build:
            self.rebuild()

    def rebuild(self, *, attention: bool = True) -> None:
        """Read the catalogue's festivals, lists and counts again.

        With `attention` False the "Needs attention" views come without their counts
        (the slowest to read, a scan of every film): `count_attention` adds them.
        """
        # rows go, columns stay: clear() would reset the view's column sizing
        self._built += 1
        self.removeRows(0, self.rowCount())
        # Python keeps every item it made until Qt deletes it: an item whose wrapper the
        # garbage collector freed first crashed removeRows.
        self._kept: list[QStandardItem] = []
        counts = self.catalog.counts()
        self.counted.emit(counts)
        root = self.invisibleRootItem()
        root.appendRow(self._row(View(ViewKind.FILMS, title="Films"), "film", counts["films"]))
        root.appendRow(self._row(View(ViewKind.PEOPLE, title="People"), "people", counts["people"]))

        festivals = self._row(View(ViewKind.FESTIVALS, title="Festivals"), "festival",
                              counts["festivals"])
        for f in self.catalog.festivals.all():
            # the short name fits the sidebar; the full name is in the tooltip and the list
            fest = self._row(View(ViewKind.FESTIVAL, f.id, title=f.name), "festival",
                             len(f.editions), short=f.short_name)
            for e in f.editions:
                edition = self._row(View(ViewKind.EDITION, e.id, title=e.label), "edition",
                                    e.film_count)
                for s in e.sections:
                    edition[0].appendRow(self._row(View(ViewKind.SECTION, s.id, title=s.name),
                                                   "section", s.film_count))
                fest[0].appendRow(edition)
            festivals[0].appendRow(fest)
        root.appendRow(festivals)

        lists = self._row(View(ViewKind.LISTS, title="Lists"), "list", counts["lists"])
        for c in self.catalog.lists.all():
            lists[0].appendRow(self._row(View(ViewKind.LIST, c.id, title=c.title), "list",
                                         len(c.items)))
        root.appendRow(lists)

        heading = QStandardItem(SAVED_HEADING)
        heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        heading.setIcon(icon("search"))
        for name, title in ATTENTION_VIEWS:
            query = ATTENTION_QUERIES[name]
            # no icon under the heading, which has one: the sidebar stays as narrow as it was
            row = self._row(View(ViewKind.ATTENTION, attention=name, title=title, query=query),
                            None, None)
            # each is a built-in search: the tooltip says it in the query language
            row[0].setToolTip(f"{title}: the films a search for \u201c{query}\u201d finds "
                              "(built in)")
            heading.appendRow(row)
        self.saved = [r for r in self.catalog.saved_searches.all(counts=False)
                      if not r.built_in]
        for record in self.saved:
            heading.appendRow(self._saved_row(record))
        blank = QStandardItem()
        self._kept += (heading, blank)
        root.appendRow([heading, blank])
        self.attention_counted = False
        if attention:
            self.count_attention()

    def _saved_row(self, record: SavedSearchRecord) -> list[QStandardItem]:
        view = View(ViewKind.SAVED, record.id, title=record.name, query=record.query,
                    problem=record.problem)
        row = self._row(view, None, None)
        row[0].setEditable(True)  # F2 renames it
        row[0].setToolTip(f"{record.name}: {record.query}" + (
            f"\nIt cannot run: {record.problem}" if record.problem else ""))
        if record.problem:
            row[1].setText("!")
            row[1].setToolTip(record.problem)
        return row

    def count_attention(self) -> None:
        """Read how many films each saved search finds now, the built-in ones too."""
        self._show_attention(self._built, self.catalog.search.attention_counts())

    def count_attention_aside(self) -> None:
        """Read those counts on a thread of their own and show them when they come: each is
        a scan of every film (150 ms on 100,000), and SQLite lets the window's thread go on
        meanwhile, so the first keystrokes after the desk opens are not kept waiting."""
        if self.attention_counted or self._counter is not None:
            return
        built, catalog = self._built, self.catalog

        def count() -> None:
            try:
                counts = catalog.search.attention_counts()
                self._attention_read.emit(built, counts)  # shown on the window's thread
            except Exception:  # noqa: BLE001 - the archive or the window closed meanwhile
                return

        self._counter = threading.Thread(target=count, daemon=True)
        self._counter.start()

    def wait_for_counts(self, seconds: float = 10.0) -> None:
        """Let a count read aside finish (before the archive is closed)."""
        if self._counter is not None:
            self._counter.join(seconds)

    def _counted_aside(self, built: int, counts: dict[Attention, int]) -> None:
        self._counter = None
        self._show_attention(built, counts)

    def _show_attention(self, built: int, counts: dict[Attention, int]) -> None:
        if built != self._built or self.attention_counted:
            return  # read for a tree since rebuilt, which counted them itself
        heading = self.index(self.rowCount() - 1, 0)  # the saved searches come last
        for row, (name, _title) in enumerate(ATTENTION_VIEWS):
            # by index, not item: no Python wrapper of an item the model may delete
            self.setData(self.index(row, 1, heading), f"{counts[name]:,}")
        self.count_saved()
        self.attention_counted = True
        self.attention_shown.emit()

    def count_saved(self) -> None:
        """Count the archive's own saved searches again (an edit may move them)."""
        heading = self.index(self.rowCount() - 1, 0)
        first = len(ATTENTION_VIEWS)
        for n, record in enumerate(self.saved):
            if not record.problem:
                count = self.catalog.saved_searches.count(record.query)
                self.setData(self.index(first + n, 1, heading), f"{count:,}")

    def _row(self, view: View, icon_name: str | None, count: int | None,
             short: str = "") -> list[QStandardItem]:
        name = QStandardItem(short or view.title)
        if icon_name:
            name.setIcon(icon(icon_name))
        name.setData(view, VIEW_ROLE)
        name.setToolTip(view.title)
        name.setEditable(False)
        number = QStandardItem("" if count is None else f"{count:,}")
        number.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        number.setEditable(False)
        number.setData(view, VIEW_ROLE)
        self._kept += (name, number)
        return [name, number]

    def find(self, key: str) -> QStandardItem | None:
        """The item of a view, by View.key."""
        pending = [self.invisibleRootItem()]
        while pending:
            item = pending.pop()
            view = item.data(VIEW_ROLE)
            if isinstance(view, View) and view.key == key:
                return item
            pending.extend(item.child(r, 0) for r in range(item.rowCount()))
        return None
