"""The film form's rows for the fields the archive adds to its films ("Print source",
"Shelf mark"): one editor per field, of the field's kind, rebuilt when the fields change.

Each row is a field of the form named `field:ID`; the form saves it as the film's
`field_values` with the film's other values kept as they are."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator

from curator.catalog.film_fields import FieldRecord
from curator.gui.forms.base import FormSection
from curator.gui.forms.fields import ChoiceField, Field, LineField

PREFIX = "field:"
YES_NO = [("", "Not recorded"), ("yes", "Yes"), ("no", "No")]


def field_name(field_id: int) -> str:
    return f"{PREFIX}{field_id}"


def field_id_of(name: str) -> int | None:
    """The archive field a form field stands for, or None for a built-in one."""
    if name.startswith(PREFIX) and name[len(PREFIX):].isdigit():
        return int(name[len(PREFIX):])
    return None


class NumberTextField(LineField):
    """A number as the archive keeps it (decimals allowed, kept as text); the catalog
    refuses what does not read as one."""

    def __init__(self, name: str) -> None:
        super().__init__(name, "A number")
        self.line.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[-0-9.,\s]{0,30}"), self.line))
        self.line.setMaximumWidth(160)


def editor_for(record: FieldRecord) -> Field:
    name = field_name(record.id)
    if record.kind == "number":
        return NumberTextField(name)
    if record.kind == "yesno":
        return ChoiceField(name, YES_NO)
    return LineField(name, record.name)


def rebuild(section: FormSection, records: list[FieldRecord], label_width: int
            ) -> dict[str, Field]:
    """Empty `section` and give it a row for each field; the new editors by name."""
    while section.form.rowCount():
        section.form.removeRow(0)
    section.labels.clear()
    editors = {}
    for record in records:
        editor = editor_for(record)
        section.add(record.name, editor)
        editors[editor.name] = editor
    for label in section.labels:
        label.setMinimumWidth(label_width)
    section.setVisible(bool(records))
    return editors


def merged(held: dict[int, str], given: dict[str, Any]) -> list[tuple[int, str]]:
    """The film's values with the ones given by the form (`field:ID` names) put in."""
    values = dict(held)
    for name, value in given.items():
        field_id = field_id_of(name)
        if field_id is not None:
            values[field_id] = "" if value is None else str(value)
    return sorted(values.items())
