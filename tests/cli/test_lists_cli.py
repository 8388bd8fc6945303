"""Retrospective lists on the command line: the overview and the spreadsheet."""

import csv

import pytest

from curator.cli import main
from curator.interchange.demo_list import build_demo_list


def test_lists_shows_counts_and_writes_a_csv(demo_catalog, tmp_path, capsys):
    path = str(demo_catalog.archive.location)
    for existing in demo_catalog.lists.all():
        demo_catalog.lists.delete(existing.id)
    assert main(["lists", path]) == 0
    assert capsys.readouterr().out.strip() == "No lists yet."
    list_id = build_demo_list(demo_catalog)
    assert main(["lists", path]) == 0
    out = capsys.readouterr().out
    assert f"{list_id}  Perestroika on film  (3 films" in out and "published" in out
    target = tmp_path / "Perestroika ä.csv"
    assert main(["lists", path, "--csv", str(list_id), str(target)]) == 0
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Title"] for r in rows] == ["From Russia with Rock", "Black Square",
                                          "Defence Councel Sedov"]
    assert rows[0]["Directors"] == "Marjaana Mykkanen" and rows[0]["Year"] == "1988"
    assert rows[0]["Note"].startswith("Open with the noise")


def test_a_bad_list_id_is_a_usage_error_and_a_missing_list_an_error(demo_catalog, tmp_path,
                                                                    capsys):
    path = str(demo_catalog.archive.location)
    with pytest.raises(SystemExit) as exit_:
        main(["lists", path, "--csv", "seven", str(tmp_path / "x.csv")])
    assert exit_.value.code == 2
    assert main(["lists", path, "--csv", "999", str(tmp_path / "x.csv")]) == 1
    assert "There is no list with id 999" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()
