"""A source's page on the screen: rendered off the GUI thread and kept, then shown with
zoom, pan and fit-to-width, and a box drawn on it with the mouse.

`PageRenderer` renders on a thread of its own, the page asked for first and the next
ones ahead; `PageView` shows one page and says which box (in fractions of the page)
the archivist drew.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QImage, QPen, QPixmap, QWheelEvent
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsView,
    QWidget,
)

from curator.catalog.sources import Region, SourceRecord

# pixels: sharp at fit-to-width in a dock and at some zoom, and quick to render (a scanned
# page's image is decoded whole whatever the width; the raster is what this saves)
RENDER_WIDTH = 1000
CACHED_PAGES = 12


def to_qimage(image: Any) -> QImage:
    """A Pillow image as a QImage that owns its pixels (made on the worker thread)."""
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    data = image.tobytes()
    fmt = QImage.Format.Format_Grayscale8 if image.mode == "L" else QImage.Format.Format_RGB888
    bytes_per_line = image.width * (1 if image.mode == "L" else 3)
    return QImage(data, image.width, image.height, bytes_per_line, fmt).copy()


class PageRenderer(QObject):
    """Renders pages on worker threads, keeps the last few, and makes the next ahead.

    The page asked for is rendered first; pages made ahead for a page no longer shown
    are dropped, so a jump to a far page never waits behind them."""

    rendered = Signal(object, object)  # (source id, page number), QImage
    failed = Signal(str)

    def __init__(self, archive: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self._cache: OrderedDict[tuple[int, int], QImage] = OrderedDict()
        self._queue: list[tuple[tuple[int, int], Any]] = []  # first: rendered next
        self._busy: set[tuple[int, int]] = set()
        self._wake = threading.Condition()
        self._stopped = False
        # two workers: one for the page asked for, one for the pages made ahead, at a lower
        # priority: a far page starts at once and has the processor first, never queued
        # behind a page made ahead (PDFium draws one page at a time, but a scan's JPEG
        # decodes beside it)
        self._wanted: tuple[int, int] | None = None
        self._threads = [threading.Thread(target=self._work, args=(ahead,),
                                          name=f"scan-pages-{'ahead' if ahead else 'shown'}",
                                          daemon=True) for ahead in (False, True)]
        for thread in self._threads:
            thread.start()

    def cached(self, key: tuple[int, int]) -> QImage | None:
        image = self._cache.get(key)
        if image is not None:
            self._cache.move_to_end(key)
        return image

    def want(self, source: SourceRecord, numbers: list[int]) -> None:
        """Render these pages, the first first, unless cached; nothing else is waited for."""
        jobs = []
        for number in numbers:
            key = (source.id, number)
            if 1 <= number <= len(source.pages) and key not in self._cache \
                    and key not in self._busy:
                jobs.append((key, source.page(number)))
        with self._wake:
            self._queue = jobs
            self._wanted = (source.id, numbers[0]) if numbers else None
            self._wake.notify_all()

    def _next_job(self, ahead: bool) -> tuple[tuple[int, int], Any] | None:
        """The next job for this worker: the page asked for, or (`ahead`) the others."""
        for index, (key, _page) in enumerate(self._queue):
            if (key == self._wanted) != ahead:
                return self._queue.pop(index)
        return None

    def _work(self, ahead: bool) -> None:  # a worker thread
        from curator.sources import render_page

        if ahead and sys.platform.startswith("linux"):
            try:  # on Linux a thread is a task of its own, with its own niceness
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
            except OSError:
                pass
        while True:
            with self._wake:
                while not self._stopped and (job := self._next_job(ahead)) is None:
                    self._wake.wait()
                if self._stopped:
                    return
                key, page = job
                self._busy.add(key)
            try:
                image = to_qimage(render_page(self.archive, page, width=RENDER_WIDTH))
            except Exception as exc:  # noqa: BLE001 - a damaged file is told, not raised
                self._emit(self.failed, f"Page {key[1]} cannot be shown: {exc}")
            else:
                self._emit(self.rendered, key, image)
            finally:
                with self._wake:
                    self._busy.discard(key)

    @staticmethod
    def _emit(signal: Any, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            pass  # the pane has gone: nobody is waiting for the page

    def keep(self, key: tuple[int, int], image: QImage) -> None:
        """On the GUI thread: the rendered page goes into the cache."""
        self._cache[key] = image
        while len(self._cache) > CACHED_PAGES:
            self._cache.popitem(last=False)

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._queue = []
            self._wake.notify_all()


class PageView(QGraphicsView):
    """A page with zoom (Ctrl+wheel, buttons), pan (scroll bars, middle button) and
    fit-to-width; a rectangle dragged with the left button is a box to read."""

    box_drawn = Signal(object)  # Region: x, y, w, h as fractions of the page

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanView")
        self.setScene(QGraphicsScene(self))
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene().addItem(self.item)
        self.band = QGraphicsRectItem()
        self.band.setPen(QPen(QColor("#1565c0"), 0))
        self.band.setBrush(QBrush(QColor(21, 101, 192, 40)))
        self.band.setZValue(1)
        self.band.hide()
        self.scene().addItem(self.band)
        self.region = QGraphicsRectItem()  # a citation's region, shown on opening it
        self.region.setPen(QPen(QColor("#e65100"), 0, Qt.PenStyle.DashLine))
        self.region.setZValue(1)
        self.region.hide()
        self.scene().addItem(self.region)
        # the cursor stays in the form: the page never takes the keyboard focus
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.viewport().setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setBackgroundBrush(QColor("#5f6368"))
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.fit_width = True
        self._press: QPointF | None = None
        self._pan: QPointF | None = None

    def show_image(self, image: QImage) -> None:
        self.item.setPixmap(QPixmap.fromImage(image))
        self.scene().setSceneRect(QRectF(self.item.pixmap().rect()))
        self.band.hide()
        if self.fit_width:
            self.fit_to_width()

    def has_page(self) -> bool:
        return not self.item.pixmap().isNull()

    def fit_to_width(self) -> None:
        self.fit_width = True
        width = self.item.pixmap().width()
        if width:
            scale = (self.viewport().width() - 2) / width
            self.resetTransform()
            self.scale(scale, scale)

    def zoom(self, factor: float) -> None:
        self.fit_width = False
        current = self.transform().m11()
        factor = max(0.1, min(8.0, current * factor)) / current
        self.scale(factor, factor)

    def zoom_level(self) -> float:
        return self.transform().m11()

    def show_region(self, region: Region | None) -> None:
        if region is None or not self.has_page():
            self.region.hide()
            return
        rect = self._from_fractions(region)
        self.region.setRect(rect)
        self.region.show()
        self.centerOn(rect.center())

    def _fractions(self, rect: QRectF) -> Region:
        size = self.item.pixmap().size()
        rect = rect.intersected(QRectF(0, 0, size.width(), size.height()))
        return (rect.x() / size.width(), rect.y() / size.height(),
                rect.width() / size.width(), rect.height() / size.height())

    def _from_fractions(self, region: Region) -> QRectF:
        size = self.item.pixmap().size()
        x, y, w, h = region
        return QRectF(x * size.width(), y * size.height(), w * size.width(),
                      h * size.height())

    def draw_box(self, start: QPointF, end: QPointF) -> Region | None:
        """Draw a box between two points of the page (scene coordinates) and announce it."""
        rect = QRectF(start, end).normalized()
        self.band.setRect(rect)
        self.band.show()
        if rect.width() < 8 or rect.height() < 8 or not self.has_page():
            self.band.hide()
            return None
        region = self._fractions(rect)
        self.box_drawn.emit(region)
        return region

    # -- Qt overrides ---------------------------------------------------------------------
    def resizeEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.fit_width:
            self.fit_to_width()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.has_page():
            self._press = self.mapToScene(event.position().toPoint())
            self.band.setRect(QRectF(self._press, self._press))
            self.band.show()
            event.accept()
            return
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan = event.position()
            self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._press is not None:
            self.band.setRect(QRectF(self._press,
                                     self.mapToScene(event.position().toPoint())).normalized())
            return
        if self._pan is not None:
            delta = event.position() - self._pan
            self._pan = event.position()
            self.horizontalScrollBar().setValue(self.horizontalScrollBar().value()
                                                - round(delta.x()))
            self.verticalScrollBar().setValue(self.verticalScrollBar().value()
                                              - round(delta.y()))
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        if self._press is not None and event.button() == Qt.MouseButton.LeftButton:
            start, self._press = self._press, None
            self.draw_box(start, self.mapToScene(event.position().toPoint()))
            return
        if self._pan is not None and event.button() == Qt.MouseButton.MiddleButton:
            self._pan = None
            self.viewport().unsetCursor()
            return
        super().mouseReleaseEvent(event)
