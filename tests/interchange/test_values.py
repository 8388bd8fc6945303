"""Catalogue conventions for single values, titles and headers."""

import pytest

from curator.interchange.mapping import apply_overrides, guess_mapping
from curator.interchange.titles import parse_title
from curator.interchange.values import imdb_id, parse_runtime, parse_year, split_values


@pytest.mark.parametrize(("text", "year", "noted"), [
    ("1988", 1988, False), ("c. 1988", 1988, True), ("1988-89", 1988, True),
    ("1988\u20131989", 1988, True), ("circa 1962", 1962, True), ("", None, False),
    ("1988.0", 1988, False),
])
def test_years_as_catalogues_write_them(text, year, noted):
    value, note = parse_year(text)
    assert value == year
    assert bool(note) is noted
    if noted:
        assert text in note  # the catalogue's own wording is kept in the note


@pytest.mark.parametrize("text", ["next year", "1988-87", "88"])
def test_a_year_that_is_not_one_is_refused_by_name(text):
    with pytest.raises(ValueError, match=text):
        parse_year(text)


@pytest.mark.parametrize(("text", "minutes"), [
    ("90", 90), ("90 min", 90), ("90 mins", 90), ("90'", 90), ("1h 30m", 90), ("1h30", 90),
    ("1 hr 30 min", 90), ("1:30", 90), ("2h", 120), ("95.0", 95), ("", None),
])
def test_runtimes_in_any_notation(text, minutes):
    assert parse_runtime(text) == minutes


def test_a_runtime_that_is_not_one_is_refused():
    with pytest.raises(ValueError, match="not a running time"):
        parse_runtime("feature length")


def test_several_values_in_one_cell():
    assert split_values("Drama|Comedy; War") == ["Drama", "Comedy", "War"]
    assert split_values("  ") == []


def test_imdb_ids_from_addresses_and_numbers():
    assert imdb_id("https://www.imdb.com/title/tt0094012/") == "tt0094012"
    assert imdb_id("94012") == "tt0094012"


def test_title_conventions_are_kept():
    parsed = parse_title("Postman, The (Postino, Il)")
    assert (parsed.title, parsed.original_title) == ("The Postman", "Il Postino")
    assert parse_title("Seven (a.k.a. Se7en)").alt_titles == ["Se7en"]
    assert parse_title("Misérables, Les").sort_title == "Misérables"


def test_headers_map_to_fields_in_english_and_variants():
    header = ["Titel", "Originaltitel", "Regie", "Land", "Jahr", "Laufzeit (min)",
              "Festival", "Sektion", "IMDb ID", "Notes for us"]
    assert guess_mapping(header) == ["title", "original_title", "directors", "countries",
                                     "year", "runtime", "festival", "section", "imdb_id", ""]


def test_map_overrides_the_guess_and_names_mistakes():
    header = ["Name", "Film"]
    mapping = apply_overrides(header, guess_mapping(header), ["Film=title", "Name=director"])
    assert mapping == ["directors", "title"]
    from curator import CuratorError

    with pytest.raises(CuratorError, match="no column \u201cYear\u201d"):
        apply_overrides(header, mapping, ["Year=year"])
    with pytest.raises(CuratorError, match="\u201cbudget\u201d is not a field"):
        apply_overrides(header, mapping, ["Film=budget"])
