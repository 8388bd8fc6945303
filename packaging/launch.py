"""The desktop bundle's entry point: the `curator` command, the main window by default.

Started with no arguments (a double-click, the menu entry) it opens the main window
on the last archive used, else the demo archive; with arguments it is the `curator`
command line. With CURATOR_SMOKE_TEST=1 it checks the bundle instead: it builds the
demo archive in a temporary folder from the data inside the bundle, searches it,
draws the application icon and looks for the image formats stills need, prints what
it found and exits 0, or prints the problem and exits 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path


def run_cli(argv: list[str]) -> int:
    from curator.cli import main

    return main(argv)  # no arguments: the main window on the last archive or the demo


def smoke_test() -> int:
    """Exercise the parts of the bundle that a broken build would lose."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()

    import curator
    from curator.catalog import Catalog, FilmQuery
    from curator.interchange.demo import build_demo

    print(f"Curator {curator.__version__}, resources in {curator.resources_dir()}")
    with tempfile.TemporaryDirectory(prefix="curator-smoke-") as tmp:
        catalog = Catalog.create(Path(tmp) / "Demo.curator")
        try:
            build_demo(catalog)
            counts = catalog.counts()
            schema = catalog.schema_revision()
            found = catalog.search.films(FilmQuery(text="miserables"), limit=5).total
        finally:
            catalog.close()
    print(f"Demo archive (schema {schema}): " +
          ", ".join(f"{count:,} {name}" for name, count in counts.items() if count))
    print(f"Search for 'miserables': {found} films")
    if counts.get("films", 0) < 9000 or found == 0:
        print("The demo archive is incomplete.", file=sys.stderr)
        return 1

    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QImageReader, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    formats = sorted(bytes(f).decode() for f in QImageReader.supportedImageFormats())
    print(f"Qt platform {app.platformName()}, image formats: {' '.join(formats)}")
    missing = {"jpeg", "png", "svg", "webp"} - set(formats)
    renderer = QSvgRenderer(str(curator.resources_dir() / "app" / "curator.svg"))
    icon = QImage(64, 64, QImage.Format.Format_ARGB32_Premultiplied)
    icon.fill(0)
    painter = QPainter(icon)
    renderer.render(painter, QRectF(0, 0, 64, 64))
    painter.end()
    if missing or not renderer.isValid() or icon.pixelColor(32, 32).alpha() == 0:
        print(f"Qt is incomplete: missing image formats {sorted(missing)} "
              f"or the icon did not draw.", file=sys.stderr)
        return 1
    print(f"Smoke test passed in {time.perf_counter() - started:.1f} s")
    return 0


def main() -> int:
    if os.environ.get("CURATOR_SMOKE_TEST") == "1":
        return smoke_test()
    return run_cli(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
