"""The command line as a user types it."""

import json
import os
import subprocess
import sys

import pytest

from curator.cli import main
from curator.store import SCHEMA_HEAD


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "curator", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_new_creates_an_archive_and_refuses_a_folder_in_use(tmp_path, capsys):
    target = tmp_path / "Nouvelle archive ÄÖ.curator"
    assert main(["new", str(target)]) == 0
    assert (target / "archive.sqlite").is_file()
    assert main(["new", str(target)]) == 0  # already an archive: nothing to do
    assert "already a Curator archive" in capsys.readouterr().out
    busy = tmp_path / "Documents"
    busy.mkdir()
    (busy / "letter.txt").write_text("hello")
    result = run("new", busy)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "not empty and is not a Curator archive" in result.stderr


def test_errors_are_one_line_and_usage_errors_exit_2(tmp_path):
    missing = run("info", tmp_path / "nowhere.curator")
    assert missing.returncode == 1
    assert missing.stderr.strip().startswith("curator: ") and missing.stderr.count("\n") == 1
    usage = run("search", tmp_path)
    assert usage.returncode == 2
    assert run("search", tmp_path, "x", "--limit", "0").returncode == 2
    assert run("frobnicate").returncode == 2


def test_info_and_search_on_the_demo(demo_archive, capsys):
    assert main(["info", str(demo_archive)]) == 0
    out = capsys.readouterr().out
    assert f"Schema version: {SCHEMA_HEAD}" in out
    assert "films" in out and "9,068" in out
    assert main(["search", str(demo_archive), "mykkanen"]) == 0
    out = capsys.readouterr().out
    assert "From Russia with Rock (USSR, 1988) — Marjaana Mykkanen" in out
    assert main(["search", str(demo_archive), "miserables", "--json", "--limit", "2"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["total"] == 3
    assert [f["title"] for f in found["films"]] == ["Les Misérables", "Les Misérables"]
    assert set(found["films"][0]) == {"id", "title", "year", "countries", "directors"}
    assert main(["search", str(demo_archive), "zzzqqq"]) == 0
    assert "No film matches" in capsys.readouterr().out


def test_search_filters_from_the_command_line(demo_archive, capsys):
    assert main(["search", str(demo_archive), "rock", "--year", "1988", "--country", "USSR",
                 "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [f["title"] for f in found["films"]] == ["From Russia with Rock"]
    with pytest.raises(SystemExit):
        main(["search", str(demo_archive), "rock", "--state", "lost"])
    assert main(["search", str(demo_archive), "rock", "--year", "late"]) == 1


def test_demo_refuses_an_existing_folder_and_if_missing_skips(demo_archive, tmp_path, capsys):
    assert main(["demo", "--if-missing", str(demo_archive)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["demo", str(demo_archive)]) == 1
    assert "already exists" in capsys.readouterr().err


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("curator ")


def test_search_reads_the_query_language(demo_archive, capsys):
    assert main(["search", str(demo_archive), 'rock director:mykkanen edition:"miff 1989"',
                 "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [f["title"] for f in found["films"]] == ["From Russia with Rock"]
    assert main(["search", str(demo_archive), "rock year:1990..1999", "--json"]) == 0
    assert "From Russia with Rock" not in capsys.readouterr().out


def test_a_bad_query_is_one_line_and_status_1(demo_archive):
    done = run("search", demo_archive, "rock year:19888")
    assert done.returncode == 1
    assert done.stderr.strip() == "curator: year:19888 is not a year."
    assert done.stdout == ""


def test_search_that_finds_nothing_suggests_a_spelling(demo_archive, capsys):
    assert main(["search", str(demo_archive), "Mykanen"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "No film matches \u201cMykanen\u201d.", "Did you mean \u201cMykkanen\u201d?"]
