"""A command loads only what it needs: `curator --help`, a usage error and `curator info`
start without the image library, the templates or the exporter (and help without the
database layer), so the command line answers at once."""

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from curator.catalog import Catalog

HEAVY = ("sqlalchemy", "PIL", "jinja2", "curator.publish.export", "curator.catalog",
         "curator.model.entities", "curator.stills", "PySide6")


# Runs the command line as `python -m curator` does, then writes the names of every
# module the process holds to the file named first.
RUN_AND_LIST = """
import sys
from curator.cli import main
listing, sys.argv = sys.argv[1], ["curator", *sys.argv[2:]]
try:
    code = main()
except SystemExit as exit:
    code = exit.code
with open(listing, "w") as out:
    out.write("\\n".join(sorted(sys.modules)))
sys.exit(code)
"""


def imported(*args: str) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules a `curator` process imported, in a process of its own."""
    with tempfile.TemporaryDirectory() as folder:
        listing = Path(folder) / "modules.txt"
        done = subprocess.run([sys.executable, "-c", RUN_AND_LIST, str(listing), *args],
                              capture_output=True, text=True, timeout=120)
        names = set(listing.read_text().split())
    return names, done


def test_help_loads_no_database_images_or_templates():
    names, done = imported("--help")
    assert done.returncode == 0 and "export" in done.stdout
    assert "curator.cli.publish" in names  # the log is real: the verbs were registered
    heavy = [name for name in names if name.split(".")[0] in HEAVY or name in HEAVY
             or name.startswith(("curator.catalog", "curator.model.entities"))]
    assert heavy == [], sorted(names)


def test_help_of_a_verb_and_a_usage_error_load_none_of_it_either():
    names, done = imported("export", "--help")
    assert done.returncode == 0 and "--select" in done.stdout
    assert not names & set(HEAVY)
    names, done = imported("search")
    assert done.returncode == 2 and "archive" in done.stderr
    assert not names & set(HEAVY)


def test_info_and_search_read_a_folder_without_sqlalchemy_or_the_orm(tmp_path):
    """`curator info` and a search of free words read an archive folder through a bare
    connection (catalog/glance.py): neither SQLAlchemy, the models nor the facade load."""
    catalog = Catalog.create(tmp_path / "A.curator")
    catalog.films.create(title="Assa", year=1987)
    catalog.close()
    for args in (["info"], ["search", "--json"], ["search"]):
        verb, *options = args
        query = ["assa"] if verb == "search" else []
        names, done = imported(verb, str(tmp_path / "A.curator"), *query, *options)
        assert done.returncode == 0, done.stderr
        assert ("films" in done.stdout) if verb == "info" else ("Assa" in done.stdout)
        assert "curator.catalog.glance" in names  # the log is real: the quick way ran
        heavy = sorted(name for name in names if name.split(".")[0] in HEAVY or name in (
            "curator.catalog.facade", "curator.model.entities", "curator.store.archive",
            "curator.publish.export", "curator.stills"))
        assert heavy == [], (args, heavy)


def test_a_search_with_conditions_loads_the_catalogue_and_finds_the_same(tmp_path):
    catalog = Catalog.create(tmp_path / "A.curator")
    catalog.films.create(title="Assa", year=1987)
    catalog.close()
    names, done = imported("search", str(tmp_path / "A.curator"), "assa year:1987")
    assert done.returncode == 0 and "Assa" in done.stdout
    assert "curator.catalog.facade" in names and "sqlalchemy" in names
    # a folder is SQLite's: the server's dialect stays unloaded (it costs every command)
    assert not {name for name in names if name.startswith("sqlalchemy.dialects.postgresql")}


@pytest.mark.parametrize("verb", ["export", "check", "stills", "import", "lists"])
def test_every_verb_still_finds_what_it_imports_when_it_runs(tmp_path, verb):
    """A handler that imports its needs itself must still have them: a run on a missing
    archive ends in the usual one line, not a NameError report."""
    args = {"export": ["export", tmp_path / "none.curator", tmp_path / "site"],
            "check": ["check", tmp_path / "none.curator"],
            "stills": ["stills", "check", tmp_path / "none.curator"],
            "import": ["import", tmp_path / "none.curator", tmp_path / "none.csv"],
            "lists": ["lists", tmp_path / "none.curator"]}[verb]
    done = subprocess.run([sys.executable, "-m", "curator", *map(str, args)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "unexpected" not in done.stderr and "Traceback" not in done.stderr
    assert done.stderr.startswith("curator: ")


def test_a_command_run_inside_another_program_gives_the_collector_back(tmp_path):
    """Only a process of its own ends with the verb; a caller of main() keeps its collector."""
    import gc

    from curator.cli import main

    Catalog.create(tmp_path / "A.curator").close()
    assert gc.isenabled()
    assert main(["info", str(tmp_path / "A.curator")]) == 0
    assert gc.isenabled()
