"""Exporting the archive (or a selection of it) as the festival's static web archive."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from curator.catalog import Cancelled, Catalog
from curator.publish.browse_pages import (
    country_pages,
    home_page,
    not_found_page,
    search_page,
    year_pages,
)
from curator.publish.data_files import catalogue_json, robots_txt, sitemap_xml
from curator.publish.media import StillFiles, archive_derivatives
from curator.publish.pages import PageMaker
from curator.publish.record_pages import RecordPages, directors_pages
from curator.publish.render import Renderer
from curator.publish.search_index import search_files
from curator.publish.selection import ALL, Selection
from curator.publish.site import load_site
from curator.publish.writer import SiteWriter

Progress = Callable[[int, int, str], bool]
CANCELLED = "The export was cancelled; the previous site is unchanged."


@dataclass
class ExportResult:
    outdir: Path
    written: int
    unchanged: int
    removed: int
    pages: int  # HTML pages in the site
    films: int
    seconds: float
    skipped: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return (f"{self.written} pages written, {self.unchanged} unchanged, "
                f"{self.removed} removed")


def export_site(catalog: Catalog, outdir: Path, selection: Selection = ALL, *,
                still_files: StillFiles | None = None, progress: Progress | None = None
                ) -> ExportResult:
    """Write the published records in `selection` as a static site in `outdir`.

    Every file counts as a page in the summary (HTML pages, index shards, images).
    `progress(done, total, message)` returning False cancels: `Cancelled` is raised
    and the previous site is left as it was.
    """
    started = time.perf_counter()
    report = progress or (lambda _done, _total, _message: True)

    def step(done: int, total: int, message: str) -> None:
        if not report(done, total, message):
            raise Cancelled(CANCELLED)

    step(0, 0, "Reading the catalogue")
    site = load_site(catalog, selection)
    maker = PageMaker(site, still_files or archive_derivatives(catalog.archive))
    records = RecordPages(maker)
    step(0, 0, f"Laying out {len(site.films):,} films")
    pages = [home_page(maker), *records.all(), *directors_pages(maker), *year_pages(maker),
             *country_pages(maker), search_page(maker), not_found_page(maker)]
    renderer = Renderer()
    total = len(pages) + len(maker.media) + 1
    with SiteWriter(outdir, selection=selection.spec) as writer:
        for n, page in enumerate(pages):
            if page.key is not None:  # laid out only if what it shows changed
                source = f"{renderer.design}:{page.key}"
                if not writer.keep(page.file, source):
                    writer.put(page.file, renderer.render(page.built()), source)
            else:
                fingerprint = renderer.fingerprint(page)
                if not writer.keep(page.file, fingerprint):
                    writer.put(page.file, renderer.render(page), fingerprint)
            if n % 100 == 0:
                step(n, total, f"Writing pages ({n:,} of {len(pages):,})")
        for n, (path, (sha256, image)) in enumerate(sorted(maker.media.items())):
            writer.put_file(path, image.source, f"{sha256}:{image.source.name}")
            if n % 20 == 0:
                step(len(pages) + n, total, f"Copying stills ({n:,} of {len(maker.media):,})")
        step(total - 1, total, "Writing the search index and data download")
        for path, data in search_files(site, maker.links):
            writer.put(path, data)
        writer.put("data/catalogue.json", catalogue_json(site, maker.links))
        for path, source in renderer.assets():
            writer.put(path, source.read_bytes())
        writer.put("robots.txt", robots_txt(site))
        if site.base_url:
            writer.put("sitemap.xml", sitemap_xml(site, pages))
        step(total, total, "Putting the new site in place")
        summary = writer.commit()
    return ExportResult(outdir=writer.outdir, written=summary.written,
                        unchanged=summary.unchanged, removed=summary.removed, pages=len(pages),
                        films=len(site.films), seconds=time.perf_counter() - started,
                        skipped=site.skipped)
