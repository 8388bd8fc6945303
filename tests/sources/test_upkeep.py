"""Source files no source refers to: found by `curator check`, removed by `sources gc`, and
never a file some page still uses."""

from __future__ import annotations

import time

from curator.sources import add_source
from curator.sources.upkeep import check_source_files, collect_unreferenced_files
from curator.stills.collection import FRESH
from tests.sources.test_ocr import run
from tests.sources.test_sources import _stored_files


def test_unreferenced_files_are_found_and_removed_but_never_one_in_use(
        catalog, miff, catalogue_pdf, scans):
    kept = add_source(catalog, [catalogue_pdf], edition_id=miff.edition).source_id
    copy = add_source(catalog, [catalogue_pdf], festival_id=miff.festival, title="Copy")
    leaflet = add_source(catalog, scans, edition_id=miff.edition, title="Leaflet").source_id
    leaflet_files = sorted({p.sha256 for p in catalog.sources.get(leaflet).pages})
    deleted = catalog.sources.delete(leaflet)
    catalog.sources.delete(copy.source_id)  # its PDF is also the kept source's
    report = check_source_files(catalog)
    assert report.problems == {} and report.checked == 1
    assert sorted(report.unreferenced) == leaflet_files
    # kept a day after first found, and ten minutes after stored, so undo still works
    assert sorted(collect_unreferenced_files(catalog).waiting) == leaflet_files
    assert collect_unreferenced_files(catalog, grace=0).removed == []
    catalog.undo(deleted)
    later = time.time() + FRESH + 1
    assert collect_unreferenced_files(catalog, grace=0, now=later).removed == []  # in use again
    catalog.sources.delete(leaflet)
    done = collect_unreferenced_files(catalog, grace=0, now=later)
    assert sorted(done.removed) == leaflet_files and done.freed_bytes > 0
    assert _stored_files(catalog) == [catalog.sources.get(kept).pages[0].sha256]
    assert check_source_files(catalog).unreferenced == {}


def test_the_command_line_checks_and_collects_source_files(catalog, miff, catalogue_pdf,
                                                           scans):
    add_source(catalog, [catalogue_pdf], edition_id=miff.edition)
    catalog.sources.delete(add_source(catalog, scans, edition_id=miff.edition,
                                      title="Leaflet").source_id)
    where = catalog.archive.location
    catalog.close()
    checked = run("check", where)
    assert "2 source files no source uses" in checked.stdout, checked.stdout
    listed = run("sources", "check", where)
    assert listed.returncode == 0 and "All 1 source files are present and intact." in \
        listed.stdout and "`curator sources gc` removes them" in listed.stdout
    collected = run("sources", "gc", where, "--now")
    assert collected.returncode == 0
    # stored a moment ago: a source may be about to be recorded with them
    assert "Kept 2 unreferenced source files stored in the last ten minutes" in \
        collected.stdout


def test_a_missing_source_file_is_named_with_its_source(catalog, miff, catalogue_pdf):
    source = add_source(catalog, [catalogue_pdf], edition_id=miff.edition).source_id
    sha = catalog.sources.get(source).pages[0].sha256
    if catalog.archive.kind == "server":
        from sqlalchemy import text

        with catalog.archive.engine.begin() as conn:
            conn.execute(text("DELETE FROM source_original"))
    else:
        from curator.sources import source_file_path

        source_file_path(catalog.archive, sha).unlink()
    assert check_source_files(catalog).problems == {sha: "missing"}
    where = catalog.archive.location
    catalog.close()
    listed = run("sources", "check", where)
    assert listed.returncode == 1
    assert f"MISSING  {sha}  missing from the archive; pages of MIFF 1989 catalogue" in \
        listed.stdout
    assert "1 source file is missing: `curator sources check` names it." in \
        run("check", where).stdout
