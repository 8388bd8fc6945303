"""A list written out from the desk: its CSV and its programme notes as a PDF."""

from __future__ import annotations

import csv
import subprocess
import unicodedata

from curator.catalog import Catalog


def demo_list(catalog: Catalog) -> int:
    return next(c.id for c in catalog.lists.all() if c.title == "Perestroika on film")


def finished(window, qtbot, path) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: path.exists() and not window.tasks.running, timeout=20_000)


def test_export_list_as_csv(window, demo_catalog, qtbot, tmp_path) -> None:  # noqa: ANN001
    window.open_record("list", demo_list(demo_catalog))
    target = tmp_path / "Perestroika on film.csv"
    asked = []
    window.lists.commands.ask_path = lambda caption, name, filter_: (
        asked.append((caption, name)) or target)
    window.action_map["export-list-csv"].trigger()
    finished(window, qtbot, target)
    assert asked == [("Export List as CSV", "Perestroika on film.csv")]
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Title"] for r in rows] == [
        "From Russia with Rock", "Black Square", "Defence Councel Sedov"]
    assert rows[0]["Note"].startswith("Open with the noise")
    qtbot.waitUntil(lambda: "Wrote 3 films" in window.statusBar().currentMessage())


def test_programme_notes_pdf_has_a_section_per_film_with_stills(
        window, demo_catalog, qtbot, tmp_path) -> None:  # noqa: ANN001
    list_id = demo_list(demo_catalog)
    window.sidebar.select_view("lists::")
    window.list_pane.select_record("list", list_id)
    menu = window.list_pane.row_menu()
    action = next(a for a in menu.actions() if a.text() == "Export Programme Notes as PDF\u2026")
    target = tmp_path / "notes.pdf"
    window.lists.commands.ask_path = lambda *_: target
    action.trigger()
    finished(window, qtbot, target)
    text = unicodedata.normalize("NFKC", subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
        check=True).stdout)
    sections = [line.strip() for line in text.splitlines() if line.strip()[:2] in ("1.", "2.",
                                                                                  "3.")]
    assert sections == ["1. From Russia with Rock", "2. Black Square",
                        "3. Defence Councel Sedov"]
    assert "A knock at the door in 1937" in text
    images = subprocess.run(["pdfimages", "-list", str(target)], capture_output=True,
                            text=True, check=True).stdout
    stills = sum(1 for f in demo_catalog.films.get_many(
        [i.film_id for i in demo_catalog.lists.get(list_id).items]) if f.primary_still)
    assert stills and len(images.splitlines()) - 2 >= stills  # each still is in the PDF


def test_print_programme_notes_on_the_chosen_printer(window, demo_catalog, qtbot,
                                                     tmp_path) -> None:  # noqa: ANN001
    from PySide6.QtPrintSupport import QPrinter

    window.open_record("list", demo_list(demo_catalog))
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as the print dialog returns it
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    window.lists.commands.print_programme_notes(printer=printer)
    qtbot.waitUntil(lambda: "sent to print" in window.statusBar().currentMessage(),
                    timeout=20_000)
    text = subprocess.run(["pdftotext", str(printed), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "2. Black Square" in text and "Open with the noise" in text
