"""The showings of one appearance: the days (times, venues) a film was shown at an edition,
edited in a small dialog the appearance's "Showings…" button opens."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.catalog.errors import ValidationError
from curator.catalog.film_edit import showing_time
from curator.catalog.records import ShowingData
from curator.gui.forms.rows import empty_state, remove_button
from curator.gui.lifetime import retire


def showings_label(showings: tuple[ShowingData, ...]) -> str:
    """What the appearance's button says: how many showings it has."""
    n = len(showings)
    return "Showings\u2026" if n == 0 else f"{n} showing{'s' if n > 1 else ''}\u2026"


class ShowingsDialog(QDialog):
    """Add, change and remove the showings of an appearance; OK saves them as one edit."""

    def __init__(self, title: str, showings: tuple[ShowingData, ...], first_day: date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("showings_dialog")
        self.setWindowTitle(f"Showings \u2014 {title}")
        self.first_day = first_day or date.today()
        self._rows: list[tuple[QDateEdit, QLineEdit, QLineEdit, QWidget]] = []
        layout = QVBoxLayout(self)
        intro = QLabel("The days the film was shown here, with the time and venue when the "
                       "programme gives them.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.empty = empty_state("No showings yet \u2014 add the first one below.")
        layout.addWidget(self.empty)
        self.grid = QGridLayout()
        self.grid.setColumnStretch(2, 1)
        for column, heading in enumerate(("Date", "Time", "Venue")):
            label = QLabel(heading)
            label.setObjectName(f"showings.heading.{column}")
            self.grid.addWidget(label, 0, column)
        layout.addLayout(self.grid)
        self.add = QPushButton("Add Showing")
        self.add.setObjectName("showings.add")
        self.add.clicked.connect(lambda: self.add_row(None))
        adder = QHBoxLayout()
        adder.addWidget(self.add)
        adder.addStretch(1)
        layout.addLayout(adder)
        self.problem = QLabel()
        self.problem.setObjectName("showings.problem")
        self.problem.setStyleSheet("color: palette(highlight);")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for s in showings:
            self.add_row(s)
        self._show_headings()
        self.setMinimumWidth(520)

    def add_row(self, showing: ShowingData | None) -> None:
        if showing is None:  # the day after the last one: a festival runs day by day
            last = self._rows[-1][0].date().toPython() if self._rows else None
            showing = ShowingData(last + timedelta(days=1) if last else self.first_day)
        n = len(self._rows)
        day = QDateEdit(QDate(showing.day))
        day.setObjectName(f"showings.{n}.day")
        day.setCalendarPopup(True)
        day.setDisplayFormat("ddd d MMM yyyy")
        time = QLineEdit(showing.time)
        time.setObjectName(f"showings.{n}.time")
        time.setPlaceholderText("19:30")
        time.setMaximumWidth(70)
        venue = QLineEdit(showing.venue)
        venue.setObjectName(f"showings.{n}.venue")
        venue.setPlaceholderText("Venue")
        remove = remove_button("Remove this showing")
        remove.setObjectName(f"showings.{n}.remove")
        row = (day, time, venue, remove)
        remove.clicked.connect(lambda _c=False, r=row: self._remove(r))
        for column, widget in enumerate(row):
            self.grid.addWidget(widget, n + 1, column)
        self._rows.append(row)
        self._show_headings()
        if self.isVisible():
            day.setFocus()

    def _remove(self, row: tuple) -> None:
        self._rows.remove(row)
        for widget in row:
            self.grid.removeWidget(widget)
            retire(widget)
        # the rows below move up, keeping the order the programme lists them in
        for n, widgets in enumerate(self._rows):
            for column, widget in enumerate(widgets):
                self.grid.addWidget(widget, n + 1, column)
        self._show_headings()

    def _show_headings(self) -> None:
        self.empty.setVisible(not self._rows)
        for column in range(3):
            self.grid.itemAtPosition(0, column).widget().setVisible(bool(self._rows))

    def showings(self) -> tuple[ShowingData, ...]:
        """The showings as typed (times in their one spelling); ValidationError names the
        first time that is not one."""
        return tuple(ShowingData(day.date().toPython(), showing_time(time.text()),
                                 venue.text().strip())
                     for day, time, venue, _remove in self._rows)

    def accept(self) -> None:
        try:
            self.showings()
        except ValidationError as e:
            self.problem.setText(str(e))
            self.problem.show()
            return
        super().accept()
