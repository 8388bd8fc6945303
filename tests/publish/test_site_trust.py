"""The export touches no file outside the site and its own staging folder, whatever the
site's manifest says and whatever lies beside the site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from small_archive import build, site_files

from curator.catalog import Catalog
from curator.cli import main
from curator.model.enums import PublicationState
from curator.publish import ExportError, export_site
from curator.publish.staging import MARKER
from curator.publish.writer import MANIFEST


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("small"))


@pytest.fixture
def catalog(small: Path):
    catalog = Catalog.open(small)
    yield catalog
    catalog.close()


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    folder = tmp_path / "victim"
    folder.mkdir()
    (folder / "precious.txt").write_text("the only copy", encoding="utf-8")
    return folder


def _list_in_manifest(site: Path, path: str) -> None:
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"][path] = {"sha256": "0" * 64, "from": "0" * 64}
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("way", ["dot-dot", "absolute", "link"])
def test_a_manifest_naming_a_file_outside_the_site_deletes_nothing_there(
        catalog: Catalog, tmp_path: Path, victim: Path, way: str,
        capsys: pytest.CaptureFixture[str]):
    site = tmp_path / "site"
    first = export_site(catalog, site)
    if way == "link":
        (site / "link").symlink_to(victim)
    _list_in_manifest(site, {"dot-dot": "../victim/precious.txt",
                             "absolute": str(victim / "precious.txt"),
                             "link": "link/precious.txt"}[way])

    again = export_site(catalog, site)
    assert (victim / "precious.txt").read_text(encoding="utf-8") == "the only copy"
    assert any("manifest names 1 file outside the site" in w for w in again.warnings)
    assert again.written == first.written  # not trusted: the whole site is written again
    files = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["files"]
    assert not any("precious" in path for path in files)

    # a manifest Curator wrote is trusted again: nothing written, nothing to warn of
    third = export_site(catalog, site)
    assert third.written == 0 and third.warnings == []

    _list_in_manifest(site, "../victim/precious.txt")
    capsys.readouterr()
    assert main(["export", str(catalog.archive.location), str(site), "--quiet"]) == 0
    assert "Warning: The site's manifest names 1 file outside the site" in capsys.readouterr().err
    assert (victim / "precious.txt").is_file()


def test_a_stale_file_is_still_removed_but_never_through_a_link_out(
        catalog: Catalog, tmp_path: Path, victim: Path):
    site = tmp_path / "site"
    export_site(catalog, site)
    (site / "old-page.html").write_text("gone next time", encoding="utf-8")
    _list_in_manifest(site, "old-page.html")
    result = export_site(catalog, site)
    assert not (site / "old-page.html").exists() and result.removed == 1
    assert result.warnings == []


def test_a_folder_beside_the_site_that_curator_did_not_make_is_left_alone(
        catalog: Catalog, tmp_path: Path, victim: Path):
    site = tmp_path / "site"
    theirs = tmp_path / ".site.curator-export"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("someone's notes", encoding="utf-8")

    first = export_site(catalog, site)  # a first export
    assert (theirs / "notes.txt").read_text(encoding="utf-8") == "someone's notes"
    assert any(".site.curator-export beside the site" in w for w in first.warnings)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.curator-export", "site",
                                                         "victim"]
    reference = site_files(site)

    # a marker Curator did not write for this site (a copied one, a forged one): left alone
    (theirs / MARKER).write_text(json.dumps({"token": "f" * 32}), encoding="utf-8")
    catalog.settings.set("site_name", "Renamed Archive")  # every page changes
    try:
        second = export_site(catalog, site)
        assert second.written > 0 and len(second.warnings) == 1
        assert (theirs / "notes.txt").is_file()

        # a link by that name is never followed, into the victim's folder or anywhere
        shutil.rmtree(theirs)
        theirs.symlink_to(victim)
        catalog.settings.set("site_name", "")
        third = export_site(catalog, site)
        assert site_files(site) == reference and len(third.warnings) == 1
        assert [p.name for p in victim.iterdir()] == ["precious.txt"]
    finally:
        catalog.settings.set("site_name", "")


def test_a_staging_folder_left_by_this_sites_own_export_is_removed(
        catalog: Catalog, tmp_path: Path):
    site = tmp_path / "site"
    export_site(catalog, site)
    token = json.loads((site / MANIFEST).read_text(encoding="utf-8"))["staging_token"]
    leftover = tmp_path / ".site.curator-export"  # as an export killed while writing leaves it
    (leftover / "films").mkdir(parents=True)
    (leftover / "films" / "half.html").write_text("<p>half", encoding="utf-8")
    (leftover / MARKER).write_text(json.dumps({"token": token}), encoding="utf-8")
    result = export_site(catalog, site)
    assert result.warnings == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_site_folder_that_is_a_link_stays_a_link(catalog: Catalog, tmp_path: Path):
    real = tmp_path / "www"
    real.mkdir()
    site = tmp_path / "site"
    site.symlink_to(real)
    first = export_site(catalog, site)
    assert site.is_symlink() and (real / "index.html").is_file() and first.warnings == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "www"]
    assert export_site(catalog, site).written == 0


def test_a_link_out_planted_after_the_last_export_is_never_followed(
        catalog: Catalog, tmp_path: Path, victim: Path):
    site = tmp_path / "site"
    export_site(catalog, site)
    film = catalog.films.get(1)
    page = next((site / "films" / "1").iterdir())  # films/1/<slug>/
    # the film's folder becomes a link to a folder outside holding a file of the same name
    (victim / page.name).mkdir()
    (victim / page.name / "index.html").write_text("not the site's", encoding="utf-8")
    shutil.rmtree(site / "films" / "1")
    (site / "films" / "1").symlink_to(victim)

    # its page is to be replaced
    catalog.films.update(1, film.version, state=PublicationState.DRAFT)
    try:
        # the same Curator, which proved the site before; the page says "no longer in the
        # archive" now, which cannot be written through the link: the export is refused
        with pytest.raises(ExportError, match="through a link"):
            export_site(catalog, site)
        assert (victim / page.name / "index.html").read_text(encoding="utf-8") == \
            "not the site's"
    finally:
        catalog.films.update(1, catalog.films.get(1).version, state=PublicationState.PUBLISHED)


@pytest.mark.folder_only
def test_a_site_inside_the_archive_or_around_it_is_refused(catalog, capsys):
    archive = catalog.archive.folder
    before = sorted(p.name for p in archive.iterdir())
    for outdir in (archive / "site", archive, archive.parent):
        assert main(["export", str(archive), str(outdir)]) == 1, outdir
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "the site needs a folder of its own" in err[0], err
    assert sorted(p.name for p in archive.iterdir()) == before  # nothing written there
