"""The place in a film's (or person's) form where the stills editor goes.

The form does not build the stills editor itself: the window installs one
(`FormPane.install_stills`), and the slot then calls its `show_film(id)` or
`show_person(id)` whenever the form loads a record. Until then the slot shows a
plain summary of the stills the record has.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from curator.catalog.records import StillRecord
from curator.gui.forms.rows import empty_state
from curator.model.enums import RecordKind


class StillsSlot(QWidget):
    def __init__(self, owner: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner = owner  # "film" or "person": which show_* the editor gets
        self.setObjectName("stills_slot")
        self.slot_layout = QVBoxLayout(self)
        self.slot_layout.setContentsMargins(0, 0, 0, 0)
        self.summary = empty_state("")
        self.slot_layout.addWidget(self.summary)
        self.editor: QWidget | None = None
        self._record_id: int | None = None

    def install(self, editor: QWidget) -> None:
        """Put the stills editor here; it takes over from the summary."""
        self.summary.hide()
        self.slot_layout.addWidget(editor)
        self.editor = editor
        if self._record_id is not None:
            self._show_in_editor(self._record_id)

    def show_stills(self, record_id: int, stills: tuple[StillRecord, ...]) -> None:
        self._record_id = record_id
        if self.editor is not None:
            self._show_in_editor(record_id)
            return
        noun = "still" if self.owner == RecordKind.FILM else "portrait"
        if not stills:
            self.summary.setText(f"No {noun}s yet.")
            return
        primary = next((s for s in stills if s.is_primary), stills[0])
        caption = f" The first is \u201c{primary.caption}\u201d." if primary.caption else ""
        count = len(stills)
        self.summary.setText(f"{count} {noun}{'s' if count != 1 else ''}.{caption}")

    def _show_in_editor(self, record_id: int) -> None:
        show = getattr(self.editor, f"show_{self.owner}", None)
        if show is not None:
            show(record_id)
