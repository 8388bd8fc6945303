"""A film's appearance at an edition lists the days (times, venues) it was shown."""

from __future__ import annotations

from datetime import date

import pytest

from curator.catalog import FilmEdit, ValidationError
from curator.catalog.records import ScreeningData, ShowingData
from tests.helpers import assert_undo_redo, catalogue_miff


def test_showings_are_kept_in_order_and_undone_with_the_film(catalog):
    miff = catalogue_miff(catalog)
    showings = (ShowingData(date(1989, 6, 14), "21:15", "Forum Theatre"),
                ShowingData(date(1989, 6, 10), "9:30", " Capitol "))
    assert_undo_redo(catalog, lambda: catalog.films.update(
        miff.film, None, FilmEdit(screenings=[ScreeningData(miff.edition, miff.section,
                                                            showings=showings)])))
    [appearance] = catalog.films.get(miff.film).screenings
    # kept as given, the time and venue in their one spelling
    assert appearance.showings == (ShowingData(date(1989, 6, 14), "21:15", "Forum Theatre"),
                                   ShowingData(date(1989, 6, 10), "09:30", "Capitol"))
    assert catalog.films.get_many([miff.film])[0].screenings == (appearance,)  # the export


@pytest.mark.parametrize(("showing", "message"), [
    ({"day": "1989-13-40"}, "A showing's date \u201c1989-13-40\u201d is not a date"),
    ({"day": "1989-06-10", "time": "25:00"}, "A showing's time \u201c25:00\u201d is not a time"),
    ({"day": "1989-06-10", "time": "7pm"}, "\u201c7pm\u201d is not a time of day"),
])
def test_a_wrong_day_or_time_is_refused_in_one_line(catalog, showing, message):
    miff = catalogue_miff(catalog)
    with pytest.raises(ValidationError, match=message) as refused:
        catalog.films.update(miff.film, None, FilmEdit(screenings=[
            ScreeningData(miff.edition, showings=(showing,))]))
    assert "\n" not in str(refused.value)
    assert catalog.films.get(miff.film).screenings[0].showings == ()  # nothing written


def test_a_merge_keeps_the_showings_of_both_records_of_an_appearance_once(catalog):
    miff = catalogue_miff(catalog)
    first, second = (ShowingData(date(1989, 6, 10), "19:30", "Capitol"),
                     ShowingData(date(1989, 6, 12), "", "Forum Theatre"))
    catalog.films.update(miff.film, None, FilmEdit(screenings=[
        ScreeningData(miff.edition, showings=(first,))]))
    twin = catalog.films.create("From Russia With Rock", screenings=[
        ScreeningData(miff.edition, showings=(first, second))]).created_id
    assert_undo_redo(catalog, lambda: catalog.films.merge(miff.film, twin))
    [appearance] = catalog.films.get(miff.film).screenings
    assert appearance.showings == (first, second)
