"""The film list's model: a FilmQuery run in SQL, rows built a page at a time."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QPixmap

from curator import collector
from curator.catalog import Catalog, FilmQuery
from curator.catalog.query import QueryError
from curator.catalog.records import FilmRow
from curator.gui.models.film_drag import FILM_IDS_MIME, film_ids_mime
from curator.gui.models.paged import Column, PagedTableModel
from curator.model.enums import PublicationState
from curator.paths import is_sha256

FILM_COLUMNS = [
    Column("title", "Title", lambda r: r.title, width=190),
    Column("original_title", "Original title", lambda r: r.original_title, width=150,
           shown=False),
    Column("year", "Year", lambda r: str(r.year or ""), align_right=True, width=50),
    Column("countries", "Countries", lambda r: r.countries, width=84),
    Column("directors", "Directors", lambda r: r.directors, width=144),
    # off at first, so the default columns fit a 1440 px window; the sidebar has festivals
    Column("appearances", "Festivals", lambda r: r.appearances, width=110, shown=False),
    # the primary still, big enough to recognise; how many there are is in its tooltip
    Column("stills", "Still", lambda r: "", width=108),
    Column("state", "State", lambda r: PublicationState.label_of(r.state), width=84),
]


def cropped(image: QPixmap, size: QSize) -> QPixmap:
    """The image scaled to cover `size`, its middle cut out (a still's frame, not a stamp)."""
    scaled = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatioByExpanding,
                          Qt.TransformationMode.SmoothTransformation)
    x = (scaled.width() - size.width()) // 2
    y = (scaled.height() - size.height()) // 2
    return scaled.copy(x, y, size.width(), size.height())


