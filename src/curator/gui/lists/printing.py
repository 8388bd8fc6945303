"""Printing a list's programme notes on a printer the user chooses.

The page is the PDF's layout (gui/programme_notes.py): its HTML, with the stills'
derivative files, is made on a worker thread; the printing itself is Qt's, on the
GUI thread, after the print dialog.
"""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from curator.gui.programme_notes import programme_html


def print_html(page: str, printer: QPrinter, title: str) -> None:
    """Lay the programme notes out on the printer's pages and print them."""
    printer.setDocName(title)
    printer.setCreator("Curator")
    document = QTextDocument()
    document.documentLayout().setPaintDevice(printer)  # measure type at the printer's resolution
    document.setHtml(page)
    document.print_(printer)


def choose_printer(parent: QWidget, title: str) -> QPrinter | None:
    """The print dialog; None if the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(f"Print Programme Notes \u2013 {title}")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


__all__ = ["choose_printer", "print_html", "programme_html"]
