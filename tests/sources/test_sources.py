"""Sources: a printed catalogue's PDF or scans added to an edition, stored like stills."""

from __future__ import annotations

import pytest
from PIL import Image

from curator.sources import SourceRefused, add_source, source_file_path
from tests.helpers import assert_undo_redo, catalogue_miff
from tests.sources.printed import encrypted_pdf


def _stored_files(catalog):
    """The source files the archive holds: in its folder, or in the server's database."""
    if catalog.archive.kind == "server":
        from curator.store.server_files import SOURCE_FILES

        return sorted(SOURCE_FILES.hashes(catalog.archive))
    folder = catalog.archive.sources_dir
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


def test_a_pdf_becomes_a_source_of_the_edition_with_its_pages(catalog, miff, catalogue_pdf):
    added = add_source(catalog, [catalogue_pdf], edition_id=miff.edition, date="1989-07",
                       language="English")
    source = catalog.sources.get(added.source_id)
    assert source.title == "MIFF 1989 catalogue" and source.held_by == "MIFF 1989"
    assert [p.number for p in source.pages] == [1, 2, 3]
    assert {p.format for p in source.pages} == {"PDF"}
    assert [p.file_page for p in source.pages] == [0, 1, 2]
    assert _stored_files(catalog) == [source.pages[0].sha256]
    assert catalog.sources.all(edition_id=miff.edition) == [source]
    assert catalog.counts()["sources"] == 1


def test_scans_become_one_source_in_the_order_given(catalog, miff, scans):
    added = add_source(catalog, scans, edition_id=miff.edition, title="Programme leaflet")
    source = catalog.sources.get(added.source_id)
    assert [(p.number, p.format, p.width) for p in source.pages] == [
        (1, "PNG", 1240), (2, "JPEG", 1240)]
    assert len(_stored_files(catalog)) == 2


def test_a_file_is_stored_once_however_often_it_is_added(catalog, miff, catalogue_pdf):
    first = add_source(catalog, [catalogue_pdf], edition_id=miff.edition)
    again = add_source(catalog, [catalogue_pdf], festival_id=miff.festival, title="Copy")
    assert first.written == 1 and again.written == 0
    assert len(_stored_files(catalog)) == 1
    copy = catalog.sources.get(again.source_id)
    assert copy.festival_id == miff.festival
    assert copy.held_by == catalog.festivals.get(miff.festival).name


def _bad_files(tmp_path):
    corrupt = tmp_path / "corrupt.jpg"
    corrupt.write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 200)
    fake = tmp_path / "catalogue.pdf"
    fake.write_text("This is a letter, not a PDF.")
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_pdf())
    wide = tmp_path / "panorama.png"
    Image.new("L", (30_000, 20), 255).save(wide)
    return {corrupt: "corrupt", fake: "not a PDF", locked: "encrypted",
            wide: "30,000x20 pixels"}


def test_bad_files_are_refused_in_one_line_and_nothing_is_written(catalog, miff, scans,
                                                                 tmp_path):
    for bad, words in _bad_files(tmp_path).items():
        with pytest.raises(SourceRefused) as refused:
            add_source(catalog, [scans[0], bad], edition_id=miff.edition)
        line = str(refused.value)
        assert line.startswith(f"{bad.name}: ") and words in line and "\n" not in line
    assert catalog.sources.all() == [] and _stored_files(catalog) == []


def test_adding_and_deleting_a_source_undo_and_redo(catalog, miff, catalogue_pdf):
    assert_undo_redo(catalog, lambda: add_source(catalog, [catalogue_pdf],
                                                 edition_id=miff.edition).changes)
    source = catalog.sources.all()[0]
    catalog.sources.cite(source.id, 2, (0.1, 0.2, 0.8, 0.3), film_id=miff.film)
    assert_undo_redo(catalog, lambda: catalog.sources.delete(source.id))
    # deleting the edition takes its sources and their citations, and undo brings them back
    assert_undo_redo(catalog, lambda: catalog.editions.delete(miff.edition))
    add_source(catalog, [catalogue_pdf], festival_id=miff.festival, title="Festival history")
    assert_undo_redo(catalog, lambda: catalog.festivals.delete(miff.festival))


def test_a_source_needs_a_title_and_a_real_date(catalog, miff, catalogue_pdf):
    from curator.catalog import ValidationError

    source = add_source(catalog, [catalogue_pdf], edition_id=miff.edition).source_id
    with pytest.raises(ValidationError, match="not a date"):
        catalog.sources.update(source, None, date="summer")
    with pytest.raises(ValidationError, match="needs a title"):
        catalog.sources.update(source, None, title="  ")
    changes = catalog.sources.update(source, None, title="MIFF 1989 programme", note="Cover torn")
    assert changes.label == "Edit source MIFF 1989 programme"


def test_on_a_server_the_files_live_in_the_database_and_each_desk_caches_them(
        team_catalog, catalogue_pdf, tmp_path):
    from curator.catalog import Catalog
    from curator.sources import render_page
    from curator.store.server import write_team_file
    from curator.store.server_files import SOURCE_FILES

    miff = catalogue_miff(team_catalog)
    added = add_source(team_catalog, [catalogue_pdf], edition_id=miff.edition)
    sha = team_catalog.sources.get(added.source_id).pages[0].sha256
    assert set(SOURCE_FILES.hashes(team_catalog.archive)) == {sha}
    assert not team_catalog.archive.sources_dir.exists()  # nothing on this desk until shown
    # another desk, with a cache of its own, shows the page from the server's copy
    other_desk = write_team_file(tmp_path / "other.curator-team",
                                 team_catalog.archive.url, tmp_path / "other cache")
    other = Catalog.open(other_desk)
    try:
        page = other.sources.get(added.source_id).page(2)
        image = render_page(other.archive, page, width=600)
        assert abs(image.width - 600) <= 1 and image.convert("L").getextrema()[0] < 100  # printed
        assert source_file_path(other.archive, sha).read_bytes() == \
            catalogue_pdf.read_bytes()
    finally:
        other.close()
    again = add_source(team_catalog, [catalogue_pdf], festival_id=miff.festival, title="Copy")
    assert again.written == 0  # kept once per SHA-256 on the server too
