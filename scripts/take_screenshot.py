"""Takes the screenshot that the AppStream metainfo shows: the main window on the demo.

    .venv/bin/python scripts/take_screenshot.py [OUTPUT.png]

Builds the demo archive in a temporary folder, opens it in the main window at
1440x900 (the size the metainfo states) with *From Russia with Rock* open, and saves
docs/screenshots/main-window.png. Runs offscreen, with a throwaway settings folder,
so it neither needs a display nor touches the user's recent archives. Re-run it
whenever the main window changes.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "screenshots" / "main-window.png"
SIZE = (1440, 900)


def main(argv: list[str]) -> int:
    output = Path(argv[0]) if argv else OUTPUT
    tmp = Path(tempfile.mkdtemp(prefix="curator-screenshot-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # QSettings on Linux
    os.environ["HOME"] = str(tmp)

    from curator.catalog import Catalog, FilmQuery
    from curator.interchange.demo import build_demo

    archive = tmp / "Demo.curator"
    catalog = Catalog.create(archive)
    build_demo(catalog)
    found = catalog.search.films(FilmQuery(text="From Russia with Rock"), limit=20).ids
    film_id = next(r.id for r in catalog.films.rows(found) if r.title == "From Russia with Rock")
    catalog.close()

    try:
        from curator.gui.app import application, open_archive_window
    except ImportError as exc:
        print(f"The main window is not part of this checkout ({exc}).", file=sys.stderr)
        return 1
    from PySide6.QtCore import QEventLoop, QTimer

    app = application([sys.argv[0]])
    window = open_archive_window(archive)
    if window is None:
        return 1
    window.resize(*SIZE)
    window.open_record("film", film_id)

    # let the panes load and lay out before grabbing
    loop = QEventLoop()
    QTimer.singleShot(1500, loop.quit)
    loop.exec()
    output.parent.mkdir(parents=True, exist_ok=True)
    image = window.grab().toImage()
    if not image.save(str(output), "PNG"):
        print(f"Could not write {output}.", file=sys.stderr)
        return 1
    print(f"Saved {output} ({image.width()}x{image.height()})")
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
