"""Catalogue files: everything in the archive goes out, comes back, and goes out the same."""

import json
from dataclasses import replace
from datetime import date

import pytest

from curator.catalog import Catalog
from curator.catalog.film_edit import FILM_PARTS
from curator.catalog.records import (
    AltTitleData,
    CreditData,
    ExternalIdData,
    QuoteData,
    QuoteSource,
    RelatedData,
    ScreeningData,
    ShowingData,
)
from curator.interchange.catalogue_file import (
    FORMAT_VERSION,
    CatalogueFileError,
    export_catalogue,
    import_catalogue,
    write_catalogue,
)
from curator.model.enums import Premiere, PublicationState


def _enrich(cat: Catalog) -> int:
    """Give the demo archive one of everything the demo itself lacks."""
    [festival] = cat.festivals.all()
    edition = festival.editions[0]
    cat.editions.update(edition.id, None, starts_on=date(1989, 6, 9), ends_on=date(1989, 6, 25),
                       number=38)
    person = cat.people.create("Juris Podnieks", variants=["Юрис Подниекс"], birth_year=1950,
                               external_ids=[ExternalIdData("wikidata", "Q1985")]).created_id
    # the archive's own fields, a number field before a text one
    reels = cat.fields.add("Reels", "number").created_id
    shelf = cat.fields.add("Shelf mark").created_id
    film = cat.films.create(
        "Is It Easy to Be Young?", original_title="Vai viegli būt jaunam?", year=1986,
        countries=["USSR", "Latvia"], languages=["Latvian", "Russian"], genres=["Music"],
        screenings=[ScreeningData(edition.id, premiere=Premiere.NATIONAL, showings=(
            ShowingData(date(1989, 6, 10), "19:30", "Kino Rodina"),
            ShowingData(date(1989, 6, 12)),
        ))], runtime=83,
        kind="documentary", colour="colour",
        format="35mm", alt_titles=[AltTitleData("Legko li byt molodym?", "Russian title")],
        credits=[CreditData(person, "director"), CreditData(person, "cinematographer")],
        quotes=[QuoteData("A generation speaks.", "The Age", "review")],
        external_ids=[ExternalIdData("imdb", "tt0091356")],
        related=[RelatedData(1, "also Soviet youth")],
        state=PublicationState.PUBLISHED, notes="Print from the Riga archive.",
        field_values=[(reels, "5"), (shelf, "B-12")],
    ).created_id
    cat.awards.create(edition.id, "Audience Award", film_id=film, person_id=person)
    lst = cat.lists.create("Soviet rock on film, 1986-91", [film, 1], curator="M. K.",
                                introduction="Glasnost years.").created_id
    cat.lists.annotate(lst, film, "Opens the programme.")
    cat.stills.add([{"sha256": "ab" * 32, "width": 1280, "height": 1024, "format": "jpeg",
                     "original_name": "square.jpg", "caption": "Concert", "credit": "MIFF",
                     "alt_text": "A crowd", "rights": "GPL-2+", "focal_x": 0.25}], film_id=film)
    cat.stills.add([{"sha256": "cd" * 32, "width": 800, "height": 600, "format": "png"}],
                   person_id=person)
    cat.settings.set("site_url", "https://archive.miff.example/")
    cat.saved_searches.save("Soviet rock", "country:ussr genre:music")
    # printed sources, their pages named by SHA-256 like stills, and what cites them
    page = {"sha256": "ef" * 32, "format": "PDF", "width": 2480, "height": 3508}
    source = cat.sources.add("MIFF 1989 catalogue", [{**page, "number": n, "file_page": n - 1}
                                                     for n in (1, 2, 3)],
                             edition_id=edition.id, date="1989-06", language="English",
                             publishable=True, note="Cover torn").created_id
    cat.sources.add("Festival history", [{**page, "sha256": "12" * 32, "format": "JPEG",
                                          "number": 1, "original_name": "history.jpg"}],
                    festival_id=festival.id)
    cited = QuoteSource(source, 3, (0.1, 0.2, 0.5, 0.25))
    cat.films.update(film, None, quotes=[QuoteData("A generation speaks.", "The Age", "review",
                                                   cited)])
    cat.sources.cite(source, 2, (0.05, 0.1, 0.9, 0.4), film_id=film)
    cat.sources.cite(source, 1, person_id=person)
    # the past: the film typed twice and merged, its page's address before a new title,
    # two films said not to be one
    twin = cat.films.create("Is It Easy to Be Young?", year=1986).created_id
    cat.films.merge(film, twin)
    cat.films.update(film, None, title="Is It Easy to Be Young? (Riga print)")
    cat.duplicates.mark_not_duplicate("film", 2, 1)
    return film