class FilmTableModel(PagedTableModel):
    """Ids come from the query in chunks; rows are built a page at a time from them."""

    THUMB_SIZE = QSize(96, 54)  # a 16:9 crop of the primary still

    PAGE = 50
    ID_CHUNK = 500
    # A search's ids are read this long after it answered: the list paints first, and a
    # burst of keys starts one read (scrolling far meanwhile reads chunks on demand).
    ID_READ_DELAY_MS = 60

    def __init__(self, catalog: Catalog, parent: Any = None) -> None:
        super().__init__(FILM_COLUMNS, parent)
        self.catalog = catalog
        self.query = FilmQuery()
        self._id_chunks: dict[int, list[int]] = {}
        self._generation = 0
        self._reader: threading.Thread | None = None
        self._read_for: int | None = None  # the generation whose ids are being read
        self.hold_ids = False  # True: the first query reads its ids when read_ids is called
        # (generation, ids) left by the reader thread; taken on the GUI thread. The thread
        # never touches Qt: a signal emitted on a model deleted meanwhile would crash.
        self._arrived: tuple[int, list[int]] | None = None
        self._thumbnails: dict[str, QPixmap | None] = {}
        self._id_timer = QTimer(self, singleShot=True, interval=self.ID_READ_DELAY_MS)
        self._id_timer.timeout.connect(self.read_ids)

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and self.columns[index.column()].key == "stills" and role in (
                Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole):
            record = self.row(index.row())
            if record is None:
                return None
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{record.stills:,} still{'s' if record.stills != 1 else ''}"
                        if record.stills else "No still yet")
            return self._thumbnail(record.primary_still)
        return super().data(index, role)

    def fetch_rows_with_stills(self, first: int, last: int) -> list[int]:
        """The rows between `first` and `last` that show a still (they are taller)."""
        return [r for r in range(max(first, 0), min(last, self.total - 1) + 1)
                if (record := self.row(r)) is not None and record.primary_still
                and self._thumbnail(record.primary_still) is not None]

    def _thumbnail(self, sha256: str) -> QPixmap | None:
        """The primary still, small; only thumbnails already made (never decoded here)."""
        if not is_sha256(sha256):  # none, or a bad record: it names no image of the archive
            return None
        if sha256 not in self._thumbnails:
            from curator.stills import THUMBNAIL
            from curator.stills.derivatives import derivative_file

            path = derivative_file(self.catalog.archive, sha256, THUMBNAIL, "jpeg")
            image = QPixmap(str(path)) if path.is_file() else QPixmap()
            self._thumbnails[sha256] = None if image.isNull() else cropped(image,
                                                                          self.THUMB_SIZE)
        return self._thumbnails[sha256]

    def set_query(self, query: FilmQuery) -> None:
        """List what `query` finds; a QueryError leaves the list as it was."""
        previous, self.query = self.query, query
        try:
            self.reload()
        except QueryError:
            self.query = previous
            raise

    def reload(self) -> None:
        self._generation += 1
        super().reload()
        self._read_for = None
        self._id_timer.stop()
        if self._generation > 1 or not self.hold_ids:
            self._id_timer.start()

    def read_ids(self) -> None:
        """Read every id of the query off the GUI thread, so scrolling far never waits for
        a query (chunks are read on demand meanwhile)."""
        self._id_timer.stop()
        if self.total > self.ID_CHUNK and self._read_for != self._generation:
            self._read_for = self._generation
            self._reader = threading.Thread(
                target=self._read_all_ids, daemon=True,
                args=(self._generation, self.query, self.total))
            self._reader.start()

    def stop_reading(self) -> None:
        """No read of every id is to start (the window is closing); one running ends alone."""
        self._id_timer.stop()

    def wait_for_ids(self, seconds: float = 10.0) -> None:
        """Let the reading of every id finish (before closing the archive, say)."""
        if self._id_timer.isActive():
            self.read_ids()
        if self._reader is not None:
            self._reader.join(seconds)
        self._take_arrived()

    def _read_all_ids(self, generation: int, query: FilmQuery, total: int) -> None:
        # A collector's pass on this thread holds the interpreter for the whole pass (10 to
        # 20 ms among 100,000 new ids) while the window's thread waits to paint or type.
        try:
            with collector.paused():
                ids = self.catalog.search.films(query, limit=total, count=False).ids
        except Exception:  # noqa: BLE001 - the archive closed meanwhile: chunks still work
            return
        self._arrived = (generation, ids)  # one assignment: atomic under the GIL

    def _take_arrived(self) -> None:
        arrived, self._arrived = self._arrived, None
        if arrived is None:
            return
        generation, ids = arrived
        if generation == self._generation and len(ids) == self.total:
            self._id_chunks = {n // self.ID_CHUNK: ids[n:n + self.ID_CHUNK]
                               for n in range(0, len(ids), self.ID_CHUNK)}

    def fetch(self, offset: int, limit: int, count: bool) -> tuple[int, list[FilmRow]]:
        if count:  # a new query: how many match, and the first chunk of ids
            result = self.catalog.search.films(self.query, limit=self.ID_CHUNK, count=True)
            self._id_chunks = {0: result.ids}
            total = result.total
        else:
            total = self.total
        return total, self.catalog.films.rows(self._ids(offset, limit, total))

    def _ids(self, offset: int, limit: int, total: int) -> list[int]:
        self._take_arrived()
        found: list[int] = []
        while len(found) < limit and offset + len(found) < total:
            position = offset + len(found)
            chunk = position // self.ID_CHUNK
            if chunk not in self._id_chunks:
                self._id_chunks[chunk] = self.catalog.search.films(
                    self.query, limit=self.ID_CHUNK, offset=chunk * self.ID_CHUNK,
                    count=False).ids
            start = position - chunk * self.ID_CHUNK
            taken = self._id_chunks[chunk][start:start + limit - len(found)]
            if not taken:
                break
            found += taken
        return found

    def id_at(self, row: int) -> int | None:
        ids = self._ids(row, 1, self.total) if 0 <= row < self.total else []
        return ids[0] if ids else None

    def row_of(self, record_id: int, *, anywhere: bool = True) -> int | None:
        """The row of a film; `anywhere=False` looks only among the ids already read."""
        for chunk, ids in self._id_chunks.items():
            if record_id in ids:
                return chunk * self.ID_CHUNK + ids.index(record_id)
        return self.locate(record_id) if anywhere else None

    def locate(self, record_id: int) -> int | None:
        ids = self.catalog.search.films(self.query, limit=max(self.total, 1), count=False).ids
        self._id_chunks = {n // self.ID_CHUNK: ids[n:n + self.ID_CHUNK]
                           for n in range(0, len(ids), self.ID_CHUNK)}
        try:
            return ids.index(record_id)
        except ValueError:
            return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL: a new query in the column's order (column -1: relevance)."""
        key = self.columns[column].key if 0 <= column < len(self.columns) else "relevance"
        descending = order == Qt.SortOrder.DescendingOrder and key != "relevance"
        if (key, descending) == (self.query.order, self.query.descending):
            return
        if self._generation == 0:
            # Setting up the view (sorting enabled, the saved order restored) runs no
            # query: the first one is asked for once the list knows what it shows.
            self.query = replace(self.query, order=key, descending=descending)
        else:
            self.set_query(replace(self.query, order=key, descending=descending))

    # -- dragging films (onto a list in the sidebar) ----------------------------------
    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else flags

    def mimeTypes(self) -> list[str]:  # noqa: N802 - Qt override
        return [FILM_IDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802 - Qt override
        rows = sorted({i.row() for i in indexes})
        return film_ids_mime([i for i in (self.id_at(r) for r in rows) if i is not None])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802 - Qt override
        return Qt.DropAction.CopyAction
