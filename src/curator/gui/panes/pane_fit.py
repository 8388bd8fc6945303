"""How the desk's three panes share the window's width until the user drags a divider.

The sidebar keeps the width its names need, the list gets room for its columns whole
(its title column at a comfortable width), and the form takes the rest between its
readable minimum and its usual width: on a 1,280 px laptop the form gives way, on a
wide screen the form lays its labels beside its fields and the list's columns share
what is left. A divider the user drags is theirs: from then on the panes keep the
sizes they chose (remembered across restarts) until View › Fit Panes to Window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QSplitter, QStyle, QWidget

from curator.gui.forms.base import FORM_MIN_WIDTH
from curator.gui.models.sidebar import ListTable
from curator.gui.panes.list_pane import ListPane

SIDEBAR_WIDTH = 215  # at least; wider when its names need it
FORM_WIDTH = 480  # the form's width when the window has room for it
FORM_SHARE = 0.3  # on a wide screen, the form's share of the window (its labels beside)


class PaneFit(QObject):
    """Fits the main splitter's panes a moment after the window, or a pane, changes size;
    keeps the sizes of a splitter whose divider the user dragged."""

    def __init__(self, splitter: QSplitter, sidebar: QWidget, list_pane: ListPane,
                 form: QWidget) -> None:
        super().__init__(splitter)
        self.splitter = splitter
        self.sidebar = sidebar
        self.list_pane = list_pane
        self.form = form
        self.splitters: list[QSplitter] = []
        # the sizes the user dragged each splitter's dividers to, by the splitter's name
        self.chosen: dict[str, list[int]] = {}
        self._restoring: set[str] = set()  # chosen in an earlier run, not applied yet
        # while one of these says so, another part shares the width (the scan docked
        # beside the form makes room for the form its own way)
        self.yield_to: list[Callable[[], bool]] = []
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self.fit)
        self.watch(splitter)
        # the sidebar widens once its names are read; a pane shown or hidden from the
        # View menu leaves its room to the others
        for pane in (sidebar, form):
            pane.installEventFilter(self)

    def watch(self, splitter: QSplitter) -> None:
        """Keep the sizes the user drags a splitter's dividers to."""
        self.splitters.append(splitter)
        splitter.splitterMoved.connect(lambda *_: self._dragged(splitter))
        splitter.installEventFilter(self)

    def _dragged(self, splitter: QSplitter) -> None:
        self.chosen[splitter.objectName()] = splitter.sizes()
        self._restoring.discard(splitter.objectName())

    def restore(self, name: str, sizes: list[int]) -> None:
        """Sizes chosen in an earlier run: applied once the window has its size (scaled,
        if the window is not as wide as it was)."""
        self.chosen[name] = sizes
        self._restoring.add(name)

    def forget(self) -> None:
        """Back to the fitted sizes: the dividers the user dragged are theirs no more."""
        self.chosen.clear()
        self._restoring.clear()
        for splitter in self.splitters:
            if splitter is not self.splitter:  # the others share by their stretch factors
                total = sum(splitter.sizes())
                splitter.setSizes([total * 3 // 5, total - total * 3 // 5])
        self.fit()

    def sizes_to_keep(self) -> dict[str, list[int]]:
        """The dragged splitters' sizes as they are now (the window may have been resized
        since the drag): what the next run restores."""
        return {s.objectName(): self.chosen[s.objectName()] if s.objectName()
                in self._restoring else s.sizes()
                for s in self.splitters if s.objectName() in self.chosen}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide):
            self.timer.start()
        return False

    def list_width(self) -> int:
        """The list pane's width that shows the film columns whole, the title comfortably."""
        table = self.list_pane.films_view
        bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, table)
        return self.list_pane.fit.columns_width(ListTable.FILMS) + 2 * table.frameWidth() + bar

    def fit(self) -> None:
        for splitter in self.splitters:
            if not splitter.isVisible():
                continue
            if splitter.objectName() in self.chosen:
                self._keep_chosen(splitter)
            elif splitter is self.splitter and not any(held() for held in self.yield_to):
                self._share_width()

    def _keep_chosen(self, splitter: QSplitter) -> None:
        name, sizes = splitter.objectName(), splitter.sizes()
        kept = self.chosen[name]
        if len(kept) != len(sizes) or [n == 0 for n in kept] != [n == 0 for n in sizes]:
            return  # a pane shown or hidden since: the splitter shares the room itself
        total = sum(sizes)
        if name in self._restoring:
            self._restoring.discard(name)
            if sum(kept) != total and sum(kept):
                kept = [n * total // sum(kept) for n in kept]
                kept[-1] += total - sum(kept)
                self.chosen[name] = kept
        # (a pane's minimum may have grown since, the sidebar's once its names are read)
        if sum(kept) == total and kept != sizes:
            self._set_sizes(splitter, kept)

    def _share_width(self) -> None:
        splitter = self.splitter
        shown = [not splitter.widget(n).isHidden() for n in range(splitter.count())]
        total = splitter.width() - splitter.handleWidth() * (sum(shown) - 1)
        side = max(SIDEBAR_WIDTH, self.sidebar.minimumWidth(),
                   self.sidebar.minimumSizeHint().width()) if shown[0] else 0
        form = 0
        if shown[2]:
            wanted = max(FORM_WIDTH, round(total * FORM_SHARE))
            form = max(FORM_MIN_WIDTH, min(wanted, total - side - self.list_width()))
            # a window narrower still: the list keeps its own minimum, the form scrolls
            listed = max(self.list_pane.minimumSizeHint().width(),
                         self.list_pane.minimumWidth())
            form = max(self.form.minimumSizeHint().width(),
                       min(form, total - side - listed))
        sizes = [side, total - side - form, form]
        if sizes != splitter.sizes():
            self._set_sizes(splitter, sizes)

    def _set_sizes(self, splitter: QSplitter, sizes: list[int]) -> None:
        splitter.setSizes(sizes)
        # the list's columns follow at once: the window paints no frame whose columns
        # were fitted to the list's width before (a sideways scroll bar, a moment long)
        self.list_pane.fit.fit_columns()
