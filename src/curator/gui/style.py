"""The desk's look: Fusion with a restrained palette that follows the system's light or dark
mode, the stylesheet from resources/gui, and line icons from resources/icons."""

from __future__ import annotations

import os
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication

from curator import resources_dir

# Two quiet palettes: warm greys and one accent, the same hue in light and dark.
LIGHT = {
    "window": "#f4f4f2", "base": "#ffffff", "alternate": "#f7f7f5", "text": "#1f2328",
    "muted": "#6a6f76", "border": "#d9d9d5", "accent": "#2f6db5", "accent_text": "#ffffff",
    "sidebar": "#ecebe8", "tooltip": "#fffbe6", "field_border": "#c4c4bf",
    "problem": "#b3261e",
}  # fmt: skip
DARK = {
    "window": "#26272a", "base": "#1d1e20", "alternate": "#232427", "text": "#e6e6e3",
    "muted": "#9a9ea4", "border": "#3a3b3f", "accent": "#4a8ad6", "accent_text": "#ffffff",
    "sidebar": "#2b2c30", "tooltip": "#35363a", "field_border": "#56585e",
    "problem": "#f2948a",
}  # fmt: skip


# "dark" or "light" forces that look whatever the system says (screenshots, a preference).
SCHEME_VARIABLE = "CURATOR_COLOR_SCHEME"


def is_dark() -> bool:
    forced = os.environ.get(SCHEME_VARIABLE, "").strip().lower()
    if forced in ("dark", "light"):
        return forced == "dark"
    hints = QGuiApplication.styleHints()
    return hints is not None and hints.colorScheme() == Qt.ColorScheme.Dark


def colours() -> dict[str, str]:
    return DARK if is_dark() else LIGHT


def palette(c: dict[str, str]) -> QPalette:
    p = QPalette()
    role = QPalette.ColorRole
    for r, key in (
        (role.Window, "window"), (role.WindowText, "text"), (role.Base, "base"),
        (role.AlternateBase, "alternate"), (role.Text, "text"), (role.Button, "window"),
        (role.ButtonText, "text"), (role.Highlight, "accent"),
        (role.HighlightedText, "accent_text"), (role.ToolTipBase, "tooltip"),
        (role.ToolTipText, "text"), (role.PlaceholderText, "muted"), (role.Link, "accent"),
        (role.Mid, "border"),
    ):  # fmt: skip
        p.setColor(r, QColor(c[key]))
    muted = QColor(c["muted"])
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, r, muted)
    return p


def stylesheet(c: dict[str, str]) -> str:
    text = (resources_dir() / "gui" / "curator.qss").read_text(encoding="utf-8")
    # longest names first, so @accent_text is not read as @accent + "_text"
    for key in sorted(c, key=len, reverse=True):
        text = text.replace(f"@{key}", c[key])
    return text


def apply_style(app: QApplication) -> None:
    """Fusion, the palette of the current light/dark mode, and the stylesheet."""
    app.setStyle("Fusion")
    c = colours()
    app.setPalette(palette(c))
    app.setStyleSheet(stylesheet(c))
    icon.cache_clear()


@cache
def icon(name: str) -> QIcon:
    """A line icon from resources/icons, drawn in the palette's text colour."""
    source = (resources_dir() / "icons" / f"{name}.svg").read_text(encoding="utf-8")
    result = QIcon()
    for mode, key in ((QIcon.Mode.Normal, "text"), (QIcon.Mode.Disabled, "muted"),
                      (QIcon.Mode.Selected, "accent_text")):
        svg = source.replace("currentColor", colours()[key])
        renderer = QSvgRenderer(QByteArray(svg.encode()))
        for size in (16, 24, 32, 48):
            pixmap = QPixmap(QSize(size, size))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter, QRectF(0, 0, size, size))
            painter.end()
            result.addPixmap(pixmap, mode)
    return result
