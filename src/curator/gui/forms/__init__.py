"""The form pane: editors for every kind of record (films, people, festivals, lists).

`FormPane.show_record(kind, id)` shows the record's form; every committed edit is
saved at once as one undoable step. The pane follows the undo stack: when an
operation touches the record on show, the form reloads and keeps the focus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import Changes
from curator.gui.forms.base import RecordForm, focus_chain
from curator.gui.forms.collection import CollectionForm
from curator.gui.forms.festival import EditionForm, FestivalForm, SectionForm
from curator.gui.forms.film import FilmForm
from curator.gui.forms.person import PersonForm
from curator.gui.undo import CatalogUndo
from curator.model.enums import RecordKind

__all__ = ["FormPane"]

FORMS: dict[RecordKind, type[RecordForm]] = {form.kind: form for form in (
    FilmForm, PersonForm, FestivalForm, EditionForm, SectionForm, CollectionForm)}


class Banner(QFrame):
    """A message across the top of the pane (a record changed elsewhere, say)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setStyleSheet("#banner { background: #fff4ce; border: 1px solid #e0c060;"
                           " border-radius: 4px; } #banner QLabel { color: #4a3b00; }")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.label, 1)
        close = QToolButton()
        close.setText("\u00d7")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.show()


# what the server lets only a publisher change (store/roles.py)
PUBLISHED_BY_ROLE = (RecordKind.FILM, RecordKind.LIST)


class FormPane(QWidget):
    """Shows the editor for one record at a time; every committed edit is saved at once."""

    record_opened = Signal(str, int)  # kind ("film", "person", ...), id: follow a link
    source_requested = Signal(int, int, object)  # a citation's source, page and region
    escaped = Signal()  # Escape in a field with nothing to revert: back to the list

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo = undo
        self.forms: dict[str, RecordForm] = {}
        self._stills_editors: dict[str, QWidget] = {}  # for forms not built yet
        self.kind: str | None = None
        # why this user cannot change what is published, if so (a team's cataloguer)
        self.publishing_refused = ""
        # the scan pane's source, page and box when it shows one (set by the scan pane)
        self.scan_page: Callable[[], Any] = lambda: None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.banner = Banner()
        banner_row = QHBoxLayout()
        banner_row.setContentsMargins(12, 8, 12, 0)
        banner_row.addWidget(self.banner)
        layout.addLayout(banner_row)
        self.stack = QStackedWidget()
        layout.addWidget(self.stack)
        self.empty = QLabel("Choose a film, a person, a festival or a list to edit it here.")
        self.empty.setObjectName("empty_state")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(placeholder-text); padding: 24px;")
        self.stack.addWidget(self.empty)
        undo.changed.connect(self._changed)
        # "changed by anna, just now" becomes "2 minutes ago" as the minutes pass
        self._ageing = QTimer(self, interval=30_000)
        self._ageing.timeout.connect(self._tell_last_changes)
        self._ageing.start()

    def _tell_last_changes(self) -> None:
        form = self.current
        if form is not None and form.record_id is not None:
            form.tell_last_change()

    def form(self, kind: str) -> RecordForm:
        """The form for a kind of record, built the first time it is needed."""
        if kind not in self.forms:
            if kind not in FORMS:
                raise ValueError(f"There is no form for {kind!r} records.")
            form = FORMS[kind](self.undo)
            if kind in self._stills_editors:
                form.stills.install(self._stills_editors.pop(kind))
            form.record_opened.connect(self.record_opened)
            form.scan_page = lambda: self.scan_page()
            if hasattr(form, "source_line"):
                form.source_line.source_requested.connect(self.source_requested)
            if hasattr(form.fields.get("quotes"), "source_requested"):
                form.fields["quotes"].source_requested.connect(self.source_requested)
            form.notice.connect(self.banner.show_message)
            if self.publishing_refused and kind in PUBLISHED_BY_ROLE and "state" in form.fields:
                form.fields["state"].setEnabled(False)
                form.fields["state"].setToolTip(self.publishing_refused)
            self.forms[kind] = form
            self.stack.addWidget(form)
        return self.forms[kind]

    def install_stills(self, film_stills: QWidget, portraits: QWidget | None = None) -> None:
        """Put stills editors in the film form's Stills group and the person form's Portraits.

        Each editor gets `show_film(id)` / `show_person(id)` whenever its form loads a record.
        A form not built yet receives its editor when it is (forms are built on first use).
        """
        for kind, editor in ((RecordKind.FILM, film_stills), (RecordKind.PERSON, portraits)):
            if editor is None:
                continue
            if kind in self.forms:
                self.forms[kind].stills.install(editor)
            else:
                self._stills_editors[kind] = editor

    def focus_field(self, name: str) -> None:
        """Put the cursor in a field of the record on show (the title of a new film, say)."""
        form = self.current
        if form is not None and name in form.fields:
            field = form.fields[name]
            form.scroll.ensureWidgetVisible(field)
            field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            if isinstance(field.editor, QLineEdit):
                field.editor.selectAll()  # typing replaces a placeholder such as "Untitled film"

    def focus_first_field(self) -> bool:
        """Put the cursor in the first field of the record on show (Enter or F2 in the list)."""
        form = self.current
        if form is None:
            return False
        chain = [w for w in focus_chain(form.body) if w.isEnabled()]
        if not chain:
            return False
        form.scroll.ensureWidgetVisible(chain[0])
        chain[0].setFocus(Qt.FocusReason.ShortcutFocusReason)
        if isinstance(chain[0], QLineEdit):
            chain[0].selectAll()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # A field that had something to revert took Escape already (fields.Field).
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.escaped.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    @property
    def current(self) -> RecordForm | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, RecordForm) else None

    def show_record(self, kind: RecordKind, record_id: int | None) -> None:
        """Edit this record (kind: film, person, festival, edition, section, list)."""
        current = self.current
        if current is not None and kind == self.kind and record_id == current.record_id:
            # The record on show again (a list reloading after a save): read it again,
            # keeping the scroll position, the focus and any message.
            if not current.reload():
                self.clear(f"The {kind} you were editing was deleted. Undo brings it back.")
            return
        self.banner.hide()
        if current is not None:
            current.commit_pending()
        if record_id is None:
            self.clear()
            return
        form = self.form(kind)
        if form.open(record_id):
            self.kind = kind
            self.stack.setCurrentWidget(form)
        else:
            self.clear(f"That {kind if kind != 'list' else 'list'} no longer exists.")

    def clear(self, message: str = "") -> None:
        if self.current is not None and self.current.record_id is not None:
            self.current.commit_pending()
        self.kind = None
        for form in self.forms.values():
            form.record_id = None
            form.record = None
        self.empty.setText(message or "Choose a film, a person, a festival or a list to "
                           "edit it here.")
        self.stack.setCurrentWidget(self.empty)

    def _changed(self, changes: Changes) -> None:
        form = self.current
        if form is not None and not form.on_changes(changes):
            self.clear(f"The {self.kind} you were editing was deleted. "
                       "Undo brings it back.")
