"""Renders the application icon from its SVG to every size the platforms ask for.

resources/app/curator.svg is the one drawing; this writes resources/app/curator-N.png
(16 to 512 pixels, for Linux icon themes and the window icon) with Qt's SVG renderer,
and from those PNGs packaging/icons/curator.ico (Windows) and curator.icns (macOS)
for the desktop bundle. Run it after changing the SVG:

    .venv/bin/python scripts/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "app" / "curator.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int) -> Path:
    return SVG.with_name(f"curator-{size}.png")


def render_pngs() -> list[Path]:
    """One PNG per size, drawn from the SVG at that size (not scaled from a big one)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not an SVG drawing Qt can render.")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(0)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        path = png_path(size)
        if not image.convertToFormat(QImage.Format.Format_ARGB32).save(str(path), "PNG"):
            raise SystemExit(f"Could not write {path}.")
        written.append(path)
    return written


def write_platform_icons() -> list[Path]:
    """Windows .ico and macOS .icns, each holding the PNGs drawn above."""
    from PIL import Image

    out = ROOT / "packaging" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    images = {size: Image.open(png_path(size)).convert("RGBA") for size in SIZES}
    ico = out / "curator.ico"
    ico_sizes = [s for s in SIZES if s <= 256]
    images[256].save(ico, format="ICO", sizes=[(s, s) for s in ico_sizes],
                     append_images=[images[s] for s in ico_sizes if s != 256])
    icns = out / "curator.icns"
    images[512].save(icns, format="ICNS",
                     append_images=[images[s] for s in (16, 32, 64, 128, 256)])
    return [ico, icns]


def main() -> int:
    for path in render_pngs() + write_platform_icons():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
