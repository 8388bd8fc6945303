"""`curator searches` and `curator search --saved`: saved searches from the command line."""

import subprocess
import sys

from sqlalchemy import select

from curator.catalog import Catalog
from curator.cli import main
from curator.model.history import CHANGE_HISTORY
from tests.helpers import catalogue_miff


def test_saved_searches_are_listed_with_counts_run_renamed_and_removed(catalog, capsys):
    catalogue_miff(catalog)
    path = str(catalog.archive.location)
    catalog.close()
    assert main(["searches", path, "save", "Soviet", "country:ussr"]) == 0
    assert capsys.readouterr().out == "Saved \u201cSoviet\u201d: country:ussr (2 films).\n"
    assert main(["searches", path]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[0] == "No director  -has:director  (1 film)  [built in]"
    assert listed[-1] == "Soviet  country:ussr  (2 films)"
    assert main(["search", path, "rock", "--saved", "soviet"]) == 0
    found = capsys.readouterr().out.splitlines()
    assert len(found) == 1 and "From Russia with Rock" in found[0]
    assert main(["search", path, "--saved", "No director"]) == 0
    assert "Black Square" in capsys.readouterr().out
    assert main(["searches", path, "rename", "soviet", "Made in the USSR"]) == 0
    assert main(["searches", path, "remove", "Made in the USSR"]) == 0
    capsys.readouterr()
    assert main(["searches", path]) == 0
    assert "USSR" not in capsys.readouterr().out
    reopened = Catalog.open(path)
    try:  # each was a step of the history
        with reopened.archive.engine.connect() as conn:
            steps = list(conn.execute(select(CHANGE_HISTORY.c.label).where(
                CHANGE_HISTORY.c.table_name == "saved_search").order_by(CHANGE_HISTORY.c.id)
            ).scalars())
    finally:
        reopened.close()
    assert steps == ["Save search Soviet", "Rename saved search Soviet to Made in the USSR",
                     "Remove saved search Made in the USSR"]


def test_bad_saved_searches_are_refused_in_one_line(catalog):
    catalogue_miff(catalog)
    catalog.saved_searches.save("Drafts", "state:draft")
    path = str(catalog.archive.location)
    catalog.close()
    for args, line in (
            (["searches", path, "save", "Old", "year:19888"], "year:19888 is not a year."),
            (["searches", path, "save", "drafts", "kind:short"],
             "A saved search is already called \u201cdrafts\u201d."),
            (["searches", path, "remove", "No title"],
             "\u201cNo title\u201d is a built-in search; it cannot be removed."),
            (["search", path, "--saved", "Shorts"],
             "There is no saved search called \u201cShorts\u201d; there are \u201cNo")):
        done = subprocess.run([sys.executable, "-m", "curator", *args],
                              capture_output=True, text=True)
        assert done.returncode == 1, args
        assert done.stderr.startswith(f"curator: {line}"), done.stderr
        assert done.stderr.count("\n") == 1
