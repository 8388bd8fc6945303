"""Every way into the catalogue applies the same rules: a catalogue file restored into an
empty archive is checked like a spreadsheet, and a bad row is named by its place in the file."""

from __future__ import annotations

import json
from datetime import date

import pytest

from curator.catalog import Catalog, InvalidRecords
from curator.cli import main
from curator.interchange.catalogue_file import CatalogueFileError, import_catalogue, write_catalogue
from curator.model.enums import PublicationState
from tests.helpers import catalogue_miff

HOSTILE = [  # (where, field, value, what the user is told)
    (0, "year", "nineteen", "The year must be a whole number, not 'nineteen'"),
    (1, "year", 1988.5, "The year must be a whole number, not 1988.5"),
    (2, "year", 2**62, "The year must lie between 1870"),
    (3, "runtime", "long", "The runtime must be a whole number of minutes, not 'long'"),
    (4, "state", "hacked", "Unknown publication state \u201chacked\u201d"),
]


@pytest.fixture
def catalogue_file(tmp_path):
    """A good catalogue file of seven films, as `curator export-data` writes it."""
    source = Catalog.create(tmp_path / "Source.curator")
    catalogue_miff(source)
    for n in range(5):
        source.films.create(f"Extra film {n}", year=1980 + n)
    path = tmp_path / "good.json"
    write_catalogue(source, path)
    source.close()
    return path


def _spoil(good, target):
    document = json.loads(good.read_text(encoding="utf-8"))
    films = document["films"]
    for index, field, value, _ in HOSTILE:
        films[index][field] = value
    films[5]["related"] = [{"film": films[5]["id"], "note": ""}]
    target.write_text(json.dumps(document), encoding="utf-8")
    return document