def test_round_trip_of_the_demo_archive_is_identical(demo_catalog, tmp_path):
    film = _enrich(demo_catalog)
    first = tmp_path / "first.json"
    write_catalogue(demo_catalog, first)
    empty = Catalog.create(tmp_path / "Empty.curator")
    try:
        changes = import_catalogue(empty, first)
        second = tmp_path / "second.json"
        write_catalogue(empty, second)
        assert second.read_bytes() == first.read_bytes()
        assert empty.counts() == demo_catalog.counts()
        copy = empty.films.get(film)
        assert copy.alt_titles[0] == AltTitleData("Legko li byt molodym?", "Russian title")
        assert [s.focal_x for s in copy.stills] == [0.25]
        assert empty.settings.get("site_url") == "https://archive.miff.example/"
        assert [(s.name, s.query, s.count) for s in empty.saved_searches.all()][-1] == (
            "Soviet rock", "country:ussr genre:music", 1)
        assert empty.sources.all() == demo_catalog.sources.all()
        assert empty.fields.all() == demo_catalog.fields.all()
        assert empty.sources.citation_of(film_id=film).reference == "MIFF 1989 catalogue, p. 2"
        assert copy.quotes[0].cited.region == (0.1, 0.2, 0.5, 0.25)
        person = copy.credits[0].person_id
        assert empty.sources.citation_of(person_id=person) == replace(
            demo_catalog.sources.citation_of(person_id=person),
            id=empty.sources.citation_of(person_id=person).id)
        assert len(changes.rows) > 9000
        # links and decisions of the past hold: the merged-away id, the old address, the pair
        assert empty.films.resolve(film + 1) == film
        assert [(a.film_id, a.slug) for a in empty.addresses.past()] == [
            (a.film_id, a.slug) for a in demo_catalog.addresses.past()]
        assert (film, "is-it-easy-to-be-young") in [(a.film_id, a.slug)
                                                    for a in empty.addresses.past()]
        assert {(p.first_id, p.second_id) for p in empty.duplicates.films()} == {
            (p.first_id, p.second_id) for p in demo_catalog.duplicates.films()}
        original = demo_catalog.films.get(film)
        assert copy.screenings[0].showings == (
            ShowingData(date(1989, 6, 10), "19:30", "Kino Rodina"), ShowingData(date(1989, 6, 12)))
        for name in FILM_PARTS:  # every part of a film, a part added later too
            assert getattr(original, name), f"the test film has no {name}"
            assert _without_ids(getattr(copy, name)) == _without_ids(getattr(original, name))
    finally:
        empty.close()


def _without_ids(values: tuple) -> list:
    """A part's records without their own row ids (a catalogue file does not keep those)."""
    return [replace(v, id=0) if hasattr(v, "id") else v for v in values]


def test_the_document_says_what_it_is(demo_catalog):
    document = export_catalogue(demo_catalog)
    assert (document["format"], document["format_version"]) == ("curator-catalogue",
                                                                FORMAT_VERSION)
    film = next(f for f in document["films"] if f["title"] == "From Russia with Rock")
    assert film["credits"][0]["role"] == "director"
    person = next(p for p in document["people"] if p["id"] == film["credits"][0]["person"])
    assert person["variants"] == ["Marjaana Mykkänen"]
    assert film["quotes"][0]["source"] == "Director's statement"
    assert len(film["related"]) == 6 and film["state"] == "published"
    assert json.dumps(document)  # plain JSON values only


