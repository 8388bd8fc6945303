"""The New List dialog: a list's title, curator and introduction before it is created."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


@dataclass(frozen=True)
class ListDetails:
    title: str
    curator: str = ""
    introduction: str = ""


class NewListDialog(QDialog):
    def __init__(self, film_count: int, title: str = "", parent: QWidget | None = None,
                 *, heading: str = "New List") -> None:
        super().__init__(parent)
        self.setWindowTitle(heading)
        self.setObjectName("newListDialog")
        self.setMinimumWidth(460)
        self.title = QLineEdit(title)
        self.title.setPlaceholderText("Perestroika on film, 1986\u20131991")
        self.curator = QLineEdit()
        self.curator.setPlaceholderText("The programmer who chooses the films")
        self.introduction = QPlainTextEdit()
        self.introduction.setPlaceholderText("Published above the films; it can wait.")
        self.introduction.setTabChangesFocus(True)
        self.introduction.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
        form = QFormLayout()
        form.addRow("&Title:", self.title)
        form.addRow("&Curator:", self.curator)
        form.addRow("&Introduction:", self.introduction)
        what = ("It starts empty: drag films onto it in the sidebar, or use Add to List."
                if not film_count else
                f"It starts with the {film_count:,} film{'s' if film_count != 1 else ''} "
                "chosen, in the order shown.")
        note = QLabel(what)
        note.setWordWrap(True)
        note.setProperty("class", "fieldLabel")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create List")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.title.textChanged.connect(self._title_changed)
        self._title_changed(title)
        self.title.selectAll()

    def _title_changed(self, text: str) -> None:
        # a list needs a title: the catalog would refuse it, so the button says so first
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(text.strip()))

    def details(self) -> ListDetails:
        return ListDetails(self.title.text().strip(), self.curator.text().strip(),
                           self.introduction.toPlainText().strip())
