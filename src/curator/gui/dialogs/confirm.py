"""Confirmations: asked only when an action removes more than the record itself."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def impact_sentence(impact: dict[str, int]) -> str:
    """`1 screening and 2 stills`: what else goes, in words (empty when nothing)."""
    singular = {"stills": "still", "screenings": "screening", "list entries": "list entry",
                "awards": "award", "credits": "credit", "sections": "section"}
    parts = [f"{n:,} {singular.get(name, name) if n == 1 else name}"
             for name, n in impact.items() if n]
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else ""


def deletion_box(parent: QWidget, what: str, impact: dict[str, int]) -> QMessageBox:
    """The question before deleting `what` ("“Assa”" or "3 films") with what else goes."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Delete")
    box.setText(f"Delete {what}?")
    box.setInformativeText(f"This also removes {impact_sentence(impact)}. "
                           "You can undo it from the Edit menu.")
    delete = box.addButton("Delete", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(delete)
    return box


def confirm_deletion(parent: QWidget, what: str, impact: dict[str, int]) -> bool:
    box = deletion_box(parent, what, impact)
    box.exec()
    return box.buttonRole(box.clickedButton()) == QMessageBox.ButtonRole.DestructiveRole
