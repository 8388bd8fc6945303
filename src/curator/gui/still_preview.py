"""A larger view of one still, where a click sets its focal point (the centre kept when cropped)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from curator import CuratorError
from curator.catalog import Changes
from curator.catalog.records import StillRecord
from curator.paths import is_sha256
from curator.stills import THUMBNAIL, WEB_WIDTHS, derivative_file

if TYPE_CHECKING:
    from curator.gui.stills_strip import StillStrip


class FocalImage(QWidget):
    """The picture, scaled to fit, with a ring at the focal point; a click moves it."""

    focal_point_chosen = Signal(float, float)  # x, y as fractions of width and height

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pixmap = QPixmap()
        self.focal = QPointF(0.5, 0.5)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setMinimumSize(480, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip("Click to set the focal point: crops for the web keep it in view")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(960, 600)

    def image_rect(self) -> QRect:
        if self.pixmap.isNull():
            return QRect()
        size = self.pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect((self.width() - size.width()) // 2, (self.height() - size.height()) // 2,
                     size.width(), size.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window).darker(115))
        rect = self.image_rect()
        if rect.isNull():
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "The web sizes of this still are still being made\u2026")
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(rect, self.pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(rect.x() + self.focal.x() * rect.width(),
                         rect.y() + self.focal.y() * rect.height())
        for colour, width in ((QColor(0, 0, 0, 160), 4.0), (QColor(255, 255, 255), 2.0)):
            painter.setPen(QPen(colour, width))
            painter.drawEllipse(centre, 14, 14)
            painter.drawLine(centre + QPointF(-22, 0), centre + QPointF(-8, 0))
            painter.drawLine(centre + QPointF(8, 0), centre + QPointF(22, 0))
            painter.drawLine(centre + QPointF(0, -22), centre + QPointF(0, -8))
            painter.drawLine(centre + QPointF(0, 8), centre + QPointF(0, 22))

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        rect = self.image_rect()
        pos = event.position()
        if event.button() != Qt.MouseButton.LeftButton or rect.isNull() or not rect.contains(
                pos.toPoint()):
            return
        x = min(1.0, max(0.0, (pos.x() - rect.x()) / rect.width()))
        y = min(1.0, max(0.0, (pos.y() - rect.y()) / rect.height()))
        self.focal = QPointF(x, y)
        self.update()
        self.focal_point_chosen.emit(round(x, 4), round(y, 4))


class StillPreview(QDialog):
    """One still large, its caption and credit below; clicking the picture sets the focal point."""

    def __init__(self, strip: StillStrip, still_id: int) -> None:
        super().__init__(strip)
        self.strip = strip
        self.still_id = still_id
        self.image = FocalImage(self)
        self.image.focal_point_chosen.connect(self._choose_focal_point)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = QLabel("Click the picture to set its focal point, the part any crop keeps.")
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(1000, 720)
        strip.undo.changed.connect(self._on_changed)
        self.reload()

    @property
    def still(self) -> StillRecord:
        return self._still

    def reload(self) -> None:
        self._still = still = self.strip.catalog.stills.get(self.still_id)
        archive = self.strip.catalog.archive
        for width in (*reversed(WEB_WIDTHS), THUMBNAIL):  # the largest already made
            if not is_sha256(still.sha256):
                break  # a bad record: it names no image of the archive
            path = derivative_file(archive, still.sha256, width, "jpeg")
            if path.is_file():
                self.image.pixmap = QPixmap(str(path))
                break
        self.image.focal = QPointF(still.focal_x, still.focal_y)
        self.image.update()
        owner = self.strip.stills
        position = next((n for n, s in enumerate(owner, start=1) if s.id == still.id), 0)
        self.setWindowTitle(f"Still {position} of {len(owner)}" if position
                            else "Still")
        parts = [f"<b>{_html(still.caption)}</b>" if still.caption else
                 "<i>No caption yet</i>"]
        if still.credit:
            parts.append(_html(still.credit))
        parts.append(f"{still.width} \u00d7 {still.height} \u00b7 focal point "
                     f"{still.focal_x:.0%} across, {still.focal_y:.0%} down")
        self.caption.setText(" \u2014 ".join(parts))

    def _choose_focal_point(self, x: float, y: float) -> None:
        self.strip.set_focal_point(self.still_id, x, y)

    def _on_changed(self, changes: Changes) -> None:
        if self.still_id in changes.touched.stills:
            try:
                self.reload()
            except CuratorError:  # the still was removed: nothing left to preview
                self.close()


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
