"""`curator fields`: the archive's own film fields from the command line."""

from curator.catalog import Catalog
from curator.cli import main
from tests.helpers import catalogue_miff


def test_fields_are_listed_added_renamed_and_removed(catalog, capsys):
    miff = catalogue_miff(catalog)
    path = str(catalog.archive.location)
    catalog.close()
    assert main(["fields", path]) == 0
    assert "no fields of its own" in capsys.readouterr().out
    assert main(["fields", path, "add", "Print source"]) == 0
    assert main(["fields", path, "add", "Restored", "--kind", "yesno"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Added the field \u201cPrint source\u201d (text).",
        "Added the field \u201cRestored\u201d (yes/no)."]
    reopened = Catalog.open(path)
    try:
        field = reopened.fields.named("Print source").id
        reopened.films.update(miff.film, None, field_values=[(field, "KAVI")])
    finally:
        reopened.close()
    assert main(["fields", path, "rename", "print source", "Print from"]) == 0
    assert main(["fields", path]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == [
        "Print from  (text, 1 film)", "Restored  (yes/no, 0 films)"]
    assert main(["fields", path, "remove", "Print from"]) == 0
    assert capsys.readouterr().out == (
        "Removed the field \u201cPrint from\u201d; 1 film held a value in it.\n")


def test_a_field_that_is_not_there_or_taken_is_one_clear_line(catalog, capsys):
    path = str(catalog.archive.location)
    catalog.close()
    assert main(["fields", path, "add", "Shelf mark"]) == 0
    capsys.readouterr()
    assert main(["fields", path, "add", "shelf mark"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already called \u201cshelf mark\u201d" in err
    assert main(["fields", path, "remove", "Reels"]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no field called \u201cReels\u201d" in err


def test_edit_sets_an_archive_field_on_what_the_query_finds(catalog, capsys):
    miff = catalogue_miff(catalog)
    path = str(catalog.archive.location)
    field = catalog.fields.add("Print source").created_id
    catalog.close()
    assert main(["edit", path, "--where", "country:ussr", "--set",
                 "Print source=Finnish Film Archive"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Print source: none \u2192 Finnish Film Archive (2 films).",
                   "Done: Set Print source of 2 films to Finnish Film Archive (2 changed)."]
    reopened = Catalog.open(path)
    try:
        assert [v.value for v in reopened.films.get(miff.film).field_values] == [
            "Finnish Film Archive"]
        assert reopened.films.get(miff.film).field_values[0].field_id == field
    finally:
        reopened.close()
