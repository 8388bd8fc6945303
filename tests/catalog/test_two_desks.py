"""Two Curators on one catalogue, in two processes: a stale save is refused, writes take turns."""

from __future__ import annotations

import subprocess
import sys

import pytest

from curator.catalog import Catalog, StaleVersion
from curator.store import ArchiveBusy, open_archive

COLLEAGUE = """
import sys
from curator.catalog import Catalog
catalog = Catalog.open(sys.argv[1])
film = int(sys.argv[2])
catalog.films.update(film, catalog.films.get(film).version, synopsis="A colleague's words.")
catalog.close()
"""


def test_a_save_based_on_a_version_another_desk_changed_is_refused(catalog):
    film = catalog.films.create("From Russia with Rock", year=1988).created_id
    mine = catalog.films.get(film)
    subprocess.run([sys.executable, "-c", COLLEAGUE, str(catalog.archive.location), str(film)],
                   check=True, timeout=120)
    with pytest.raises(StaleVersion, match="changed"):
        catalog.films.update(film, mine.version, synopsis="My words.")
    assert catalog.films.get(film).synopsis == "A colleague's words."


def test_a_write_waits_for_another_then_gives_up_with_a_clear_message(team_catalog):
    impatient = Catalog(open_archive(team_catalog.archive.location, lock_timeout=0.2))
    try:
        with team_catalog.archive.write_engine.begin():  # another desk's long write
            with pytest.raises(ArchiveBusy, match="busy"):
                impatient.films.create("Waiting", year=1990)
        impatient.films.create("After the other", year=1990)  # the lock is free again
        assert impatient.search.films("after the other").total == 1
    finally:
        impatient.close()
