"""Programme notes: a retrospective list laid out for print and PDF with Qt's own printing.

Title, curator and introduction, then one section per film: its still, the
`Country, Year` and credits line, and the programmer's note.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from curator.catalog import Catalog
from curator.catalog.records import FilmRecord, StillRecord
from curator.catalog.wording import country_year, people_line

ImageFor = Callable[[StillRecord], Path | None]

STYLE = """
body { font-family: 'DejaVu Serif', serif; font-size: 10.5pt; color: #1c1c1c; }
h1 { font-size: 24pt; font-weight: normal; margin-bottom: 2pt; }
p.curator { color: #555; font-size: 10pt; margin-top: 0; }
p.intro { font-size: 11.5pt; line-height: 140%; }
h2 { font-size: 15pt; font-weight: normal; margin-top: 22pt; margin-bottom: 2pt; }
p.meta { font-family: 'DejaVu Sans', sans-serif; font-size: 8.5pt; color: #555;
         margin-top: 0; }
p.note { font-style: italic; line-height: 135%; }
p.credit { font-family: 'DejaVu Sans', sans-serif; font-size: 7pt; color: #777; }
"""


def _meta_line(film: FilmRecord) -> str:
    place = country_year(film.countries, film.year)
    parts = [place] if place else []
    if film.directors:
        parts.append(people_line("director", list(film.directors)))
    if film.runtime:
        parts.append(f"{film.runtime} min")
    if film.format:
        parts.append(film.format)
    return " \u00b7 ".join(parts)


def programme_html(catalog: Catalog, collection_id: int, image_for: ImageFor | None = None
                   ) -> str:
    collection = catalog.lists.get(collection_id)
    films = {f.id: f for f in catalog.films.get_many([i.film_id for i in collection.items])}
    e = html.escape
    out = [f"<html><head><style>{STYLE}</style></head><body>", f"<h1>{e(collection.title)}</h1>"]
    if collection.curator:
        out.append(f'<p class="curator">Programmed by {e(collection.curator)}</p>')
    for para in (p for p in collection.introduction.split("\n\n") if p.strip()):
        out.append(f'<p class="intro">{e(para.strip())}</p>')
    for n, item in enumerate(collection.items, start=1):
        film = films[item.film_id]
        out.append(f"<h2>{n}. {e(film.title)}</h2>")
        if meta := _meta_line(film):
            out.append(f'<p class="meta">{e(meta)}</p>')
        still = film.primary_still
        image = image_for(still) if (still and image_for) else None
        if image is not None:
            url = QUrl.fromLocalFile(str(image)).toString()
            alt = e(still.alt_text or film.title)
            out.append(f'<p><img src="{e(url)}" width="420" alt="{alt}"></p>')
            if still.credit:
                out.append(f'<p class="credit">{e(still.credit)}</p>')
        if item.note:
            out.append(f'<p class="note">{e(item.note)}</p>')
    out.append("</body></html>")
    return "\n".join(out)


def write_programme_notes(catalog: Catalog, collection_id: int, path: str | os.PathLike[str],
                          image_for: ImageFor | None = None) -> Path:
    """Write the list's programme notes as an A4 PDF at path; returns the path."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.part")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(catalog.lists.get(collection_id).title)
    writer.setCreator("Curator")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 20), QPageLayout.Unit.Millimeter))
    writer.setResolution(300)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # measure type at the PDF's resolution
    document.setHtml(programme_html(catalog, collection_id, image_for))
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer  # closes the file
    if not tmp.is_file() or tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        raise OSError(f"Could not write the PDF to {target}")
    os.replace(tmp, target)
    return target
