"""The demo archive: the reference page fully catalogued, and the MovieLens titles."""

from curator.catalog import Catalog, FilmQuery
from curator.model.enums import PublicationState


def test_from_russia_with_rock_is_catalogued_as_the_page_gives_it(demo_archive):
    catalog = Catalog.open(demo_archive)
    [film_id] = catalog.search.films(FilmQuery(text="from russia with rock")).ids[:1]
    film = catalog.films.get(film_id)
    assert (film.title, film.year, film.countries, film.state) == (
        "From Russia with Rock", 1988, ("USSR",), PublicationState.PUBLISHED)
    assert film.directors == ("Marjaana Mykkanen",)
    director = catalog.people.get(film.credits[0].person_id)
    assert "Marjaana Mykkänen" in director.variants
    assert [s.label for s in film.screenings] == ["MIFF 1989"]
    paragraphs = film.synopsis_paragraphs
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("From Russia with Rock is the first overview")
    assert paragraphs[1].endswith("unsullied by the glam trappings afflicting its Western "
                                  "counterpart.")
    [quote] = film.quotes
    assert quote.text.startswith("The prime starting-point for the making of this film")
    assert quote.text.endswith("the first steps of perestroika in action.")
    assert quote.text.count("\n\n") == 1  # the statement's two paragraphs stay two
    assert quote.attribution == "Marjaana Mykkanen"
    assert catalog.search.films("nautilus pompilius").ids == [film_id]
    catalog.close()


def test_the_see_also_films_keep_the_page_text_and_invent_nothing(demo_archive):
    catalog = Catalog.open(demo_archive)
    film = catalog.films.get(catalog.search.films("mykkanen").ids[0])
    related = [catalog.films.get(r.film_id) for r in film.related]
    titles = [r.title for r in related]
    assert len(related) == 6
    assert "Defence Councel Sedov" in titles and "Off the Coast of the Antarctic" in titles
    assert "Black Square" in titles
    sedov = related[titles.index("Defence Councel Sedov")]
    assert sedov.synopsis.startswith("Late one evening in Moscow in 1937")
    assert sedov.synopsis.endswith("\u2026") and sedov.state == PublicationState.PUBLISHED
    untitled = [r for r in related if r.title.startswith("Untitled")]
    assert len(untitled) == 3
    assert all(r.state == PublicationState.DRAFT and "no title" in r.notes for r in untitled)
    assert all(r.year is None and r.countries == () for r in related)  # the page gives none
    catalog.close()


def test_the_festival_has_its_1989_edition_and_sections(demo_archive):
    catalog = Catalog.open(demo_archive)
    [miff] = catalog.festivals.all()
    assert (miff.name, miff.short_name) == ("Melbourne International Film Festival", "MIFF")
    [edition] = miff.editions
    assert edition.year == 1989 and edition.film_count == 7
    assert {s.name for s in edition.sections} >= {"Documentaries"}
    catalog.close()


def test_movielens_titles_follow_the_catalogue_conventions(demo_archive):
    catalog = Catalog.open(demo_archive)
    counts = catalog.counts()
    assert counts["films"] == 9_061 + 7  # 5 MovieLens rows have no title and are reported
    miserables = catalog.films.get_many(catalog.search.films(FilmQuery(text="miserables",
                                                            order="year")).ids)
    assert [(f.title, f.sort_title, f.year) for f in miserables][0] == (
        "Les Misérables", "Misérables", 1995)
    assert miserables[0].genres == ("Drama", "War")
    [postman] = catalog.films.get_many(catalog.search.films("postino").ids)
    assert (postman.title, postman.original_title) == ("The Postman", "Il Postino")
    [seven] = catalog.films.get_many(catalog.search.films(FilmQuery(text="se7en")).ids)
    assert seven.title == "Seven" and seven.alt_titles[0].title == "Se7en"
    assert ("movielens", "2") in {(e.scheme, e.value) for f in
                                  catalog.films.get_many(catalog.search.films("jumanji").ids)
                                  for e in f.external_ids}
    catalog.close()


def test_the_demo_has_a_published_retrospective_list_with_notes(demo_archive):
    catalog = Catalog.open(demo_archive)
    [lst] = catalog.lists.all()
    assert (lst.title, lst.state) == ("Perestroika on film", PublicationState.PUBLISHED)
    assert [i.title for i in lst.items] == ["From Russia with Rock", "Black Square",
                                            "Defence Councel Sedov"]
    assert all(i.note for i in lst.items)
    catalog.close()
