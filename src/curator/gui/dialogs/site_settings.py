"""Archive › Site Settings…: the exported site's title, address, language, wording,
optional parts and logo, checked by the catalogue's rules as `curator settings` is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from curator.catalog import Catalog
from curator.catalog.settings import (
    NO,
    SITE_SETTINGS,
    YES,
    SiteSetting,
    site_setting_problem,
    switched_on,
)


class SiteSettingsDialog(QDialog):
    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Site Settings")
        self.catalog = catalog
        self.fields: dict[str, QLineEdit | QCheckBox] = {}
        self.before: dict[str, str] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 14)
        intro = QLabel("How the exported web archive presents itself. The next export "
                       "uses these settings.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        for s in SITE_SETTINGS:
            value = catalog.settings.get(s.key)
            self.before[s.key] = value
            form.addRow(s.label if s.kind == "switch" else f"{s.label}:", self._field(s, value))
        layout.addLayout(form)
        self.problem = QLabel("", objectName="fieldProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: palette(highlight);")
        self.problem.hide()
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _field(self, s: SiteSetting, value: str) -> QWidget:
        if s.kind == "switch":
            box = QCheckBox(s.help[0].upper() + s.help[1:])
            box.setChecked(switched_on(value or s.default))
            box.setObjectName(s.key)
            self.fields[s.key] = box
            return box
        edit = QLineEdit(value)
        edit.setObjectName(s.key)
        edit.setPlaceholderText(s.default or s.help)
        edit.setToolTip(s.help)
        self.fields[s.key] = edit
        if s.kind != "image":
            return edit
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(edit)
        choose = QPushButton("Choose\u2026")
        choose.clicked.connect(lambda: self._choose_logo(edit))
        line.addWidget(choose)
        return row

    def _choose_logo(self, edit: QLineEdit) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Logo", edit.text() or str(Path.home()),
                                              "Images (*.png *.svg *.jpg *.jpeg *.webp)")
        if name:
            edit.setText(name)

    def values(self) -> dict[str, str]:
        """The settings as the dialog shows them (a switch left as it was stays unset)."""
        out = {}
        for s in SITE_SETTINGS:
            field = self.fields[s.key]
            if isinstance(field, QCheckBox):
                value = YES if field.isChecked() else NO
                # a switch left as it was keeps its stored spelling (publish_sources' "on")
                was = switched_on(self.before[s.key] or s.default)
                out[s.key] = self.before[s.key] if field.isChecked() == was else value
            else:
                out[s.key] = field.text().strip()
        return out

    def accept(self) -> None:
        values = self.values()
        for s in SITE_SETTINGS:
            problem = site_setting_problem(s, values[s.key])
            if problem:
                self.problem.setText(problem)
                self.problem.show()
                self.fields[s.key].setFocus()
                return
        for key, value in values.items():
            if value != self.before[key]:
                self.catalog.settings.set(key, value)
        super().accept()


def edit_site_settings(catalog: Catalog, parent: QWidget | None = None) -> bool:
    """Show the dialog; True if settings were saved."""
    return SiteSettingsDialog(catalog, parent).exec() == QDialog.DialogCode.Accepted
