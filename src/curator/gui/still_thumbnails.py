"""The thumbnails of the still strip: how each is drawn, and the row that takes drops."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QPainter,
    QPaintEvent,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from curator.catalog.records import StillRecord

EMPTY_TEXT = "No stills yet \u2014 drop images here"
CELL = QSize(176, 150)  # one thumbnail with its caption
PICTURE = QSize(160, 104)
STILL_ROLE = Qt.ItemDataRole.UserRole + 1  # the StillRecord
PIXMAP_ROLE = Qt.ItemDataRole.UserRole + 2  # its thumbnail, once made


class ThumbnailDelegate(QStyledItemDelegate):
    """A thumbnail letterboxed in its cell, a primary badge, and the caption below."""

    def sizeHint(self, _option: QStyleOptionViewItem, _index: object) -> QSize:  # noqa: N802
        return CELL

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: object) -> None:
        still: StillRecord = index.data(STILL_ROLE)
        pixmap: QPixmap | None = index.data(PIXMAP_ROLE)
        pal = option.palette
        cell = option.rect.adjusted(4, 4, -4, -4)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            highlight = QColor(pal.color(QPalette.ColorRole.Highlight))
            highlight.setAlpha(60)
            painter.setBrush(highlight)
            painter.drawRoundedRect(cell, 6, 6)
        frame = QRect(cell.x() + (cell.width() - PICTURE.width()) // 2, cell.y() + 4,
                      PICTURE.width(), PICTURE.height())
        painter.fillRect(frame, pal.color(QPalette.ColorRole.AlternateBase).darker(104))
        if pixmap is not None and not pixmap.isNull():
            scaled = pixmap.scaled(frame.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            at = QPoint(frame.x() + (frame.width() - scaled.width()) // 2,
                        frame.y() + (frame.height() - scaled.height()) // 2)
            painter.drawPixmap(at, scaled)
        else:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(frame, Qt.AlignmentFlag.AlignCenter, "Making thumbnail\u2026")
        if selected:
            painter.setPen(pal.color(QPalette.ColorRole.Highlight))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(frame.adjusted(0, 0, -1, -1))
        if still.is_primary:
            badge = QRect(frame.x() + 4, frame.y() + 4, 58, 18)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(badge, 4, 4)
            font = QFont(option.font)
            font.setPointSizeF(max(7.0, font.pointSizeF() - 1.5))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(pal.color(QPalette.ColorRole.HighlightedText))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, "Primary")
        text_rect = QRect(cell.x() + 2, frame.bottom() + 6, cell.width() - 4,
                          cell.bottom() - frame.bottom() - 6)
        painter.setFont(option.font)
        caption = still.caption or still.original_name or "Untitled still"
        painter.setPen(pal.color(QPalette.ColorRole.Text if still.caption
                                 else QPalette.ColorRole.PlaceholderText))
        elided = option.fontMetrics.elidedText(caption, Qt.TextElideMode.ElideRight,
                                               text_rect.width())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                         elided)
        painter.restore()


class StripView(QListWidget):
    """The thumbnails in a row; takes image files from outside and moves within."""

    files_dropped = Signal(list)  # [Path]
    still_moved = Signal(int, int)  # from row, to row (in the order before the move)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListWidget.ViewMode.ListMode)
        self.setFlow(QListWidget.Flow.LeftToRight)
        self.setWrapping(False)
        self.setUniformItemSizes(True)
        self.setItemDelegate(ThumbnailDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setMinimumHeight(CELL.height() + 24)
        self.setMaximumHeight(CELL.height() + 24)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName("Stills")

    # -- dropping ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.source() is self or local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        if event.source() is self:
            super().dragMoveEvent(event)
            event.setDropAction(Qt.DropAction.MoveAction)
            event.accept()
        elif local_files(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        if event.source() is self:
            # The catalogue decides the order: report the move and let the reload
            # redraw, instead of letting Qt shuffle items (or delete the source).
            source = self.currentRow()
            target = self.drop_row(event.position().toPoint())
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            if source >= 0 and target not in (source, source + 1):
                self.still_moved.emit(source, target if target < source else target - 1)
            return
        files = local_files(event.mimeData().urls())
        if files:
            event.acceptProposedAction()
            self.files_dropped.emit(files)
        else:
            event.ignore()

    def drop_row(self, pos: QPoint) -> int:
        """The gap a drop at `pos` means: before the item under it, after it if on its right."""
        index = self.indexAt(pos)
        if not index.isValid():
            return self.count()
        rect = self.visualRect(index)
        return index.row() + (1 if pos.x() > rect.center().x() else 0)

    # -- the empty state ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        if self.count() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, EMPTY_TEXT)


def local_files(urls: list[QUrl]) -> list[Path]:
    return [Path(u.toLocalFile()) for u in urls if u.isLocalFile() and u.toLocalFile()]
