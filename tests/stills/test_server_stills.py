"""Stills on a server: originals stored once per SHA-256 in the database, checked by the
server itself, fetched into this machine's cache for thumbnails and web sizes."""

from __future__ import annotations

import psycopg

from curator.catalog import Catalog
from curator.cli import main
from curator.stills import derivative_path, has_derivatives


def test_stills_added_to_a_server_are_stored_once_checked_and_collected(
        team_catalog, photos, capsys):
    catalog = team_catalog
    url = catalog.archive.url
    film = catalog.films.create("From Russia with Rock", year=1988).created_id
    other = catalog.films.create("Black Square", year=1988).created_id
    where = str(catalog.archive.location)
    assert main(["stills", "add", where, str(film), *map(str, photos[:2])]) == 0
    assert main(["stills", "add", where, str(other), str(photos[0])]) == 0  # the same image
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT count(*) FROM still_original").fetchone()[0] == 2
    assert main(["stills", "check", where]) == 0
    capsys.readouterr()

    # thumbnails and web sizes are this machine's: made from a copy of the original
    still = catalog.stills.of(film_id=film)[0]
    web = derivative_path(catalog.archive, still.sha256, 480, "webp")
    assert web.is_file() and catalog.archive.folder in web.parents
    assert has_derivatives(catalog.archive, still.sha256)

    second = catalog.stills.of(film_id=film)[1].sha256
    with psycopg.connect(url) as conn:  # damage on the server itself
        conn.execute("UPDATE still_original SET data = 'not an image' WHERE sha256 = %s",
                     (second,))
    assert main(["stills", "check", where]) == 1
    out, err = capsys.readouterr()
    assert f"CORRUPT  {second}" in out and "0 missing and 1 corrupt of 2 originals" in err
    # adding the file again mends it: the server keeps one whole copy per hash
    assert main(["stills", "add", where, str(other), str(photos[1])]) == 0
    assert main(["stills", "check", where]) == 0

    for s in catalog.stills.of(film_id=other):
        catalog.stills.delete(s.id)
    for s in catalog.stills.of(film_id=film):
        if s.sha256 == second:
            catalog.stills.delete(s.id)
    capsys.readouterr()
    with psycopg.connect(url) as conn:  # stored an hour ago: no import can be recording it
        conn.execute("UPDATE still_original SET stored_at = stored_at - interval '1 hour'")
    assert main(["stills", "gc", where, "--now"]) == 0
    assert "Removed 1 unreferenced originals" in capsys.readouterr().out
    with psycopg.connect(url) as conn:
        assert conn.execute("SELECT sha256 FROM still_original").fetchall() == [
            (catalog.stills.of(film_id=film)[0].sha256,)]
    reopened = Catalog.open(catalog.archive.location)
    assert reopened.counts()["stills"] == 1
    reopened.close()
