"""The detail pane: the selected record as its web-archive page will read."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from PySide6.QtCore import QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from curator import CuratorError
from curator.catalog import Catalog, FilmQuery, NotFound
from curator.catalog.records import FilmRow, StillRecord
from curator.gui.panes import detail_html as html
from curator.gui.style import colours
from curator.model.enums import RecordKind
from curator.stills.derivatives import derivative_path

SCREENED_SHOWN = 200  # an edition's page lists this many films; the list shows them all
EMPTY = "Choose a film in the list to read its page as the web archive will show it."


def document_css() -> str:
    c = colours()
    return f"""
        body {{ color: {c['text']}; }}
        h1 {{ font-size: 19pt; font-weight: 600; margin: 4px 0 6px 0; }}
        h3 {{ font-size: 11pt; font-weight: 600; margin: 18px 0 4px 0; }}
        p {{ margin: 0 0 9px 0; line-height: 135%; }}
        a {{ color: {c['accent']}; text-decoration: none; }}
        .line {{ color: {c['text']}; font-weight: 500; }}
        .muted {{ color: {c['muted']}; }}
        .state {{ color: {c['muted']}; font-style: italic; }}
        .empty {{ color: {c['muted']}; font-size: 11pt; }}
        blockquote {{ margin: 6px 18px 12px 18px; font-style: italic; }}
        table.facts {{ margin-top: 8px; }}
        td {{ padding: 1px 14px 1px 0; }}
        td.key {{ color: {c['muted']}; }}
    """


class DetailPane(QTextBrowser):
    record_opened = Signal(str, int)  # a link in the page was followed

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalog = catalog
        self.setObjectName("detail")
        self.setOpenLinks(False)
        self.document().setDefaultStyleSheet(document_css())
        self.document().setDocumentMargin(14)
        self.anchorClicked.connect(self._follow)
        self.kind: str | None = None
        self.record_id: int | None = None
        self.clear_record()

    def show_record(self, kind: RecordKind, record_id: int) -> None:
        self.kind, self.record_id = kind, record_id
        self.reload()

    def clear_record(self, text: str = EMPTY) -> None:
        self.kind, self.record_id = None, None
        self.setHtml(f'<p class="empty">{escape(text)}</p>')

    def reload(self) -> None:
        if self.kind is None or self.record_id is None:
            return
        try:
            page = self._render(self.kind, self.record_id)
        except NotFound:
            self.clear_record()
            return
        scroll = self.verticalScrollBar().value()
        self.setHtml(page)
        self.verticalScrollBar().setValue(scroll)

    def _render(self, kind: str, record_id: int) -> str:
        if kind == RecordKind.FILM:
            film = self.catalog.films.get(record_id)
            return html.film_html(film, self.catalog.films.see_also(record_id),
                                  self._still_url(film.primary_still),
                                  self.catalog.sources.published_line(record_id))
        if kind == RecordKind.PERSON:
            return html.person_html(self.catalog.people.get(record_id))
        if kind == RecordKind.EDITION:
            films, total = self._screened(FilmQuery(edition_id=record_id))
            return html.edition_html(self.catalog.editions.get(record_id), films=films,
                                     total=total)
        if kind == RecordKind.FESTIVAL:
            return html.festival_html(self.catalog.festivals.get(record_id))
        if kind == RecordKind.LIST:
            return html.list_html(self.catalog.lists.get(record_id))
        if kind == RecordKind.SECTION:
            for f in self.catalog.festivals.all():
                for e in f.editions:
                    if any(s.id == record_id for s in e.sections):
                        films, total = self._screened(FilmQuery(section_id=record_id))
                        return html.section_html(e, record_id, films=films, total=total)
            raise NotFound(f"There is no section with id {record_id}.")
        raise ValueError(f"unknown kind of record {kind!r}")

    def _screened(self, query: FilmQuery) -> tuple[list[FilmRow], int]:
        """The first films an edition or section screened, by title, and how many in all."""
        found = self.catalog.search.films(replace(query, order="title"), limit=SCREENED_SHOWN)
        return self.catalog.films.rows(found.ids), found.total

    def _still_url(self, still: StillRecord | None) -> str:
        """The primary still at reading size (made once, then cached), or "" if it cannot be."""
        if still is None:
            return ""
        try:
            path = derivative_path(self.catalog.archive, still.sha256, 480, "jpeg")
        except (CuratorError, OSError):
            return ""  # a missing original: `curator stills check` reports it
        return QUrl.fromLocalFile(str(path)).toString()

    def _follow(self, url: QUrl) -> None:
        if url.scheme() == "curator" and url.path().strip("/").isdigit():
            self.record_opened.emit(url.host(), int(url.path().strip("/")))
