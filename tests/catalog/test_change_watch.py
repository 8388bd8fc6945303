"""Another Curator's change wakes this one: LISTEN/NOTIFY on a server, data_version in a folder."""

from __future__ import annotations

import subprocess
import sys

ELSEWHERE = """
import sys
from curator.catalog import Catalog
catalog = Catalog.open(sys.argv[1])
catalog.films.create("Sent from another desk", year=1989)
catalog.close()
"""


def test_a_change_made_by_another_process_wakes_the_watch(catalog):
    watch = catalog.watch_changes()
    try:
        assert watch.wait(0.3) is False  # nothing has changed yet
        subprocess.run([sys.executable, "-c", ELSEWHERE, str(catalog.archive.location)],
                       check=True, timeout=120)
        assert watch.wait(60) is True
        assert catalog.search.films("sent from another").total == 1
    finally:
        watch.close()
    assert watch.wait(5) is False  # closed: never blocks again


def test_on_a_server_a_desks_own_saves_do_not_wake_it(team_catalog):
    # (a folder cannot tell whose commit moved SQLite's counter)
    watch = team_catalog.watch_changes()
    try:
        team_catalog.films.create("Saved here", year=1990)
        assert watch.wait(0.5) is False
    finally:
        watch.close()
