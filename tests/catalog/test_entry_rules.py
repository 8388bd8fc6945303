"""The rules every way in applies: clean text, one spelling per country, an http(s) site
address, and spreadsheets that run nothing; and the site pages they lead to."""

import csv
import json
import re
import unicodedata

import pytest
from anyascii import anyascii

from curator.catalog import Catalog, FilmData, FilmImport, ValidationError
from curator.catalog.naming import slugify
from curator.cli import main
from curator.interchange.catalogue_file import import_catalogue
from curator.model.enums import PublicationState
from curator.publish import export_site
from curator.publish.urls import country_path

DIRTY = "Rock\x00 and\x1b[31m Roll\x07"
CLEAN = "Rock and[31m Roll"


@pytest.fixture
def catalog(tmp_path):
    catalog = Catalog.create(tmp_path / "Rules.curator")
    yield catalog
    catalog.close()


def test_control_characters_are_taken_out_on_every_way_in(catalog, tmp_path, capsys):
    made = catalog.films.create(DIRTY, synopsis="One\x0b.\n\nTwo\tthree.\r\nFour.")
    film = catalog.films.get(made.created_id)
    assert film.title == CLEAN and film.synopsis == "One.\n\nTwo\tthree.\nFour."
    catalog.films.update(film.id, film.version, original_title="\x1bOrig")
    assert catalog.films.get(film.id).original_title == "Orig"
    person = catalog.people.create("Mykk\x00anen", biography="\x9bBio").created_id
    assert catalog.people.get(person).name == "Mykkanen"
    with pytest.raises(ValidationError, match="A title is required"):
        catalog.films.create("\x00\x01 ")
    result = catalog.imports.run([FilmImport(FilmData("Second " + DIRTY,
                                                       countries=("USSR\x00",)), "row 2")])
    assert not result.errors
    sheet = tmp_path / "films.csv"
    sheet.write_text(f"Title,Director\n{DIRTY} II,Ra\x07shid\n", encoding="utf-8")
    assert main(["import", str(catalog.archive.location), str(sheet)]) == 0
    capsys.readouterr()
    assert main(["search", str(catalog.archive.location), "rock", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    titles = {f["title"] for f in found["films"]}
    assert titles == {CLEAN, "Second " + CLEAN, CLEAN + " II"}
    assert all(not any(ord(c) < 32 for c in t) for t in titles)


def test_a_catalogue_file_brings_clean_text(catalog, tmp_path):
    path = tmp_path / "cat.json"
    path.write_text(json.dumps({"format": "curator-catalogue", "format_version": 1,
                                "films": [{"id": 3, "title": DIRTY, "countries": ["Japan\x00"]}],
                                "settings": {"site_name": "MIFF\x1b archive"}}))
    import_catalogue(catalog, path)
    film = catalog.films.get(3)
    assert film.title == CLEAN and film.countries == ("Japan",)
    assert catalog.settings.get("site_name") == "MIFF archive"


def test_the_terminal_sees_escapes_not_control_characters(tmp_path, capsys):
    from curator.cli.terminal import printable

    assert printable("Rock\x1b[31m\x07\ud800\n") == "Rock\\x1b[31m\\x07\\ud800\\x0a"
    assert printable("Mykkänen\tНаутилус") == "Mykkänen\tНаутилус"
    # an error quoting a value prints it escaped, on one line
    assert main(["search", str(tmp_path), "x", "--year", "19\x1b[2J88"]) == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\\x1b[2J" in err and err.count("\n") == 1


def test_countries_take_one_spelling(catalog):
    first = catalog.films.create("A", countries=["FRANCE", "  west   germany "]).created_id
    assert catalog.films.get(first).countries == ("France", "West Germany")
    catalog.films.create("B", countries=["Neverland"])
    both = catalog.films.create("C", countries=["NEVERLAND", "neverland ", "USSR"]).created_id
    assert catalog.films.get(both).countries == ("Neverland", "USSR")
    result = catalog.imports.run([FilmImport(FilmData("D", countries=("france", "NEVERLAND")),
                                              "row 2")])
    film = catalog.films.get_many([result.changes.created_id or max(result.changes.film_ids)])[0]
    assert film.countries == ("France", "Neverland")
    person = catalog.people.create("Agnès Varda", country="FRANCE").created_id
    assert catalog.people.get(person).country == "France"


def test_a_slug_spells_every_character_as_anyascii_does():
    """Accented letters take a quicker way to their slug than anyascii's: for every
    character, alone or composed with the letter before it, the slug is anyascii's."""
    for code in [*range(0x80, 0xD800), *range(0xE000, 0x10000)]:
        text = f"a{chr(code)}b"  # "a" + U+0301 composes to "á": that way is tried too
        spelled = "-".join(filter(None, re.split(
            r"[^a-z0-9]+", anyascii(unicodedata.normalize("NFC", text)).casefold())))
        assert slugify(text) == spelled, f"U+{code:04X}"


def test_country_pages_of_other_scripts_and_spellings_do_not_collide(catalog, tmp_path):
    assert country_path("中国") == "countries/zhongguo/"
    assert country_path("日本") == "countries/riben/"
    assert country_path("France") == country_path("FRANCE") == "countries/france/"
    assert country_path("???") != country_path("!!!")  # no letters: a page from the digest
    assert slugify("Наутилус Помпилиус") == "nautilus-pompilius"
    # accented Latin letters lose their accents; other scripts are spelled out
    assert slugify("Été à Mädchen-Straße, Łódź 中国") == "ete-a-madchen-strasse-lodz-zhongguo"
    assert slugify("Łódź, été") == "lodz-ete"
    for title, country in (("Red Sorghum", "中国"), ("Tampopo", "日本"), ("Shoah", "France")):
        catalog.films.create(title, countries=[country], state=PublicationState.PUBLISHED,
                             year=1985)
    # an archive from before spellings were kept: a second spelling already stored
    catalog.films.create("Jeanne Dielman", state=PublicationState.PUBLISHED, year=1975)
    with catalog.archive.write_engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO film_country (film_id, position, name, version) "
                             "VALUES (4, 0, 'FRANCE', 1)")
    site = tmp_path / "site"
    export_site(catalog, site)
    countries = sorted(p.parent.name for p in (site / "countries").glob("*/index.html"))
    assert countries == ["france", "riben", "zhongguo"]
    france = (site / "countries" / "france" / "index.html").read_text(encoding="utf-8")
    assert "Shoah" in france and "Jeanne Dielman" in france and "Films from France" in france
    assert "Red Sorghum" in (site / "countries" / "zhongguo" / "index.html").read_text()


def test_the_site_address_is_http_or_https_only(catalog, tmp_path):
    for bad in ("javascript:alert(1)", "file:///etc/passwd", "archive.example.org",
                "https://", "http://exa mple.org/"):
        with pytest.raises(ValidationError, match="http:// or https://"):
            catalog.settings.set("site_base_url", bad)
    catalog.settings.set("site_base_url", "https://archive.example.org/films/")
    assert catalog.settings.get("site_base_url") == "https://archive.example.org/films/"
    path = tmp_path / "cat.json"
    path.write_text(json.dumps({"format": "curator-catalogue", "format_version": 1,
                                "settings": {"site_base_url": "javascript:alert(1)"}}))
    empty = Catalog.create(tmp_path / "Other.curator")
    try:
        with pytest.raises(ValueError, match="cat.json: settings: The site's address must"):
            import_catalogue(empty, path)
        assert empty.snapshot.is_empty()
    finally:
        empty.close()


def test_a_stored_javascript_address_never_reaches_the_pages(catalog, tmp_path):
    catalog.films.create("Shoah", state=PublicationState.PUBLISHED, year=1985)
    with catalog.archive.write_engine.begin() as conn:  # stored before addresses were checked
        conn.exec_driver_sql("INSERT INTO setting (key, value) VALUES "
                             "('site_base_url', 'javascript:alert(1)')")
    export_site(catalog, tmp_path / "site")
    for page in (tmp_path / "site").rglob("*.html"):
        assert "javascript:" not in page.read_text(encoding="utf-8")


def test_list_spreadsheets_run_no_formula(catalog, tmp_path, capsys):
    films = [catalog.films.create(t, year=1988).created_id
             for t in ("=HYPERLINK(\"http://x\",\"y\")", "+1 Film", "-Minus", "@SUM(A1)",
                       "Plain")]
    list_id = catalog.lists.create("Risky", films).created_id
    target = tmp_path / "risky.csv"
    assert main(["lists", str(catalog.archive.location), "--csv", str(list_id),
                 str(target)]) == 0
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["Title"] for r in rows] == ["'=HYPERLINK(\"http://x\",\"y\")", "'+1 Film",
                                          "'-Minus", "'@SUM(A1)", "Plain"]
    assert [r["Year"] for r in rows] == ["1988"] * 5
