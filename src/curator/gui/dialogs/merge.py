"""Merging two records of one film or one person, side by side: the archivist chooses
which record's id stays and, field by field, which value (a radio per row; rows that
differ are marked); what both have (credits, screenings, stills...) is all kept."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from curator.catalog.film_merge import KEEP, OTHER, MergeRow

SHOWN = 160  # characters of a long value (a synopsis) shown in its row; all in its tooltip


@dataclass(frozen=True)
class MergeSide:
    """One of the two records: its id, its name as a column heading, and a line on it."""

    id: int
    heading: str
    detail: str


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SHOWN else flat[:SHOWN].rsplit(" ", 1)[0] + " \u2026"


class MergeDialog(QDialog):
    """Two records in columns; `keep_id`, `other_id` and `choices()` once accepted."""

    def __init__(self, title: str, what: str, first: MergeSide, second: MergeSide,
                 rows: list[MergeRow], kept: list[tuple[str, str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(title)
        self.sides = (first, second)
        self.rows = rows
        intro = QLabel(
            f"Choose which {what}\u2019s record stays, and for each field which value it "
            f"keeps; fields that differ are marked. Everything both have \u2014 the list "
            f"below \u2014 is kept, once. The other {what}\u2019s id will lead to the one "
            "that stays. You can undo the merge.", wordWrap=True, objectName="mergeIntro")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(12)
        layout.addWidget(intro)

        grid_widget = QWidget(objectName="mergeGrid")
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(0)
        grid.setVerticalSpacing(0)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.setColumnMinimumWidth(0, 130)
        self.survivor = QButtonGroup(self)
        for column, side in enumerate(self.sides, start=1):
            head = QFrame(objectName="mergeHead")
            box = QVBoxLayout(head)
            box.setContentsMargins(10, 8, 10, 8)
            keep = QRadioButton(f"Keep \u201c{side.heading}\u201d", objectName="keepRecord")
            keep.setToolTip(f"This record stays (id {side.id}); the other is merged into it")
            keep.setStyleSheet("font-weight: 600;")
            keep.setChecked(column == 1)
            self.survivor.addButton(keep, column - 1)
            box.addWidget(keep)
            box.addWidget(QLabel(side.detail, objectName="mergeDetail"))
            grid.addWidget(head, 0, column)
        self.choice: dict[str, QButtonGroup] = {}
        line = 1
        for row in rows:
            if not row.differs and not row.keep.strip():
                continue  # empty in both: nothing to choose or to see
            name = QLabel(row.label, objectName="mergeField")
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._cell(name, row.differs), line, 0)
            if not row.differs:  # the same in both: said once, nothing to choose
                same = QLabel(_short(row.keep), objectName="mergeSame")
                same.setToolTip(f"The same in both: {row.keep}")
                grid.addWidget(self._cell(same, False), line, 1, 1, 2)
                line += 1
                continue
            group = QButtonGroup(self)
            for n, value in enumerate((row.keep, row.other)):
                button = QRadioButton(_short(value) if value.strip() else "(empty)")
                button.setObjectName(f"{row.field}-{n}")
                button.setToolTip(value if value.strip() else "Nothing entered")
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                group.addButton(button, n)
                button.setChecked(n == (0 if row.default == KEEP else 1))
                grid.addWidget(self._cell(button, True), line, n + 1)
            self.choice[row.field] = group
            line += 1
        heading = QLabel("Kept from both", objectName="mergeSection")
        grid.addWidget(heading, line, 0, 1, 3)
        line += 1
        for label, mine, theirs in kept:
            for column, text in enumerate((label, mine, theirs)):
                cell = QLabel(text, objectName="mergeField" if column == 0 else "mergeKept")
                if column == 0:
                    cell.setAlignment(Qt.AlignmentFlag.AlignRight)
                grid.addWidget(self._cell(cell, False), line, column)
            line += 1
        grid.setRowStretch(line, 1)
        scroll = QScrollArea(widgetResizable=True, objectName="mergeScroll")
        scroll.setWidget(grid_widget)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        layout.addWidget(scroll, 1)
        self.summary = QLabel(objectName="mergeSummary")
        layout.addWidget(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = buttons.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.survivor.idToggled.connect(lambda *_: self._summarise())
        self._summarise()
        self.setStyleSheet(
            "#mergeHead { border-bottom: 1px solid palette(mid); }"
            "QFrame[differs=\"true\"] { background: rgba(230, 170, 40, 0.16); }"
            "#mergeCell { border-bottom: 1px solid rgba(128, 128, 128, 0.18); }"
            "#mergeField { color: palette(placeholder-text); padding-right: 6px; }"
            "#mergeSame, #mergeKept { color: palette(placeholder-text); }"
            "#mergeSection { font-weight: 600; padding: 14px 10px 4px 10px; }")
        # as tall as the rows need (a person's few fields), up to a screenful (a film's)
        scroll.setMinimumHeight(min(grid_widget.sizeHint().height() + 4, 560))
        self.resize(900, self.sizeHint().height())

    @staticmethod
    def _cell(widget: QWidget, differs: bool) -> QFrame:
        cell = QFrame(objectName="mergeCell")
        cell.setProperty("differs", differs)
        box = QHBoxLayout(cell)
        box.setContentsMargins(10, 6, 10, 6)
        box.addWidget(widget)
        return cell

    def _summarise(self) -> None:
        keep, other = self.keep_id, self.other_id
        differing = sum(r.differs for r in self.rows)
        self.summary.setText(
            f"Id {keep} stays; id {other} will lead to it. {differing} field"
            f"{'s differ' if differing != 1 else ' differs'}.")

    @property
    def keep_id(self) -> int:
        return self.sides[self.survivor.checkedId()].id

    @property
    def other_id(self) -> int:
        return self.sides[1 - self.survivor.checkedId()].id

    def choose(self, field: str, side: int) -> None:
        """Take `field`'s value from the first (0) or second (1) column."""
        self.choice[field].button(side).setChecked(True)

    def choices(self) -> dict[str, str]:
        """For each field that differs, whether the surviving record keeps its own value
        or takes the other's (what the catalog's merge is given)."""
        kept_side = self.survivor.checkedId()
        return {field: KEEP if group.checkedId() == kept_side else OTHER
                for field, group in self.choice.items()}
