"""Merging two people: the archivist chooses whose record stays."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from curator.catalog.people_list import PersonRow


class MergePeopleDialog(QDialog):
    def __init__(self, first: PersonRow, second: PersonRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge People")
        self.people = [first, second]
        intro = QLabel(
            "Keep one record. The other person's credits and awards move to it, and their "
            "name is kept as another spelling. You can undo the merge.")
        intro.setWordWrap(True)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        layout.addWidget(intro)
        # the person with more films is more likely the one to keep
        keep = 0 if first.films >= second.films else 1
        for n, person in enumerate(self.people):
            films = f"{person.films} film{'' if person.films == 1 else 's'}"
            spelled = f"; also {person.variants}" if person.variants else ""
            button = QRadioButton(f"Keep \u201c{person.name}\u201d ({films}{spelled})")
            button.setToolTip(escape(person.name))
            button.setChecked(n == keep)
            self.group.addButton(button, n)
            layout.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        merge = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        merge.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def survivor_and_other(self) -> tuple[int, int]:
        keep = self.group.checkedId()
        return self.people[keep].id, self.people[1 - keep].id