def test_a_catalogue_file_with_bad_values_is_refused_whole(catalogue_file, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    document = _spoil(catalogue_file, bad)
    archive = tmp_path / "Empty.curator"
    Catalog.create(archive).close()
    assert main(["import", str(archive), str(bad)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[-1].startswith("curator: bad.json: 6 records break the catalogue's rules")
    assert err[-1].endswith("nothing was imported.")
    for index, _, _, said in HOSTILE:
        film_id = document["films"][index]["id"]
        assert any(line.strip().startswith(f"films[{index}] (id {film_id}): {said}")
                   for line in err), (said, err)
    self_link = f"films[5] (id {document['films'][5]['id']}), related: A film cannot be related"
    assert any(self_link in line for line in err)
    catalog = Catalog.open(archive)
    try:
        assert catalog.snapshot.is_empty()  # nothing half-written
        with pytest.raises(CatalogueFileError) as caught:
            import_catalogue(catalog, bad)  # the desk's way in says the same
        assert len(caught.value.details) == 6
    finally:
        catalog.close()
    # the dry run checks the same
    assert main(["import", str(archive), str(bad), "--dry-run"]) == 1
    assert "6 records break" in capsys.readouterr().err


def test_the_catalog_itself_refuses_bad_rows_from_any_caller(tmp_path):
    catalog = Catalog.create(tmp_path / "Empty.curator")
    try:
        with pytest.raises(InvalidRecords) as caught:
            catalog.snapshot.restore({"film": [
                {"id": 1, "slug": "a", "title": "A", "sort_title": "A", "year": "nineteen"},
                {"id": 2, "slug": "b", "title": "B", "sort_title": "B", "year": 1990},
            ], "related_film": [{"id": 1, "film_id": 2, "related_id": 2, "position": 0}]})
        assert [(t, i) for t, i, _ in caught.value.problems] == [("film", 0), ("related_film", 0)]
        assert catalog.snapshot.is_empty()
    finally:
        catalog.close()


def test_into_an_archive_with_records_bad_films_are_skipped_and_export_works(
        catalogue_file, tmp_path, capsys):
    bad = tmp_path / "bad.json"
    document = _spoil(catalogue_file, bad)
    archive = tmp_path / "Busy.curator"
    catalog = Catalog.create(archive)
    catalog.films.create("Already here", year=1970, state=PublicationState.PUBLISHED)
    catalog.close()
    assert main(["import", str(archive), str(bad)]) == 0
    out = capsys.readouterr().out
    for index, _, _, _ in HOSTILE:
        assert f"films[{index}] (id {document['films'][index]['id']}):" in out
    assert "5 rows with errors" in out
    site = tmp_path / "site"
    assert main(["export", str(archive), str(site)]) == 0
    years = sorted(p.name for p in (site / "years").iterdir() if p.is_dir())
    assert "4611686018427387904" not in years
    catalog = Catalog.open(archive)
    try:
        rows = catalog.snapshot.rows()
        assert all(r["film_id"] != r["related_id"] for r in rows["related_film"])
        assert all(isinstance(r["year"], int | None) for r in rows["film"])
    finally:
        catalog.close()


def test_a_good_catalogue_file_still_round_trips(catalogue_file, tmp_path):
    archive = tmp_path / "Empty.curator"
    catalog = Catalog.create(archive)
    try:
        import_catalogue(catalog, catalogue_file)
        again = tmp_path / "again.json"
        write_catalogue(catalog, again)
    finally:
        catalog.close()
    assert again.read_bytes() == catalogue_file.read_bytes()


@pytest.mark.parametrize("version, found", [
    ('"1"', 'gives "1"'), ("null", "gives none"), ("true", "gives true"), ("0", "gives 0"),
])
def test_a_wrong_format_version_is_named_as_it_is(tmp_path, version, found):
    from curator.interchange.catalogue_file import read_catalogue

    path = tmp_path / "odd.json"
    path.write_text(f'{{"format": "curator-catalogue", "format_version": {version}}}',
                    encoding="utf-8")
    with pytest.raises(CatalogueFileError) as caught:
        read_catalogue(path)
    message = str(caught.value)
    assert "has no valid format_version" in message and found in message
    assert "newer" not in message


@pytest.mark.parametrize(("field", "value", "said", "whole"), [
    ("year", 3000, "The year must lie between 1870",
     f"The year must lie between 1870 and {date.today().year + 1}, not 3000"),
    ("year", "1988a", "The year must be a whole number",
     "The year must be a whole number, not '1988a'"),
    ("runtime", "long", "The runtime must be a whole number",
     "The runtime must be a whole number of minutes, not 'long'"),
])
def test_every_way_in_says_the_same_of_the_same_bad_value(catalogue_file, tmp_path, capsys,
                                                          field, value, said, whole):
    from curator.catalog import ValidationError

    document = json.loads(catalogue_file.read_text(encoding="utf-8"))
    document["films"][0][field] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    sheet = tmp_path / "bad.csv"
    sheet.write_text(f"Title,{field.capitalize()}\nFrom the future,{value}\n", encoding="utf-8")
    empty, busy = tmp_path / "Empty.curator", tmp_path / "Busy.curator"
    Catalog.create(empty).close()
    catalog = Catalog.create(busy)
    film = catalog.films.create("Already here", year=1970).created_id
    with pytest.raises(ValidationError, match=said):  # the desk's form
        catalog.films.update(film, None, **{field: value})
    catalog.close()
    messages = []
    # a spreadsheet's cells are text: one it cannot read as a number is its own reader's
    # error; a number it reads is judged by the same rule
    ways = ((empty, bad), (busy, bad)) + (((busy, sheet),) if isinstance(value, int) else ())
    for archive, path in ways:
        main(["import", str(archive), str(path)])
        captured = capsys.readouterr()
        messages.append([line for line in (captured.out + captured.err).splitlines()
                         if said in line])
    rules = {found[0][found[0].index(said):].rstrip(".") for found in messages if found}
    assert len(messages) == len(ways) and all(messages), messages
    assert rules == {whole}
