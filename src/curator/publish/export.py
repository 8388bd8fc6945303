"""Exporting the archive (or a selection of it) as the festival's static web archive."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path

from curator.catalog import Cancelled, Catalog
from curator.catalog.export_stamps import catalogue_stamps
from curator.publish import data_files, export_state, quick, render_worker, resume, retouch
from curator.publish.addresses import address_pages
from curator.publish.media import StillFiles, archive_derivatives
from curator.publish.pages import PageMaker
from curator.publish.quick import ExportSession, ExportState, MediaUse
from curator.publish.record_pages import RecordPages
from curator.publish.render import Renderer
from curator.publish.render_worker import RenderWorker
from curator.publish.search_index import SearchIndex
from curator.publish.selection import ALL, Selection
from curator.publish.site import credited_people, load_site
from curator.publish.site_files import write_site_files
from curator.publish.site_pages import site_pages
from curator.publish.writer import ExportError, SiteWriter

Progress = Callable[[int, int, str], bool]
# From this many pages a second process renders some of them (see render_worker).
PARALLEL_FROM = 2000
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
    # what the user must hear of: stills left out for a bad record, a manifest not trusted,
    # a folder beside the site left alone
    warnings: list[str] = field(default_factory=list)
    quick: bool = False  # started from the last export's state (see curator.publish.quick)
    full_because: str = ""  # why it took the full way, if it did
    quick_because: str = ""  # what the quick way had to write again, if it took it
    # whether the site's manifest was read from its file, not known from the last export
    # in the same session (see writer.ManifestMark)
    manifest_read: bool = True

    @property
    def summary(self) -> str:
        return (f"{self.written} pages written, {self.unchanged} unchanged, "
                f"{self.removed} removed")


def export_site(catalog: Catalog, outdir: Path, selection: Selection = ALL, *,
                still_files: StillFiles | None = None, progress: Progress | None = None,
                session: ExportSession | None = None) -> ExportResult:
    """Write the published records in `selection` as a static site in `outdir`.

    Every file counts as a page in the summary (HTML pages, index shards, images).
    `progress(done, total, message)` returning False cancels: `Cancelled` is raised
    and the previous site is left as it was.

    A re-export into the same folder in the same `session` starts from what the last
    one left (see `curator.publish.quick`): when only a few films changed, it reads,
    lays out and writes only what shows them. Without a session, it takes the full way.
    """
    started = time.perf_counter()
    archive = Path(os.path.realpath(catalog.archive.folder))
    site = Path(os.path.realpath(outdir))
    if site == archive or archive in site.parents or site in archive.parents:
        raise ExportError(f"{outdir} is {'inside' if archive in site.parents else 'around'} "
                          f"the archive {archive.name}; the site needs a folder of its own, "
                          "outside the archive.")
    report = progress or (lambda _done, _total, _message: True)

    def step(done: int, total: int, message: str) -> None:
        if not report(done, total, message):
            raise Cancelled(CANCELLED)

    step(0, 0, "Reading the catalogue")
    # (the entry points pause the cyclic collector around long work: curator.collector)
    return _export(catalog, outdir, selection, still_files, step, started,
                   session or ExportSession())


def _export(catalog: Catalog, outdir: Path, selection: Selection,
            still_files: StillFiles | None, step: Callable[[int, int, str], None],
            started: float, session: ExportSession) -> ExportResult:
    key = quick.state_key(catalog, outdir, selection)
    last, why = session.take(key, still_files)
    # a new process (or a session that holds nothing) starts from what the last export
    # saved beside its manifest, when the stills come from the archive's own store
    saves = selection.kind == "all" and still_files is None
    saved = remembered = None
    mark = last.manifest if last is not None else None
    kept = export_state.state_file(catalog.archive.cache_dir, outdir)
    if last is None and saves:
        # the state the last export in this session saved, while its manifest is in place:
        # neither file is read again
        remembered = session.take_saved(key)
        if remembered is not None:
            saved, mark = remembered
        else:
            saved, why = export_state.load(kept, Path(key[1]), key)
    with SiteWriter(outdir, selection=selection.spec,
                    proven=saved.manifest if saved is not None else "",
                    mark=mark) as writer:
        done = touched = None
        if remembered is not None and writer.manifest_read:  # replaced since it was looked at
            saved, why = None, "the site's manifest changed as the export began"
        if last is not None:
            done, why = quick.quick_export(catalog, last, writer, step)
        elif saved is not None:
            touched, why = retouch.retouch_export(catalog, saved, writer, step)
            if touched is None:
                done, resumed = resume.resume_export(catalog, saved, writer, step)
                # say why the short way could not serve, beside what the resumed way did
                why = f"{resumed}; the whole catalogue was read: {why}" if done else resumed
        state = None if touched else (
            done or _full_export(catalog, selection, still_files, writer, step))
        step(1, 1, "Putting the new site in place")
        summary = writer.commit()
    if touched is not None:  # only a few films were read: the session keeps what it saved
        export_state.save(kept, writer.outdir, key, touched, writer.digest)
        touched.manifest = writer.digest
        session.keep_saved(key, touched, writer.mark)
        return ExportResult(outdir=writer.outdir, written=summary.written,
                            unchanged=summary.unchanged, removed=summary.removed,
                            pages=touched.pages,
                            films=len(touched.films), seconds=time.perf_counter() - started,
                            warnings=[*writer.warnings, *touched.warnings.values()],
                            quick=True, quick_because=why,
                            manifest_read=writer.manifest_read)
    assert state is not None
    state.key, state.still_files = key, still_files
    state.files, state.manifest = writer.files, writer.mark
    if saves:
        state.saved = resume.saved_state(state)
        export_state.save(kept, writer.outdir, key, state.saved, writer.digest)
    else:
        state.saved = None
        export_state.forget(kept)
    state.since = None  # the next save starts from this one
    # entries of films are quick to make again; digests and teasers are kept
    state.maker.per_film.forget("entry", "see_also_entry")
    session.keep(state)
    return ExportResult(outdir=writer.outdir, written=summary.written,
                        unchanged=summary.unchanged, removed=summary.removed,
                        pages=len(state.page_paths), films=len(state.site.films),
                        seconds=time.perf_counter() - started, skipped=state.site.skipped,
                        warnings=[*writer.warnings, *state.site.warnings.values()],
                        quick=done is not None, full_because="" if done else why,
                        quick_because=why if done else "",
                        manifest_read=writer.manifest_read)


def _full_export(catalog: Catalog, selection: Selection, still_files: StillFiles | None,
                 writer: SiteWriter, step: Callable[[int, int, str], None]) -> ExportState:
    stamps = catalogue_stamps(catalog)  # before reading: a change meanwhile shows next time
    site = load_site(catalog, selection)
    maker = PageMaker(site, still_files or archive_derivatives(catalog.archive))
    records = RecordPages(maker)
    step(0, 0, f"Laying out {len(site.films):,} films")
    pages = site_pages(maker, records)
    paths = [p.path for p in pages]  # the pages the sitemap lists; the addresses follow
    pages += address_pages(maker)
    renderer = Renderer()
    total = len(pages) + len(maker.media) + 1
    helper = None
    if len(pages) >= PARALLEL_FROM and render_worker.usable():
        try:
            helper = RenderWorker(renderer.resources, writer.new_files, writer.outdir)
        except OSError:
            helper = None  # no second process to be had: one renders all
    with helper or nullcontext():
        sources: dict[str, str] = {}
        for n, page in enumerate(pages):
            planned = renderer.to_write(writer, page)
            if planned is not None:
                built, source = planned
                if helper is not None and helper.ready():
                    sources[page.file] = source
                    helper.add(page.file, built, writer.old_digest(page.file))
                else:
                    writer.put(page.file, renderer.render(built), source)
            if n % 100 == 0:
                step(n, total, f"Writing pages ({n:,} of {len(pages):,})")
        if helper is not None:
            # the files besides (each film's JSON, the search index's shards) are shared
            # with it too, while this process makes the next ones
            def hand_over(file: str, data: bytes, old_digest: str) -> bool:
                taken = helper.offer(file, data, old_digest)
                if taken:
                    sources[file] = ""  # made from its content, as `put` records it
                return taken

            writer.hand_over = hand_over
        try:
            for n, (path, (sha256, image)) in enumerate(sorted(maker.media.items())):
                writer.put_file(path, image.source, f"{sha256}:{image.source.name}")
                if n % 20 == 0:
                    step(len(pages) + n, total,
                         f"Copying stills ({n:,} of {len(maker.media):,})")
            step(total - 1, total, "Writing the search index and data download")
            search = SearchIndex(site, maker.links)
            for path, data in search.files():
                writer.put(path, data)
            film_json = {i: data_files.film_json(f, site, maker.links)
                         for i, f in site.films.items()}
            layouts = write_site_files(writer, site, maker, renderer, film_json, paths)
        finally:
            writer.hand_over = None
        if helper is not None:
            for file, digest, written in helper.finish():
                writer.record(file, digest, sources[file] or digest, written)
    return ExportState(layouts=layouts,
        stamps=stamps, site=site, renderer=renderer, maker=maker,
        neighbours={i: tuple(f.id for f in records.see_also(film))
                    for i, film in site.films.items()},
        search=search, film_json=film_json, media=MediaUse.of_site(maker),
        page_paths=paths, chrome=maker.chrome,
        credited=credited_people(site.films.values()))
