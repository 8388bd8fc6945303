"""Help > About: what Curator is, its version, and the archive that is open."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from curator import __version__
from curator.gui.style import icon


class AboutDialog(QDialog):
    def __init__(self, archive: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About Curator")
        logo = QLabel()
        logo.setPixmap(icon("curator").pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.text = QLabel(
            f"<h2>Curator {escape(__version__)}</h2>"
            "<p>A desktop catalogue for film-festival archives: films, people, festivals "
            "and retrospective lists, published as a static web archive.</p>"
            f"<p style='color:gray'>Archive: {escape(str(archive))}</p>"
            "<p>Licensed under the GNU General Public License, version 3 or later.</p>")
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setMinimumWidth(380)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.setSpacing(18)
        row.addWidget(logo)
        row.addWidget(self.text, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 20, 20, 14)
        layout.addLayout(row)
        layout.addWidget(buttons)
