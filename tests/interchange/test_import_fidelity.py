"""Nothing that was in a spreadsheet is lost or merged away: brackets, repeats, the report."""

import csv
from pathlib import Path

import pytest

from curator.catalog import Catalog
from curator.cli import main
from curator.interchange.sheet_import import import_spreadsheet

FILES = Path(__file__).parent / "files"


@pytest.fixture
def imported(catalog):
    result = import_spreadsheet(catalog, FILES / "brackets.csv")
    films = catalog.films.get_many([fid for fid in result.film_ids if fid is not None])
    return result, {f.id: f for f in films}


def test_brackets_that_belong_to_the_title_stay_whole(imported):
    result, films = imported
    titles = {f.title for f in films.values()}
    assert {"Hamlet (Act One)", "Hamlet (Act Two)", "Letter(s) from Home",
            "Yes (or No)"} <= titles
    outcomes = {o.source: o for o in result.outcomes}
    assert "kept whole" in outcomes["row 2"].reason


def test_brackets_by_the_catalogue_convention_become_other_titles(imported):
    _result, films = imported
    by_title = {f.title: f for f in films.values()}
    assert by_title["The Postman"].original_title == "Il Postino"
    assert by_title["Shanghai Triad"].original_title == "Yao a yao yao dao waipo qiao"


def test_two_rows_that_differ_only_in_a_bracket_are_two_films(imported):
    result, films = imported
    fausts = sorted(f.title for f in films.values() if f.title.startswith("Faust"))
    assert fausts == ["Faust (Eine deutsche Volkssage)", "Faust (Tragödie)"]
    reason = {o.source: o.reason for o in result.outcomes}["row 8"]
    assert "would merge with row 9" in reason


def test_a_repeat_is_the_same_title_year_and_director_and_names_both_rows(imported):
    result, _films = imported
    outcomes = {o.source: o for o in result.outcomes}
    assert outcomes["row 12"].outcome == "repeat"
    assert outcomes["row 12"].film_id == outcomes["row 10"].film_id
    assert outcomes["row 12"].reason.startswith("repeats row 10")
    assert outcomes["row 13"].outcome == "new"  # another director: another film
    assert result.repeated == ["row 12"]


def test_report_lists_every_row_from_the_command_line(capsys, archive_path, tmp_path):
    Catalog.create(archive_path).close()
    report = tmp_path / "report.csv"
    assert main(["import", str(archive_path), str(FILES / "brackets.csv"), "--dry-run",
                 "--report", str(report)]) == 0
    assert "Wrote the report of 12 rows" in capsys.readouterr().out
    with report.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["Row", "Outcome", "Film id", "Reason"]
    by_row = {r[0]: r for r in rows[1:]}
    assert len(by_row) == 12
    assert by_row["row 2"][1] == "new" and by_row["row 2"][2].isdigit()
    assert by_row["row 11"][1:3] == ["error", ""]  # refused by its year
    assert by_row["row 12"][1] == "skipped as a repeat"
    assert "repeats row 10" in by_row["row 12"][3]

    assert main(["import", str(archive_path), str(FILES / "brackets.csv"),
                 "--report", str(report)]) == 0
    capsys.readouterr()
    with report.open(encoding="utf-8-sig", newline="") as fh:
        again = {r[0]: r for r in list(csv.reader(fh))[1:]}
    assert again["row 2"][1] == "new" and again["row 2"][2] == by_row["row 2"][2]

    assert main(["import", str(archive_path), str(FILES / "brackets.csv"),
                 "--report", str(report)]) == 0
    with report.open(encoding="utf-8-sig", newline="") as fh:
        third = {r[0]: r for r in list(csv.reader(fh))[1:]}
    assert third["row 2"][1] == "skipped (already in the archive)"


def test_report_must_be_a_csv_in_an_existing_folder(capsys, archive_path, tmp_path):
    Catalog.create(archive_path).close()
    assert main(["import", str(archive_path), str(FILES / "brackets.csv"),
                 "--report", str(tmp_path / "report.txt")]) == 1
    assert "report.txt: the report is written as .csv." in capsys.readouterr().err
    assert Catalog.open(archive_path).counts()["films"] == 0
