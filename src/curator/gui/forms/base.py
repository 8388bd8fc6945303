"""What every record form shares: loading, saving each committed edit, problems, refresh.

A form loads a record and remembers its version. Each committed edit becomes
one catalog update carrying that version, pushed as one undoable command. A
ValidationError is shown at the fields it names; a StaleVersion reloads the
record and says why. When any operation (an undo, another pane) touches the
record, the form reloads it and puts the focus back where it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from curator import CuratorError
from curator.catalog import Changes, LastChange, NotFound, StaleVersion, ValidationError, ago
from curator.gui.forms.fields import Field, ProblemLabel
from curator.gui.undo import CatalogUndo
from curator.model.enums import RecordKind

FORM_MAX_WIDTH = 820
# The records whose form says who changed them last, as the history names their kind.
HISTORY_KINDS = {RecordKind.FILM: "film", RecordKind.PERSON: "person",
                 RecordKind.FESTIVAL: "festival", RecordKind.LIST: "list"}
NARROW_WIDTH = 520  # below this, labels sit above their fields
# The narrowest form that shows the film form's widest row (a screening's edition,
# section and premiere) whole, labels above the fields, with its margins and scroll bar:
# on a 1,280 px screen the form gives way to the list down to here. (Not a hard minimum:
# a window tiled on half a screen may squeeze it further, the form then scrolls.)
FORM_MIN_WIDTH = 380


def link(text: str, kind: RecordKind, ident: int) -> str:
    """An in-form link that opens another record (handled by `RecordForm.open_link`)."""
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<a href="{kind}:{ident}">{safe}</a>'


class FormSection(QWidget):
    """A titled group of labelled rows (Identity, Credits, Text...)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"section:{title}")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 6)
        outer.setSpacing(8)
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        heading.setFont(font)
        outer.addWidget(heading)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Plain)
        rule.setStyleSheet("color: palette(midlight);")
        outer.addWidget(rule)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFormAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.form.setHorizontalSpacing(14)
        self.form.setVerticalSpacing(9)
        self.form.setContentsMargins(0, 2, 0, 0)
        outer.addLayout(self.form)
        self.labels: list[QLabel] = []

    def add(self, label: str, widget: QWidget) -> QWidget:
        if not label:  # a line that belongs to the row above (an "add" line, say)
            under = QWidget()
            under.setFixedSize(0, 0)
            self.form.addRow(under, widget)
            return widget
        caption = QLabel(label)
        caption.setBuddy(widget)
        if isinstance(widget, Field):  # screen readers name the input by its label
            widget.editor.setAccessibleName(label)
        # The label sits level with the first line of a tall editor.
        caption.setContentsMargins(0, 4, 0, 0)
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.labels.append(caption)
        self.form.addRow(caption, widget)
        return widget

    def set_narrow(self, narrow: bool) -> None:
        """In a narrow pane each label goes above its field, so fields get the whole width."""
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows if narrow
                                   else QFormLayout.RowWrapPolicy.WrapLongRows)
        side = Qt.AlignmentFlag.AlignLeft if narrow else Qt.AlignmentFlag.AlignRight
        for label in self.labels:
            label.setAlignment(side | Qt.AlignmentFlag.AlignTop)
            # Above its field, a label keeps close to it and apart from the row before.
            label.setContentsMargins(0, 8 if narrow else 4, 0, 0)
        self.form.setVerticalSpacing(2 if narrow else 9)

    def add_wide(self, widget: QWidget) -> QWidget:
        self.form.addRow(widget)
        return widget


def focus_chain(layout: QLayout) -> list[QWidget]:
    """The widgets of a layout that take Tab focus, in reading order."""
    items = []
    if isinstance(layout, QFormLayout):
        for row in range(layout.rowCount()):
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                         QFormLayout.ItemRole.SpanningRole):
                item = layout.itemAt(row, role)
                if item is not None:
                    items.append(item)
    else:
        items = [layout.itemAt(i) for i in range(layout.count())]
    chain: list[QWidget] = []
    for item in items:
        widget, sub = item.widget(), item.layout()
        if widget is not None:
            if widget.isHidden():
                continue
            if widget.layout() is not None:
                chain.extend(focus_chain(widget.layout()))
            elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain.append(widget)
        elif sub is not None:
            chain.extend(focus_chain(sub))
    if type(layout).__module__.startswith("PySide6"):  # not a layout written in Python
        # A layout's itemAt leaves its item's Python wrapper alive as long as the
        # layout; once Qt deletes the item (a row removed), that stale wrapper could be
        # handed back for a new object at the same address (a menu came back as a
        # QWidgetItem). Qt owns these items: only the wrappers are let go.
        for item in items:
            shiboken6.invalidate(item)
    return chain


