"""`curator duplicates` and `curator merge`: the pairs that may be one, and merging them."""

import json

from curator.catalog import Catalog
from curator.catalog.records import CreditData
from curator.cli import main
from tests.helpers import catalogue_miff


def test_duplicates_lists_pairs_and_merge_joins_them(catalog, capsys):
    miff = catalogue_miff(catalog)
    twin = catalog.films.create("From Russia With Rock", year=1988, runtime=90,
                                credits=[CreditData(miff.director, "director")]).created_id
    catalog.people.create("Marjaana Mykkänen")
    shelf = catalog.fields.add("Shelf mark").created_id
    catalog.films.update(miff.film, None, field_values=[(shelf, "A-1")])
    catalog.films.update(twin, None, field_values=[(shelf, "B-12")])
    catalog.close()
    path = str(catalog.archive.location)
    assert main(["duplicates", path]) == 0
    out = capsys.readouterr().out
    assert f"{miff.film} From Russia with Rock (1988)" in out
    assert "same title; same year (1988); same director (Marjaana Mykkanen)" in out
    assert "1 pair of films that may be one" in out
    assert main(["duplicates", path, "--people", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert [(p["first"], p["second"]) for p in people] == [
        ("Marjaana Mykkanen", "Marjaana Mykkänen")]
    assert people[0]["reasons"][0].startswith("same name")
    assert main(["merge", path, str(miff.film), str(twin), "--take", "runtime=other",
                 "--take", "shelf-mark=other"]) == 0
    assert capsys.readouterr().out == (
        "Done: Merge From Russia With Rock into From Russia with Rock.\n")
    reopened = Catalog.open(path)
    try:
        assert reopened.films.get(miff.film).runtime == 90
        assert [v.value for v in reopened.films.get(miff.film).field_values] == ["B-12"]
        assert reopened.films.resolve(twin) == miff.film
    finally:
        reopened.close()
    assert main(["duplicates", path]) == 0
    assert capsys.readouterr().out == "No films look like duplicates.\n"
    # the merged-away id still names the film
    assert main(["merge", path, str(twin), str(miff.other)]) == 0
    assert "into From Russia with Rock" in capsys.readouterr().out


def test_merge_refuses_bad_input_in_one_line(catalog, capsys):
    miff = catalogue_miff(catalog)
    catalog.close()
    path = str(catalog.archive.location)
    assert main(["merge", path, str(miff.film), str(miff.other), "--take", "budget=other"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "not a field a merge chooses" in err
    assert main(["merge", path, str(miff.film), "999"]) == 1
    assert "no film with id 999" in capsys.readouterr().err
    assert main(["merge", path, str(miff.film), str(miff.other), "--take", "title"]) == 1
    assert "say FIELD=other" in capsys.readouterr().err
