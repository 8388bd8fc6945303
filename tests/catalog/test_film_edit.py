"""A film's edit is typed: a field a film lacks is refused before anything is written."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from curator.catalog import FilmEdit
from curator.catalog.film_edit import FILM_COLUMNS, FILM_PARTS, UNSET
from curator.catalog.records import (
    AltTitleData,
    CreditData,
    ExternalIdData,
    FieldValueData,
    QuoteData,
    RelatedData,
    ScreeningData,
)
from curator.model import Film
from tests.helpers import catalogue_miff


def test_a_field_a_film_lacks_is_refused_when_the_edit_is_made(catalog) -> None:
    with pytest.raises(TypeError, match="direktor"):
        FilmEdit(direktor="Aleksei Uchitel")
    miff = catalogue_miff(catalog)
    before = catalog.films.get(miff.film)
    with pytest.raises(TypeError, match="direktor"):  # the keyword shorthand, the same
        catalog.films.update(miff.film, before.version, year=1990, direktor="Uchitel")
    after = catalog.films.get(miff.film)
    assert (after.year, after.version) == (before.year, before.version)  # nothing written


def test_an_edit_sets_only_what_it_names(catalog) -> None:
    miff = catalogue_miff(catalog)
    before = catalog.films.get(miff.film)
    edit = FilmEdit(year=1989, countries=["USSR", "Finland"])
    assert edit.values() == {"year": 1989, "countries": ["USSR", "Finland"]}
    assert FilmEdit().values() == {} and not UNSET
    changes = catalog.films.update(miff.film, before.version, edit)
    assert changes.label == "Edit From Russia with Rock"
    after = catalog.films.get(miff.film)
    assert (after.year, after.countries, after.title) == (1989, ("USSR", "Finland"), before.title)


def test_every_part_is_a_part_of_the_film_and_reads_back_as_written(catalog) -> None:
    relationships = set(inspect(Film).relationships.keys())
    assert set(FILM_PARTS) <= relationships
    assert FILM_COLUMNS <= set(inspect(Film).columns.keys())
    miff = catalogue_miff(catalog)
    shelf = catalog.fields.add("Shelf mark").created_id
    values = {
        "countries": ["USSR"], "languages": ["Russian"], "genres": ["Music"],
        "alt_titles": [AltTitleData("Rock from Russia", "English")],
        "credits": [CreditData(miff.director, "director")],
        "quotes": [QuoteData("A film about rock.", "Variety")],
        "screenings": [ScreeningData(miff.edition, miff.section)],
        "external_ids": [ExternalIdData("imdb", "tt0095181")],
        "related": [RelatedData(miff.other, "same band")],
        "field_values": [FieldValueData(shelf, "B-12")],
    }
    assert set(values) == set(FILM_PARTS)  # a new part is tested here too
    film_id = catalog.films.create("Rock", FilmEdit(**values)).created_id
    film = catalog.films.get(film_id)
    for name in FILM_PARTS:
        assert len(getattr(film, name)) == 1, name
    # writing the same values again changes nothing: read and tidy agree
    assert not catalog.films.update(film_id, None, FilmEdit(**values))


def test_a_film_edit_and_keywords_together_are_refused(catalog) -> None:
    with pytest.raises(TypeError, match="not both"):
        catalog.films.create("Assa", FilmEdit(year=1987), year=1988)
