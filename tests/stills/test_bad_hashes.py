"""A still's hash names its file: one that is not a SHA-256 never reaches outside the archive."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from curator.catalog import Catalog
from curator.catalog.errors import ValidationError
from curator.cli import main
from curator.interchange.catalogue_file import (
    CatalogueFileError,
    import_catalogue,
    write_catalogue,
)
from curator.interchange.catalogue_merge import merge_catalogue
from curator.model.enums import PublicationState
from curator.paths import OutsideFolder, inside
from curator.publish import export_site
from curator.stills import check_stills, collect_unreferenced, import_stills, original_path
from curator.stills.derivatives import derivative_folder, ensure_derivatives
from tests.stills.images import marked_jpeg

BAD = "../../../../somewhere/file.jpg"


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def outside(tmp_path: Path) -> dict[str, bytes]:
    """Every file under tmp_path but the archive's and the site's."""
    return {p: d for p, d in tree(tmp_path).items()
            if not p.startswith(("site/", "F\u00e9 stival archive/"))}


@pytest.fixture
def somewhere(tmp_path: Path) -> Path:
    """A folder outside every archive and site, holding a real image a bad hash could name."""
    folder = tmp_path / "somewhere"
    folder.mkdir()
    marked_jpeg(folder / "file.jpg")
    return folder


@pytest.fixture
def published(catalog: Catalog, tmp_path: Path) -> int:
    film = catalog.films.create("From Russia with Rock", year=1988,
                                state=PublicationState.PUBLISHED).created_id
    import_stills(catalog, [marked_jpeg(tmp_path / "storm.jpg")], film_id=film)
    return film


def _with_bad_hash(catalog: Catalog, somewhere: Path) -> str:
    """The hash as the archive's own folders see it: "../" up to the filesystem's root,
    then the outside image, so it names that file whichever folder it is joined to."""
    return "../" * len(catalog.archive.folder.parts) + str(somewhere / "file.jpg").lstrip("/")


def test_a_catalogue_file_with_a_path_for_a_hash_is_refused_naming_film_and_value(
        catalog: Catalog, published: int, tmp_path: Path, somewhere: Path):
    document_path = tmp_path / "catalogue.json"
    write_catalogue(catalog, document_path)
    document = json.loads(document_path.read_text(encoding="utf-8"))
    document["films"][0]["stills"][0]["sha256"] = BAD
    document_path.write_text(json.dumps(document), encoding="utf-8")

    empty = Catalog.create(tmp_path / "Empty.curator")
    try:
        with pytest.raises(CatalogueFileError) as refused:
            import_catalogue(empty, document_path)
        message = str(refused.value)
        assert f"film {published} \u201cFrom Russia with Rock\u201d" in message
        assert repr(BAD) in message and "SHA-256" in message
        assert empty.snapshot.is_empty()
    finally:
        empty.close()
    assert main(["import", str(tmp_path / "Empty.curator"), str(document_path),
                 "--format", "json"]) == 1
    counts = catalog.counts()
    with pytest.raises(CatalogueFileError, match="not a SHA-256"):  # nor merged into one
        merge_catalogue(catalog, document_path, existing="duplicate")
    assert catalog.counts() == counts
    assert tree(somewhere) == {"file.jpg": (somewhere / "file.jpg").read_bytes()}


@pytest.mark.parametrize("value", [BAD, "A" * 64, "abc", "", "/etc/passwd", "0" * 63 + "/"])
def test_recording_a_still_with_anything_but_a_sha256_is_refused(catalog: Catalog, value: str):
    film = catalog.films.create("Black Square", year=1988).created_id
    with pytest.raises(ValidationError, match="Black Square.*not a SHA-256"):
        catalog.stills.add([{"sha256": value, "width": 10, "height": 10, "format": "JPEG"}],
                           film_id=film)
    assert catalog.stills.of(film_id=film) == []
    with pytest.raises(ValidationError, match="not a SHA-256"):
        catalog.snapshot.restore({"film": [{"id": 1, "slug": "x", "title": "X",
                                             "sort_title": "x"}],
                                   "still": [{"id": 1, "film_id": 1, "sha256": value}]})


def test_every_path_made_from_a_stored_hash_stays_inside_its_folder(
        catalog: Catalog, tmp_path: Path):
    for value in (BAD, "ab/../../cd", "A" * 64):
        with pytest.raises(OutsideFolder):
            original_path(catalog.archive, value)
        with pytest.raises(OutsideFolder):
            derivative_folder(catalog.archive, value)
    # a link inside the folder that leads out of it is not followed
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    catalog.archive.stills_dir.mkdir(parents=True, exist_ok=True)
    (catalog.archive.stills_dir / "ab").symlink_to(outside)
    with pytest.raises(OutsideFolder, match="through a link"):
        original_path(catalog.archive, "ab" + "0" * 62)
    assert inside(tmp_path, "somewhere/file.jpg") == tmp_path / "somewhere" / "file.jpg"


def test_an_archive_already_holding_a_bad_hash_never_reads_or_writes_outside(
        catalog: Catalog, published: int, tmp_path: Path, somewhere: Path,
        capsys: pytest.CaptureFixture[str]):
    bad = _with_bad_hash(catalog, somewhere)
    catalog.films.create("Black Square", year=1988, state=PublicationState.PUBLISHED)
    # as an older Curator, or a hand-edited database, left it
    with sqlite3.connect(catalog.archive.folder / "archive.sqlite") as db:
        db.execute("UPDATE still SET sha256 = ? WHERE film_id = ?", (bad, published))
    before = outside(tmp_path)
    site = tmp_path / "site"

    result = export_site(catalog, site)
    assert any(f"Film {published} \u201cFrom Russia with Rock\u201d" in w and "left out" in w
               for w in result.warnings)
    assert not (site / "media").exists()  # the film's page shows no still, broken or other
    assert (site / "films" / str(published)).is_dir()
    assert outside(tmp_path) == before

    report = check_stills(catalog)
    assert [(p.sha256, p.problem) for p in report.problems] == [(bad, "bad record")]
    assert report.problems[0].owners == (f"film {published} From Russia with Rock",)
    assert ensure_derivatives(catalog.archive, [bad]).failed[0][0] == bad
    collect_unreferenced(catalog, grace=0)
    assert outside(tmp_path) == before

    catalog_path = str(catalog.archive.folder)
    capsys.readouterr()
    assert main(["stills", "check", catalog_path]) == 1
    out, err = capsys.readouterr()
    assert f"BAD RECORD  {bad!r}" in out and "From Russia with Rock" in out
    assert "1 bad still record" in err and "Traceback" not in out + err
    assert main(["export", catalog_path, str(site), "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "Warning: Film" in err and "From Russia with Rock" in err
    assert outside(tmp_path) == before
