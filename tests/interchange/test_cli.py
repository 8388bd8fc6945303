"""The import and export-data verbs, as an archivist types them."""

from pathlib import Path

from curator.catalog import Catalog
from curator.cli import main


def test_import_dry_run_then_import_then_export(capsys, archive_path, tmp_path):
    Catalog.create(archive_path).close()
    sheet = tmp_path / "films.tsv"
    sheet.write_text("Film\tYear\tDirector\nStalker\t1979\tAndrei Tarkovsky\n"
                     "Mirror\tabout 1975\tAndrei Tarkovsky\n", encoding="utf-8")
    assert main(["import", str(archive_path), str(sheet), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "row 3: \u201cabout 1975\u201d is not a year" in out
    assert "Would import: 1 new film, 0 updates, 1 row with errors. Nothing was changed" in out

    assert main(["import", str(archive_path), str(sheet), "--format", "csv",
                 "--existing", "update"]) == 0
    assert "Imported: 1 new film, 0 updates, 1 row with errors; 1 new person" in \
        capsys.readouterr().out

    target = tmp_path / "catalogue.json"
    assert main(["export-data", str(archive_path), str(target)]) == 0
    assert "1 film, 1 person" in capsys.readouterr().out
    fresh = tmp_path / "Fresh.curator"
    Catalog.create(fresh).close()
    assert main(["import", str(fresh), str(target)]) == 0
    assert "Imported catalogue.json: 1 film, 1 person" in capsys.readouterr().out


def test_import_of_pages(capsys, archive_path, sample_data):
    Catalog.create(archive_path).close()
    page = sample_data / "archive-page-from-russia-with-rock.txt"
    assert main(["import", str(archive_path), str(page), "--format", "page"]) == 0
    out = capsys.readouterr().out
    assert "The page shows no title" in out
    assert "Imported: 7 new films (4 untitled" in out


def test_mistakes_get_one_clear_line(capsys, archive_path, tmp_path):
    Catalog.create(archive_path).close()
    sheet = tmp_path / "films.csv"
    sheet.write_text("Title\nStalker\n", encoding="utf-8")
    assert main(["import", str(archive_path), str(sheet), "--map", "Titel=title"]) == 1
    assert "has no column \u201cTitel\u201d" in capsys.readouterr().err
    assert main(["import", str(archive_path), str(tmp_path / "missing.csv")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["import", str(archive_path), str(Path(sheet).with_suffix(".xls"))]) == 1
    assert main(["export-data", str(archive_path), str(tmp_path / "out.txt")]) == 1
    assert "written as .json" in capsys.readouterr().err


def test_a_cell_with_a_line_break_is_named_on_one_line(capsys, archive_path, tmp_path):
    Catalog.create(archive_path).close()
    sheet = tmp_path / "films.csv"
    sheet.write_text('Title,Year\nStalker,"19\n79"\nMirror,1975\n', encoding="utf-8")
    assert main(["import", str(archive_path), str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "row 2: \u201c19 79\u201d is not a year\n" in out
    assert "Imported: 1 new film, 0 updates, 1 row with errors" in out
