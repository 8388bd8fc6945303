"""Everything a film page holds is imported: untitled pages, several directors, every See-also
entry, titles printed in capitals."""

from pathlib import Path

from curator.catalog import FilmQuery
from curator.interchange.page_import import import_pages
from curator.interchange.pages import read_page
from curator.model.enums import PublicationState

PAGES = Path(__file__).parent / "files" / "pages"


def test_a_page_named_by_its_id_imports_as_an_untitled_draft_with_that_id(catalog):
    result, _pages = import_pages(catalog, [PAGES / "film-20447.txt"])
    film = catalog.films.get(result.film_ids[0])
    assert film.title == "Untitled (archive film 20447)"
    assert [(e.scheme, e.value) for e in film.external_ids] == [("archive-film", "20447")]
    assert film.state == PublicationState.DRAFT and "shows no title" in film.notes
    assert (film.year, film.countries, film.directors) == (1976, ("West Germany",),
                                                           ("Wim Wenders",))
    assert result.untitled == [film.id] and result.errors == []
    assert result.summary().startswith(
        "2 new films (1 untitled, under Saved searches \u203a No title)")
    untitled = catalog.search.films(FilmQuery(attention="untitled")).ids
    assert untitled == [film.id]
    [outcome] = [o for o in result.outcomes if o.film_id == film.id]
    assert outcome.outcome == "untitled"

    again, _pages = import_pages(catalog, [PAGES / "film-20447.txt"])
    assert again.created == [] and catalog.counts()["films"] == 2  # matched by its id


def test_a_file_name_that_reads_as_a_title_names_the_film(tmp_path):
    page = read_page(PAGES / "kings-of-the-road.txt")
    assert page.title == "Kings of the Road" and not page.untitled
    assert "taken from the file name" in page.problems[0]
    assert page.archive_id == ""


def test_a_page_without_title_or_id_in_its_name_still_imports_whole(catalog, tmp_path):
    path = tmp_path / "page.txt"
    path.write_text((PAGES / "film-20447.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result, _pages = import_pages(catalog, [path])
    film = catalog.films.get(result.film_ids[0])
    assert film.title == "Untitled (page.txt)" and film.external_ids == ()
    assert film.synopsis.startswith("Two men travel") and len(film.related) == 1


def test_several_directors_each_get_a_credit(catalog):
    result, _pages = import_pages(catalog, [PAGES / "directors.txt"])
    film = catalog.films.get(result.film_ids[0])
    assert film.directors == ("Juris Podnieks", "Marjaana Mykkanen", "Kira Muratova",
                              "Otar Iosseliani")


def test_a_title_in_capitals_is_set_in_title_case_and_kept_as_printed(catalog):
    result, _pages = import_pages(catalog, [PAGES / "directors.txt"])
    film = catalog.films.get(result.film_ids[0])
    assert film.title == "Kings of the Road"
    assert [a.title for a in film.alt_titles] == ["KINGS OF THE ROAD"]
    related = [catalog.films.get(r.film_id) for r in film.related]
    assert related[0].title == "Back in the USSR"  # the acronym kept
    assert [a.title for a in related[0].alt_titles] == ["BACK IN THE USSR"]


def test_every_see_also_entry_comes_in_page_order_titled_or_not(catalog):
    result, _pages = import_pages(catalog, [PAGES / "directors.txt"])
    film = catalog.films.get(result.film_ids[0])
    assert [r.title for r in film.related] == [
        "Back in the USSR", "Untitled (See also 2 of Kings of the Road)", "Black Square"]
    ussr, puppets, square = (catalog.films.get(r.film_id) for r in film.related)
    assert (ussr.year, ussr.countries) == (1991, ("USSR",))
    assert puppets.synopsis.startswith("A devastating puppet-animated parable")
    assert "Synopsis from a See also teaser" in puppets.notes
    assert "no title" in puppets.notes and puppets.state == PublicationState.DRAFT
    assert (square.year, square.countries) == (1988, ("USSR",))
    assert sorted(result.untitled) == [puppets.id]


def test_a_see_also_film_already_in_the_archive_is_linked_not_added(catalog):
    square = catalog.films.create("Black Square", year=1988, countries=["USSR"]).created_id
    result, _pages = import_pages(catalog, [PAGES / "directors.txt"])
    film = catalog.films.get(result.film_ids[0])
    assert film.related[2].film_id == square
    assert catalog.films.get(square).synopsis == ""  # skipped: the archive's record stays


def _html(head: str) -> str:
    return (f"<html><head>{head}</head><body><p>West Germany, 1976 (MIFF 1977)</p>"
            "<p>Director: Wim Wenders</p><p>Two men travel along the border.</p></body></html>")


def test_an_html_page_without_title_takes_id_and_title_from_its_address(tmp_path):
    path = tmp_path / "index.html"
    path.write_text(_html('<link rel="canonical" '
                          'href="https://archive.example/films/20447/kings-of-the-road/">'),
                    encoding="utf-8")
    page = read_page(path)
    assert (page.title, page.archive_id) == ("Kings of the Road", "20447")
    assert "the page's address" in page.problems[0]

    path.write_text(_html('<meta property="og:url" content="https://archive.example/f?id=3">'),
                    encoding="utf-8")
    page = read_page(path)
    assert page.untitled and page.title == "Untitled (index.html)"  # "f" reads as no title