def test_a_catalogue_file_is_restored_only_into_an_empty_archive(demo_catalog, tmp_path):
    path = tmp_path / "demo.json"
    write_catalogue(demo_catalog, path)
    from curator.catalog import Conflict

    with pytest.raises(Conflict, match="empty archive"):
        import_catalogue(demo_catalog, path)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not valid JSON"),
    ('{"films": []}', "not a Curator catalogue file"),
    ('{"format": "curator-catalogue", "format_version": 99}', "format 99, newer than the format 1"),
    ('{"format": "curator-catalogue", "format_version": 1, "films": [{"id": 1}]}',
     "film 1: \u201ctitle\u201d is missing"),
    ('{"format": "curator-catalogue", "format_version": 1, "films": [{"id": 1, "title": "A",'
     ' "credits": [{"person": 7, "role": "director"}]}]}', "refers to person 7"),
    ('{"format": "curator-catalogue", "format_version": 1, "films": [{"id": 1, "title": "A",'
     ' "citation": {"source": 3, "page": 1}}]}', "refers to source 3"),
    ('{"format": "curator-catalogue", "format_version": 1, "festivals": [{"id": 1, "name":'
     ' "MIFF"}], "sources": [{"id": 3, "title": "Catalogue", "festival": 1, "pages": [{"number":'
     ' 1, "sha256": "../../etc/passwd"}]}]}', "not a SHA-256"),
    ('{"format": "curator-catalogue", "format_version": 1, "festivals": [{"id": 1, "name":'
     ' "MIFF"}], "sources": [{"id": 3, "title": "Catalogue", "festival": 1, "pages": [{"number":'
     ' 1, "sha256": "' + "ab" * 32 + '"}]}], "films": [{"id": 1, "title": "A", "quotes": [{"text":'
     ' "Hi", "cited": {"source": 3, "page": 4}}]}]}', "has no such page"),
    ('{"format": "curator-catalogue", "format_version": 1, "festivals": [{"id": 1, "name":'
     ' "MIFF", "editions": [{"id": 2, "year": 1989}]}], "films": [{"id": 1, "title": "A",'
     ' "screenings": [{"edition": 2, "showings": [{"day": "1989-06-10", "time": "25:00"}]}]}]}',
     "Film 1: A showing's time \u201c25:00\u201d is not a time of day"),
    ('{"format": "curator-catalogue", "format_version": 1, "festivals": [{"id": 1, "name":'
     ' "MIFF", "editions": [{"id": 2, "year": 1989}]}], "films": [{"id": 1, "title": "A",'
     ' "screenings": [{"edition": 2, "showings": [{"day": "1989-13-40"}]}]}]}',
     "1989-13-40"),
    ('{"format": "curator-catalogue", "format_version": 1, "films": [{"id": 1, "title": "A"}],'
     ' "merged_films": [{"id": 1, "film": 1}]}', "Film 1 is in the file and also merged"),
    ('{"format": "curator-catalogue", "format_version": 1, "films": [{"id": 1, "title": "A"}],'
     ' "not_duplicates": [{"kind": "festival", "first": 1, "second": 2}]}',
     "of films or of people"),
    ('{"format": "curator-catalogue", "format_version": 1, "past_addresses": [{"film": 1}]}',
     "past address 1 of the file: \u201cslug\u201d is missing"),
])
def test_a_wrong_file_is_refused_with_a_reason(catalog, tmp_path, content, message):
    path = tmp_path / "wrong.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogueFileError, match=message):
        import_catalogue(catalog, path)
    assert catalog.counts()["films"] == 0


def test_a_restore_is_one_undoable_step(catalog, tmp_path):
    path = tmp_path / "small.json"
    path.write_text(json.dumps({
        "format": "curator-catalogue", "format_version": 1,
        "people": [{"id": 4, "name": "Marjaana Mykkanen", "variants": ["Marjaana Mykkänen"]}],
        "festivals": [{"id": 2, "name": "MIFF", "editions": [
            {"id": 3, "year": 1989, "sections": [{"id": 5, "name": "Documentaries"}]}]}],
        "films": [{"id": 40, "title": "From Russia with Rock", "year": 1988,
                   "credits": [{"person": 4, "role": "director"}],
                   "screenings": [{"edition": 3, "section": 5}]}],
    }), encoding="utf-8")
    changes = import_catalogue(catalog, path)
    film = catalog.films.get(40)  # the file's ids are kept: they are in the site's URLs
    assert film.directors == ("Marjaana Mykkanen",)
    assert [s.label for s in film.screenings] == ["MIFF 1989, Documentaries"]
    redo = catalog.undo(changes)
    assert catalog.counts()["films"] == 0 and catalog.counts()["people"] == 0
    catalog.undo(redo)
    assert catalog.films.get(40).title == "From Russia with Rock"


def test_into_an_archive_with_records_the_films_merge(demo_catalog, catalog, tmp_path):
    path = tmp_path / "demo.json"
    write_catalogue(demo_catalog, path)
    catalog.films.create("From Russia with Rock", year=1988)  # already here, no director yet
    from curator.interchange.catalogue_merge import merge_catalogue

    result = merge_catalogue(catalog, path, existing="update")
    assert len(result.created) == 9067 and len(result.updated) == 1
    film = catalog.films.get(result.updated[0])
    assert film.directors == ("Marjaana Mykkanen",)
    assert [s.label for s in film.screenings] == ["MIFF 1989"]
    assert len(film.related) == 6 and film.quotes[0].source == "Director's statement"
    again = merge_catalogue(catalog, path)
    assert again.created == []  # a second merge adds nothing
