"""A quote records the printed source's page it was typed from, and keeps it through edits."""

from __future__ import annotations

import pytest
from PIL import Image

from curator.catalog import FilmEdit, ValidationError
from curator.catalog.records import QuoteData, QuoteSource
from curator.sources import add_source
from tests.helpers import assert_undo_redo, catalogue_miff
from tests.sources.printed import pdf_of


@pytest.fixture
def printed(catalog, tmp_path):
    """MIFF 1989 and a three-page catalogue of it."""
    miff = catalogue_miff(catalog)
    pdf = tmp_path / "catalogue.pdf"
    pdf.write_bytes(pdf_of([Image.new("L", (200, 280), 255)] * 3))
    return miff, add_source(catalog, [pdf], edition_id=miff.edition).source_id


def test_a_quote_keeps_its_source_through_edits_of_the_film(catalog, printed):
    miff, source = printed
    cited = QuoteSource(source, 2, (0.1, 0.25, 0.8, 0.2))
    statement = QuoteData("The first steps of perestroika in action.", "Marjaana Mykkanen",
                          "Director's statement", cited)
    review = QuoteData("A document of its moment.", "Variety")
    assert_undo_redo(catalog, lambda: catalog.films.update(
        miff.film, None, FilmEdit(quotes=[statement, review])))
    film = catalog.films.get(miff.film)
    assert film.quotes == (statement, review)
    assert catalog.films.get_many([miff.film])[0].quotes == film.quotes  # the export's read
    # an edit of other fields, then of the quotes themselves, keeps the citation
    catalog.films.update(miff.film, None, FilmEdit(title="From Russia With Rock", runtime=75))
    assert catalog.films.get(miff.film).quotes[0].cited == cited
    fixed = QuoteData("The first steps of perestroika, in action.", statement.attribution,
                      statement.source, cited)
    catalog.films.update(miff.film, None, FilmEdit(quotes=[review, fixed]))
    assert catalog.films.get(miff.film).quotes == (review, fixed)
    # the citation is removed only when the edit says so, and undo brings it back
    plain = QuoteData(fixed.text, fixed.attribution, fixed.source)
    changes = catalog.films.update(miff.film, None, FilmEdit(quotes=[review, plain]))
    assert catalog.films.get(miff.film).quotes[1].cited is None
    catalog.undo(changes)
    assert catalog.films.get(miff.film).quotes[1].cited == cited


def test_a_quotes_source_must_have_the_page(catalog, printed):
    miff, source = printed
    with pytest.raises(ValidationError, match="has no page 9"):
        catalog.films.update(miff.film, None, FilmEdit(quotes=[
            QuoteData("Words.", cited=QuoteSource(source, 9))]))
    with pytest.raises(ValidationError, match="inside its page"):
        catalog.films.update(miff.film, None, FilmEdit(quotes=[
            QuoteData("Words.", cited=QuoteSource(source, 1, (0.5, 0.5, 0.9, 0.9)))]))
    assert catalog.films.get(miff.film).quotes[0].cited is None


def test_deleting_the_source_or_the_film_takes_the_quotes_citation_and_undo_restores_it(
        catalog, printed):
    miff, source = printed
    catalog.films.update(miff.film, None, FilmEdit(quotes=[
        QuoteData("Words.", "Anna", cited=QuoteSource(source, 3))]))
    catalog.undo(catalog.films.delete(miff.film))
    assert catalog.films.get(miff.film).quotes[0].cited == QuoteSource(source, 3)
    deleted = catalog.sources.delete(source)
    assert catalog.films.get(miff.film).quotes[0] == QuoteData("Words.", "Anna")
    catalog.undo(deleted)
    assert catalog.films.get(miff.film).quotes[0].cited == QuoteSource(source, 3)
