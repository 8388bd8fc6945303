"""`curator edit`: every film a query finds changed in one step, said before it is done."""

import subprocess
import sys

from curator.catalog import Catalog, FilmQuery
from curator.cli import main


def count(path, query):
    catalog = Catalog.open(path)
    try:
        return catalog.search.films(FilmQuery.parse(query)).total
    finally:
        catalog.close()


def test_edit_publishes_what_the_query_finds_and_dry_run_changes_nothing(demo_catalog,
                                                                          capsys):
    path = str(demo_catalog.archive.location)
    drafts = demo_catalog.search.films(FilmQuery.parse("year:1988 state:draft")).total
    assert drafts > 100
    demo_catalog.close()
    assert main(["edit", path, "--where", "year:1988", "--set", "state=published",
                 "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert f"State: Draft \u2192 Published ({drafts:,} films); 1 film already Published." in out
    assert f"Publish {drafts + 1:,} films: nothing was changed (--dry-run)." in out
    assert count(path, "year:1988 state:draft") == drafts
    assert main(["edit", path, "--where", "year:1988", "--set", "state=published",
                 "--add", "appearance=MIFF 1989/Documentaries",
                 "--add", "list=Perestroika on film"]) == 0
    out = capsys.readouterr().out
    assert f"Done: Edit {drafts + 1:,} films" in out
    assert count(path, "year:1988 state:draft") == 0
    assert count(path, 'year:1988 section:documentaries list:perestroika') == drafts + 1
    assert main(["edit", path, "--where", "year:1988", "--remove", "list=perestroika on film"]) == 0
    assert count(path, "list:perestroika") == 2  # the two of the list from other years


def test_edit_refuses_bad_input_in_one_line(demo_archive):
    for args, line in (
            (["--where", "year:19888", "--set", "state=draft"], "year:19888 is not a year."),
            (["--where", "rock", "--set", "state=lost"],
             "\u201clost\u201d is not a state: draft, published, withdrawn."),
            (["--where", "rock", "--set", "title=Rock"], "\u201ctitle=Rock\u201d is not a change"),
            (["--where", "rock", "--add", "appearance=Cannes 1990"],
             "\u201cCannes 1990\u201d names no edition"),
            (["--where", "rock"], "Say what to change")):
        done = subprocess.run([sys.executable, "-m", "curator", "edit", str(demo_archive), *args],
                              capture_output=True, text=True)
        assert done.returncode == 1, args
        assert done.stderr.startswith(f"curator: {line}"), done.stderr
        assert done.stderr.count("\n") == 1


def test_replace_lists_each_change_and_makes_them(demo_catalog, capsys):
    path = str(demo_catalog.archive.location)
    demo_catalog.close()
    assert main(["replace", path, "title", "rock", "Roll", "--where", "year:1988",
                 "--whole-word", "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert ("From Russia with Rock: \u201cFrom Russia with Rock\u201d \u2192 "
            "\u201cFrom Russia with Roll\u201d") in out
    assert "nothing was changed (--dry-run)" in out
    assert count(path, "title:roll year:1988") == 0
    assert main(["replace", path, "title", r"(\w+) with Rock", r"\1 with Roll", "--regex",
                 "--where", "year:1988"]) == 0
    assert "Done: Replace" in capsys.readouterr().out
    assert count(path, '"from russia with roll"') == 1


def test_replace_refuses_a_bad_field_or_expression(demo_archive):
    for args, line in ((["plot", "a", "b"], "\u201cplot\u201d cannot be searched and replaced"),
                       (["title", "(", "b", "--regex"], "\u201c(\u201d is not a regular")):
        done = subprocess.run([sys.executable, "-m", "curator", "replace", str(demo_archive),
                               *args], capture_output=True, text=True)
        assert done.returncode == 1
        assert done.stderr.startswith(f"curator: {line}"), done.stderr
