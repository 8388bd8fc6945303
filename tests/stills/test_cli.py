"""`curator stills add|check|gc`: what they print and their exit codes."""

from __future__ import annotations

import os
import time

from curator.catalog import Catalog
from curator.cli import main
from curator.stills import has_derivatives, original_path
from tests.stills import images


def _archive_with_film(archive_path):
    catalog = Catalog.create(archive_path)
    film = catalog.films.create("From Russia with Rock").created_id
    catalog.close()
    return film


def test_add_prints_what_it_did_with_each_file(archive_path, photos, tmp_path, capsys):
    film = _archive_with_film(archive_path)
    notes = images.text_as_jpeg(tmp_path / "notes.jpg")

    code = main(["stills", "add", str(archive_path), str(film), str(photos[0]), str(notes),
                 "--credit", "Photo: Charles Barbin", "--rights", "GPL-2+"])
    out, err = capsys.readouterr()

    assert code == 1
    assert f"{photos[0].name}: stored (" in out
    assert "Thumbnails and web sizes of 1 still are ready." in out
    assert "notes.jpg: refused, unsupported format" in err
    catalog = Catalog.open(archive_path)
    (still,) = catalog.stills.of(film_id=film)
    assert (still.credit, still.rights) == ("Photo: Charles Barbin", "GPL-2+")
    assert has_derivatives(catalog.archive, still.sha256)
    catalog.close()

    code = main(["stills", "add", str(archive_path), str(film), str(photos[0])])
    assert code == 0
    assert "already a still of From Russia with Rock; skipped" in capsys.readouterr().out


def test_add_to_a_film_that_does_not_exist(archive_path, photos, capsys):
    _archive_with_film(archive_path)
    assert main(["stills", "add", str(archive_path), "404", str(photos[0])]) == 1
    assert "There is no film with id 404." in capsys.readouterr().err


def test_check_lists_missing_originals_with_their_films(archive_path, photos, capsys):
    film = _archive_with_film(archive_path)
    main(["stills", "add", str(archive_path), str(film), str(photos[0]), str(photos[1]),
          "--no-web-sizes"])
    assert main(["stills", "check", str(archive_path)]) == 0
    assert "All 2 originals are present and intact." in capsys.readouterr().out

    catalog = Catalog.open(archive_path)
    lost = catalog.stills.of(film_id=film)[1].sha256
    original_path(catalog.archive, lost).unlink()
    catalog.close()

    assert main(["stills", "check", str(archive_path)]) == 1
    out, err = capsys.readouterr()
    assert f"MISSING  {lost}" in out and f"film {film} From Russia with Rock" in out
    assert "1 missing and 0 corrupt of 2 originals." in err


def test_gc_keeps_unreferenced_originals_a_day_unless_now(archive_path, photos, capsys):
    film = _archive_with_film(archive_path)
    main(["stills", "add", str(archive_path), str(film), str(photos[0]), "--no-web-sizes"])
    catalog = Catalog.open(archive_path)
    (still,) = catalog.stills.of(film_id=film)
    catalog.stills.delete(still.id)
    old = time.time() - 3600  # stored an hour ago: no import elsewhere can be recording it
    os.utime(original_path(catalog.archive, still.sha256), (old, old))
    catalog.close()
    capsys.readouterr()

    assert main(["stills", "gc", str(archive_path)]) == 0
    assert "Kept 1 unreferenced originals for a day" in capsys.readouterr().out
    assert main(["stills", "gc", str(archive_path), "--now"]) == 0
    assert "Removed 1 unreferenced originals" in capsys.readouterr().out
    catalog = Catalog.open(archive_path)
    assert images.stored_files(catalog) == []
    catalog.close()