class RecordForm(QWidget):
    """The editor of one kind of record; subclasses build fields and know the catalog calls."""

    kind: RecordKind
    record_opened = Signal(str, int)
    notice = Signal(str)  # a message for the pane's banner (stale version, conflict)

    def __init__(self, undo: CatalogUndo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.undo = undo
        self.catalog = undo.catalog
        self.fields: dict[str, Field] = {}
        # text read from a scan into a field and not saved yet: the field's name and the
        # citation (keyword arguments of catalog.sources.cite) its save records with it
        self.pending_citation: tuple[str, dict[str, Any]] | None = None
        self.sections: list[FormSection] = []
        self.record: Any = None
        self.record_id: int | None = None
        self.version: int | None = None
        self._narrow = False
        # the scan pane's source, page and box, when it shows one (set by the pane)
        self.scan_page: Callable[[], Any] = lambda: None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll)
        page = QWidget()
        page.setObjectName("form_page")
        page_layout = QHBoxLayout(page)
        page_layout.setContentsMargins(14, 14, 14, 20)
        self.content = QWidget()
        self.content.setMaximumWidth(FORM_MAX_WIDTH)
        page_layout.addStretch(0)
        page_layout.addWidget(self.content, 1)
        page_layout.addStretch(0)
        self.scroll.setWidget(page)
        self.body = QVBoxLayout(self.content)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(10)
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = QLabel()
        self.subheading.setObjectName("subheading")
        self.subheading.setWordWrap(True)
        self.subheading.setStyleSheet("color: palette(placeholder-text);")
        self.subheading.linkActivated.connect(self.open_link)
        # "changed by anna, 2 minutes ago": who changed the record last, from its history
        self.changed_line = QLabel(objectName="changedLine")
        self.changed_line.setStyleSheet("color: palette(placeholder-text);")
        self.changed_line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.changed_line.hide()
        self.last_change: LastChange | None = None
        self.body.addWidget(self.heading)
        self.body.addWidget(self.subheading)
        self.body.addWidget(self.changed_line)
        self.problem = ProblemLabel()  # problems the form cannot pin on one field
        self.body.addWidget(self.problem)

    # -- building ------------------------------------------------------------------------
    def section(self, title: str) -> FormSection:
        section = FormSection(title)
        self.sections.append(section)
        self.body.addWidget(section)
        return section

    def bind(self, field: Field) -> Field:
        self.fields[field.name] = field
        field.committed.connect(self._field_committed)
        return field

    def links_label(self, name: str) -> QLabel:
        """A read-only label whose links open other records."""
        label = QLabel()
        label.setObjectName(name)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                      | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        label.linkActivated.connect(self.open_link)
        return label

    def finish_layout(self) -> None:
        """Give every section's labels the same width so the fields line up down the form."""
        self.body.addStretch(1)
        labels = [label for s in self.sections for label in s.labels]
        width = max((label.sizeHint().width() for label in labels), default=0)
        for label in labels:
            label.setMinimumWidth(width)
        self.fix_tab_order()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        narrow = event.size().width() < NARROW_WIDTH
        if narrow != self._narrow:
            self._narrow = narrow
            for section in self.sections:
                section.set_narrow(narrow)

    def fix_tab_order(self) -> None:
        chain = focus_chain(self.body)
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def open_link(self, href: str) -> None:
        kind, _, ident = href.partition(":")
        if ident.isdigit():
            self.record_opened.emit(kind, int(ident))

    # -- what subclasses provide -----------------------------------------------------------
    def fetch(self, record_id: int) -> Any:
        raise NotImplementedError

    def update(self, record_id: int, version: int | None, **fields: Any) -> Changes:
        raise NotImplementedError

    def load(self, record: Any, force: bool) -> None:
        raise NotImplementedError

    def touched_by(self, changes: Changes) -> bool:
        raise NotImplementedError

    def to_catalog(self, name: str, value: Any) -> Any:
        """Turn an editor's value into what the catalog takes for that field."""
        return value

    # -- loading -------------------------------------------------------------------------
    def commit_pending(self) -> None:
        """Save what the user typed in the field that has the focus, before showing another."""
        for field in self.fields.values():
            if field.has_focus():
                field.commit()

    def open(self, record_id: int) -> bool:
        if record_id != self.record_id:
            self.commit_pending()
            self.pending_citation = None
        self.record_id = record_id
        for field in self.fields.values():
            field.clear_problem()
        self.problem.show_problem("")
        self.scroll.verticalScrollBar().setValue(0)
        return self.reload(force=True)

    def reload(self, force: bool = False) -> bool:
        """Show the record as the archive now has it; False if it no longer exists."""
        if self.record_id is None:
            return False
        try:
            record = self.fetch(self.record_id)
        except NotFound:
            self.record, self.record_id, self.version = None, None, None
            return False
        focused = QApplication.focusWidget()
        name = focused.objectName() if focused and self.isAncestorOf(focused) else ""
        cursor = focused.cursorPosition() if isinstance(focused, QLineEdit) else None
        self.record, self.version = record, record.version
        self.load(record, force)
        self.show_last_change()
        self.fix_tab_order()
        now = QApplication.focusWidget()
        if name and (now is None or now.objectName() != name or not now.isVisible()):
            target = self.findChild(QWidget, name)
            if target is not None and target.isVisible():
                target.setFocus()
                if cursor is not None and isinstance(target, QLineEdit):
                    target.setCursorPosition(min(cursor, len(target.text())))
        return True

    def show_last_change(self) -> None:
        """Say who changed the record last, and how long ago (films, people, festivals, lists)."""
        history_kind = HISTORY_KINDS.get(self.kind)
        if history_kind is None or self.record_id is None:
            self.changed_line.hide()
            return
        self.last_change = self.catalog.history.last_change(history_kind, self.record_id)
        self.tell_last_change()

    def tell_last_change(self) -> None:
        """The line again, as time has passed ("just now" becomes "2 minutes ago")."""
        last = self.last_change
        at = last.at if last else getattr(self.record, "updated_at", None)
        if at is None:
            self.changed_line.hide()
            return
        # a record changed before the archive kept a history says when, not who
        said = last.describe() if last else f"changed {ago(at)}"
        self.changed_line.setText(said[:1].upper() + said[1:])
        self.changed_line.setToolTip(f"{at.replace(tzinfo=UTC).astimezone():%d %B %Y, %H:%M}")
        self.changed_line.show()

    def on_changes(self, changes: Changes) -> bool:
        """Reload if `changes` touched the record; False if the record is gone."""
        if self.record_id is None or not self.touched_by(changes):
            return True
        if not self.reload():
            return False
        overtaken = [name for name, field in self.fields.items()
                     if getattr(field, "overtaken", False)]
        if overtaken:
            what = overtaken[0].replace("_", " ")
            self.notice.emit(f"{changes.label}: the {what} changed while you were typing. "
                             "Enter saves what you typed over it; Escape shows the new value.")
        return True

    # -- saving --------------------------------------------------------------------------
    def _field_committed(self, name: str, value: Any) -> None:
        self.save({name: self.to_catalog(name, value)})

    def save(self, fields: dict[str, Any]) -> bool:
        """Save these fields of the loaded record as one undoable step."""
        if self.record_id is None:
            return False
        record_id, version = self.record_id, self.version
        cited = None
        if self.pending_citation is not None and self.pending_citation[0] in fields:
            cited, self.pending_citation = self.pending_citation[1], None
        if cited is None:
            return self.run(lambda: self.update(record_id, version, **fields), list(fields))
        return self.run(lambda: self._update_citing(record_id, version, fields, cited),
                        list(fields))

    def field_of(self, widget: QWidget) -> str | None:
        """The name of the field whose editor is or holds `widget`, if any."""
        for name, field in self.fields.items():
            if field.editor is widget or field.editor.isAncestorOf(widget):
                return name
        return None

    def _update_citing(self, record_id: int, version: int | None, fields: dict[str, Any],
                       cited: dict[str, Any]) -> Changes:
        """Save text read from a scan with the page it came from, as one undo step: an
        Undo takes back both."""
        edited = self.update(record_id, version, **fields)
        try:
            citing = self.catalog.sources.cite(**cited)
        except CuratorError as exc:  # the source removed meanwhile: the text is kept
            self.notice.emit(f"The text is saved; its source could not be recorded: {exc}")
            return edited
        return edited.followed_by(citing)

    def run(self, operation: Callable[[], Changes], names: list[str],
            target: Field | None = None) -> bool:
        """Run a catalog operation on the undo stack; show what went wrong where it did.

        Problems appear at the fields they name, or all at `target` when one is given.
        """
        try:
            self.undo.run(operation)
        except CuratorError as exc:
            self.report(exc, names, target)
            return False
        for name in names:
            if name in self.fields:
                self.fields[name].clear_problem()
        if target is not None:
            target.clear_problem()
        self.problem.show_problem("")
        return True

    def report(self, exc: CuratorError, names: list[str], target: Field | None = None) -> None:
        """Show why an operation saved nothing."""
        if isinstance(exc, ValidationError):
            if target is not None:
                target.show_problem(" ".join(exc.problems.values()))
            else:
                self.show_problems(exc.problems)
        elif isinstance(exc, StaleVersion):
            self.notice.emit(str(exc))
            self.reload(force=True)
        else:  # a conflict, a busy archive, a record deleted meanwhile
            where = target or self.problem_target(names[0] if names else "")
            where.show_problem(str(exc))

    def problem_target(self, name: str) -> Any:
        """Where a problem with `name` is shown: its field, or the form's own line."""
        return self.fields.get(name, self.problem)

    def show_problems(self, problems: dict[str, str]) -> None:
        for name, message in problems.items():
            self.problem_target(name).show_problem(message)
