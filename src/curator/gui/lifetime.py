"""How the desk makes, replaces and lets go of widgets: the one rule, and the calls that keep it.

The rule: **Qt owns every widget and decides when it is deleted; Python only points at
widgets; and nothing is torn down or reset while Qt is still inside it.**

- A widget gets its Qt parent when it is made or placed (a layout, a stack, a view), so
  neither Python's reference counting nor its garbage collector ever deletes it.
- A widget that is replaced (a form's row or chip, a row's combo, a window's message) goes
  through `retire()`: hidden, taken out of its layout, its signals blocked (a late signal
  must not reach a handler that now means its successor) and handed to `deleteLater`.
  Qt deletes it once control is back in the event loop that retired it, after the event
  under way has finished with it, even when that event opened a loop of its own (a menu,
  a dialog, a drag). Letting Python drop its last reference instead deletes it on the
  spot, wherever Qt is: a row's own Remove button still being clicked, or, if a timer
  drops it, inside a nested loop; and a widget whose own signal's handler refers to it (a
  row's combo) is never let go of at all: Qt holds the handler, the handler holds it.
- What Qt deletes by itself when it is replaced is never replaced: `setCompleter` deletes
  a line edit's old completer at once, even from inside that completer's own handling of
  Return in its popup (the desk died there). A completer, a view's model or its delegate
  is made once with its widget; `set_completions` changes the names it offers.
- An edit made from inside a widget's own event, whose reload resets a model that widget
  is using (Return in a completion popup, an item view committing a note or a drop), is
  carried out just after that event: `after_event(owner, slot)` (or a queued connection).
  Views and completers handle a reset of their model between events, not half-way
  through handling one (the note's editor was left behind, "commitData called with an
  editor that does not belong to this view", and the desk died on the next undo).
- A signal from something that outlives a widget (a task on a worker thread, which may
  end after its window has closed) reaches the widget only through `connect_in(owner,
  signal, slot)`: the connection belongs to `owner` and goes with it, with any call already
  on its way. A lambda connected directly would be called on a widget already deleted.
- A view's model is never reset under an editor open in it: `close_editor(view)` first
  saves what was typed and closes it as the view itself would. A reset drops the view's
  hold on the editor but not its delegate's, which then commits to a view that no
  longer knows it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QStringListModel, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCompleter,
    QLayout,
    QLineEdit,
    QWidget,
)


def retire(widget: QWidget) -> None:
    """Take a replaced widget off the screen and out of its layout; Qt deletes it later."""
    widget.hide()
    for part in (widget, *widget.findChildren(QObject)):
        part.blockSignals(True)
        if isinstance(part, QWidget):
            part.setObjectName("")  # so focus is never restored to it by name
    parent = widget.parentWidget()
    if parent is not None and parent.layout() is not None:
        _take_out(parent.layout(), widget)
    widget.deleteLater()


def _take_out(layout: QLayout, widget: QWidget) -> bool:
    for n in range(layout.count()):
        item = layout.itemAt(n)
        if item is None:
            continue
        if item.widget() is widget:
            layout.removeWidget(widget)
            return True
        inner = item.layout()
        if inner is not None and _take_out(inner, widget):
            return True
    return False


def after_event(owner: QObject, slot: Callable[[], object]) -> None:
    """Run `slot` once the event now being handled is over; not at all if `owner` is gone."""
    QTimer.singleShot(0, owner, slot)


class _Relay(QObject):
    """A connection's receiver owned by a widget: Qt drops the connection, and the calls
    queued to it, when the widget is deleted."""

    def __init__(self, owner: QObject, slot: Callable[..., object]) -> None:
        super().__init__(owner)
        self._slot = slot

    def call(self, *args: object) -> None:
        self._slot(*args)


def connect_in(owner: QObject, signal: SignalInstance, slot: Callable[..., object]) -> None:
    """Connect `signal` to `slot` for as long as `owner` lives (Qt's context object)."""
    signal.connect(_Relay(owner, slot).call)


def set_completions(line: QLineEdit, names: list[str], *,
                    contains: bool = True) -> QCompleter:
    """Offer `names` as completions of `line`: one completer for the line's life, its list
    changed only when the names did."""
    completer = line.completer()
    model = completer.model() if completer is not None else None
    if completer is None or not isinstance(model, QStringListModel):
        completer = QCompleter(line)
        completer.setModel(QStringListModel(list(names), completer))
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        if contains:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
        line.setCompleter(completer)  # the first: nothing of the line's is deleted
        return completer
    if model.stringList() != list(names):
        model.setStringList(list(names))
    return completer


def close_editor(view: QAbstractItemView) -> None:
    """Save and close the editor open in `view`, if any, before its model is reset."""
    if view.state() != QAbstractItemView.State.EditingState:
        return
    editor = view.indexWidget(view.currentIndex())
    if editor is not None:
        view.commitData(editor)
        view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
