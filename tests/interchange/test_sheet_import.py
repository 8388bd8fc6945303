"""Importing spreadsheets into an archive: conventions, bad rows, no duplicates, one undo."""

from pathlib import Path

import pytest

from curator.catalog import FilmQuery
from curator.interchange.sheet_import import import_spreadsheet
from curator.model.enums import PublicationState

FESTIVAL_SHEET = """\
Title;Original title;Year;Director;Country;Runtime;Genres;IMDb;Festival;Section;Notes
Postman, The (Postino, Il);;1994;Michael Radford;Italy | France;1h 48m;Drama;tt0110877;MIFF 1995;;
Black Square;Chyornyy kvadrat;c. 1988;Iosif Pasternak;USSR;56 min;Documentary;;MIFF 1989;Docs;
From Russia with Rock;;1988;Marjaana Mykkänen;USSR / Finland;90;Documentary|Music;;MIFF 1989;;
Seven (a.k.a. Se7en);;1995-96;David Fincher;USA;2h 7m;Thriller;;;;
Broken year;;nineteen;Someone;USSR;;;;;;
;;1990;Nobody;USSR;;;;;;
Bad runtime;;1990;Somebody;USSR;ninety;;;;;
No year festival;;1990;Somebody;USSR;;;;Berlinale;;
"""


@pytest.fixture
def festival_sheet(tmp_path: Path) -> Path:
    path = tmp_path / "MIFF programme.csv"
    path.write_text(FESTIVAL_SHEET, encoding="utf-8-sig")
    return path


def test_movielens_imports_once_and_reports_rows_without_title(catalog, sample_data):
    path = sample_data / "movielens_titles.csv"
    first = import_spreadsheet(catalog, path)
    assert len(first.created) == 9061
    assert [s for s, _r in first.errors] == ["row 8478", "row 8480", "row 8970", "row 9014",
                                            "row 9064"]
    assert all(reason == "it has no title" for _s, reason in first.errors)
    les = catalog.search.films(FilmQuery(text="Misérables"), limit=20)
    assert "Les Misérables" in {f.title for f in catalog.films.get_many(les.ids)}

    again = import_spreadsheet(catalog, path)
    assert again.created == [] and len(again.unchanged) == 9061
    assert catalog.counts()["films"] == 9061
    assert again.summary() == ("0 new films, 0 updates, 9,061 already in the archive, "
                               "5 rows with errors")


def test_movielens_matches_the_demo_archive_by_its_ids(demo_catalog, sample_data):
    before = demo_catalog.counts()["films"]
    result = import_spreadsheet(demo_catalog, sample_data / "movielens_titles.csv",
                                dry_run=True)
    assert result.created == [] and len(result.unchanged) == 9061
    assert demo_catalog.counts()["films"] == before


def test_dry_run_prints_the_plan_and_changes_nothing(catalog, festival_sheet):
    result = import_spreadsheet(catalog, festival_sheet, dry_run=True)
    assert result.summary() == "4 new films, 0 updates, 4 rows with errors"
    assert not result.changes
    assert catalog.counts()["films"] == 0 and catalog.counts()["festivals"] == 0


def test_conventions_and_festivals(catalog, festival_sheet):
    result = import_spreadsheet(catalog, festival_sheet)
    assert dict(result.errors) == {
        "row 6": "\u201cnineteen\u201d is not a year",
        "row 7": "it has no title",
        "row 8": "\u201cninety\u201d is not a running time",
        "row 9": "the festival \u201cBerlinale\u201d is given without its year",
    }
    films = {f.title: f for f in catalog.films.get_many(result.created)}
    postman = films["The Postman"]
    assert postman.original_title == "Il Postino"
    assert postman.sort_title == "Postman"
    assert (postman.countries, postman.runtime, postman.directors) == (
        ("Italy", "France"), 108, ("Michael Radford",))
    assert [(e.scheme, e.value) for e in postman.external_ids] == [("imdb", "tt0110877")]
    square = films["Black Square"]
    assert square.original_title == "Chyornyy kvadrat" and square.year == 1988
    assert "c. 1988" in square.notes  # the approximate year is not passed off as exact
    assert [s.label for s in square.screenings] == ["MIFF 1989, Docs"]
    assert films["From Russia with Rock"].genres == ("Documentary", "Music")
    seven = films["Seven"]
    assert seven.alt_titles[0].title == "Se7en" and seven.runtime == 127
    assert all(f.state == PublicationState.DRAFT for f in films.values())
    [miff] = catalog.festivals.all()
    assert miff.short_name == "MIFF"
    assert sorted(e.year for e in miff.editions) == [1989, 1995]


def test_reimport_makes_no_duplicates_and_undo_is_one_step(catalog, festival_sheet):
    first = import_spreadsheet(catalog, festival_sheet)
    counts = catalog.counts()
    second = import_spreadsheet(catalog, festival_sheet)
    assert second.created == [] and len(second.unchanged) == 4
    assert catalog.counts() == counts  # no film, person, edition or screening twice
    redo = catalog.undo(first.changes)
    assert catalog.counts()["films"] == 0 and catalog.counts()["people"] == 0
    catalog.undo(redo)
    assert catalog.counts() == counts


def test_existing_policies(catalog, tmp_path):
    catalog.films.create("Black Square", year=1988, synopsis="", countries=["USSR"])
    path = tmp_path / "update.csv"
    path.write_text("Title,Year,Synopsis,Runtime,Country,Festival,Section\n"
                    "Black Square,1988,Avant-garde painting in the USSR.,56,USSR,MIFF 1989,Docs\n",
                    encoding="utf-8")
    skipped = import_spreadsheet(catalog, path, existing="skip")
    assert skipped.summary() == ("0 new films, 0 updates, 1 already in the archive, "
                                 "0 rows with errors")
    [fid] = skipped.unchanged
    assert catalog.films.get(fid).runtime is None

    updated = import_spreadsheet(catalog, path, existing="update")
    assert updated.updated == [fid]
    film = catalog.films.get(fid)
    assert (film.runtime, film.synopsis) == (56, "Avant-garde painting in the USSR.")
    assert [s.label for s in film.screenings] == ["MIFF 1989, Docs"]
    assert import_spreadsheet(catalog, path, existing="update").updated == []  # nothing new
    catalog.undo(updated.changes)
    film = catalog.films.get(fid)
    assert (film.runtime, film.screenings) == (None, ())

    duplicated = import_spreadsheet(catalog, path, existing="duplicate")
    assert len(duplicated.created) == 1
    assert catalog.counts()["films"] == 2


def test_rows_updating_one_film_add_its_parts_once(catalog, tmp_path):
    """Rows of one file that match the same film (by its IMDb id) see what the rows before
    them added: a credit, a title or an id is added once, and the last row's genres are
    the film's, as a row's replace the archive's."""
    first = tmp_path / "first.csv"
    first.write_text("Title,Year,Genres,IMDb\nBlack Square,1988,Documentary,tt0094012\n",
                     encoding="utf-8")
    [fid] = import_spreadsheet(catalog, first).created
    path = tmp_path / "update.csv"
    path.write_text(
        "Title,Year,Cast,Genres,Alternative titles,Wikidata\n"
        "Black Square,1988,,Drama,,\n"
        "Black Square,1988,Otar Iosseliani,Drama|War,Chyornyy kvadrat,Q4046957\n"
        "Black Square,1988,Otar Iosseliani,War,Chyornyy kvadrat,Q4046957\n",
        encoding="utf-8")
    updated = import_spreadsheet(catalog, path, existing="update")
    assert (updated.updated, updated.errors) == ([fid], [])
    film = catalog.films.get(fid)
    assert [(c.person_name, c.role) for c in film.credits] == [("Otar Iosseliani", "cast")]
    assert film.genres == ("War",)
    assert [a.title for a in film.alt_titles] == ["Chyornyy kvadrat"]
    assert sorted((e.scheme, e.value) for e in film.external_ids) == [
        ("imdb", "tt0094012"), ("wikidata", "Q4046957")]
    catalog.undo(updated.changes)
    film = catalog.films.get(fid)
    assert (film.credits, film.genres, film.alt_titles) == ((), ("Documentary",), ())


def test_people_match_on_name_variants(demo_catalog, tmp_path):
    path = tmp_path / "more.csv"
    path.write_text("Title\tYear\tDirector(s)\n"
                    "Another Rock Film\t1990\tMarjaana Mykkänen\n"
                    "From Russia with Rock\t1988\tmarjaana mykkanen\n"
                    "Rock Film Three\t1991\tMykkänen, Marjaana\n", encoding="utf-8")
    people = demo_catalog.counts()["people"]
    result = import_spreadsheet(demo_catalog, path)
    assert demo_catalog.counts()["people"] == people  # the variant is the same person
    assert len(result.created) == 2 and len(result.unchanged) == 1  # the demo's film matched
    films = demo_catalog.films.get_many(result.created)
    assert [f.directors for f in films] == [("Marjaana Mykkanen",)] * 2


def test_same_title_and_year_by_another_director_is_another_film(catalog, tmp_path):
    path = tmp_path / "hamlets.csv"
    path.write_text("Title,Year,Director\nHamlet,1990,Franco Zeffirelli\n"
                    "Hamlet,1990,Someone Else\nHamlet,1990,Franco Zeffirelli\n",
                    encoding="utf-8")
    result = import_spreadsheet(catalog, path)
    assert len(result.created) == 2 and len(result.repeated) == 1


def test_map_names_the_columns_the_guess_missed(catalog, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text("Werk,Entstanden,Wer\nStalker,1979,Andrei Tarkovsky\n", encoding="utf-8")
    from curator import CuratorError

    with pytest.raises(CuratorError, match="holds the title"):
        import_spreadsheet(catalog, path)
    result = import_spreadsheet(catalog, path, overrides=["Werk=title", "Entstanden=year",
                                                          "Wer=director"])
    film = catalog.films.get(result.created[0])
    assert (film.title, film.year, film.directors) == ("Stalker", 1979, ("Andrei Tarkovsky",))


def test_cancelling_leaves_the_archive_as_it_was(catalog, sample_data):
    from curator.catalog import Cancelled

    with pytest.raises(Cancelled):
        import_spreadsheet(catalog, sample_data / "movielens_titles.csv",
                           progress=lambda done, total: done < 3000)
    assert catalog.counts()["films"] == 0


def test_festivals_match_by_name_or_short_name(demo_catalog, tmp_path):
    path = tmp_path / "programme.csv"
    path.write_text("Title,Year,Festival,Festival year,Section\n"
                    "Rock Around the Kremlin,1989,Melbourne International Film Festival,1989,"
                    "documentaries\n"
                    "Assa,1987,MIFF,1989,Late Night\n", encoding="utf-8")
    before = demo_catalog.counts()
    result = import_spreadsheet(demo_catalog, path)
    after = demo_catalog.counts()
    assert (after["festivals"], after["editions"]) == (before["festivals"], before["editions"])
    assert after["sections"] == before["sections"] + 1  # only "Late Night" is new
    labels = [s.label for f in demo_catalog.films.get_many(result.created) for s in f.screenings]
    assert labels == ["MIFF 1989, Documentaries", "MIFF 1989, Late Night"]


def test_an_update_sets_the_state_the_sheet_gives_and_only_then(catalog, tmp_path):
    fid = catalog.films.create("Black Square", year=1988, countries=["USSR"]).created_id
    stated = tmp_path / "published.csv"
    stated.write_text("Title,Year,State\nBlack Square,1988,Published\n", encoding="utf-8")
    updated = import_spreadsheet(catalog, stated, existing="update")
    assert updated.summary().startswith("0 new films, 1 update,")
    assert catalog.films.get(fid).state == "published"
    assert import_spreadsheet(catalog, stated, existing="update").updated == []
    silent = tmp_path / "no state.csv"  # no State column: the film keeps its own
    silent.write_text("Title,Year,Runtime\nBlack Square,1988,56\n", encoding="utf-8")
    later = import_spreadsheet(catalog, silent, existing="update")
    assert (catalog.films.get(fid).state, catalog.films.get(fid).runtime) == ("published", 56)
    catalog.undo(later.changes)
    catalog.undo(updated.changes)
    assert catalog.films.get(fid).state == "draft"



# Every kind of column, and each field that takes several values in two columns ("Cast"
# and "Actors"): the same rows with each pair in one cell must read as the same films.
PEOPLE = [("Ann Lee", "Bo Ek"), ("", "Cy Do"), ("Di Ma", ""), ("", "")]
EVERY_COLUMN = {
    "Title": ["Misérables, Les (Elenditt, A)", "Hamlet (Act One)", "Hamlet (Act Two)", "Été"],
    "Original title": ["", "Gamlet", "", "Summer"],
    ("AKA", "Also known as"): [("Les Mis", "Misery"), ("", ""), ("One", ""), ("", "Ete")],
    "Year": ["c. 1988", "1990", "1990", "1988-89"],
    ("Director", "Directed by"): [("Agnès Varda", "Mike Leigh"), ("Kira Muratova", ""),
                                  ("", "Muratova, Kira"), ("Otar Iosseliani |", "; Leigh")],
    ("Country", "Production country"): [("USSR /", "Finland"), ("France", "USSR / Finland"),
                                        ("", ""), ("West Germany;", " / Italy")],
    "Runtime": ["1h 30m", "90 min", "", "2:05"],
    "Synopsis": ["  A film.  ", "", "Two\nlines.", ""],
    ("Genres", "Tags"): [("Drama", "(no genres listed)"), ("n/a", "Comedy|Drama"), ("", "-"),
                         ("War", "")],
    ("Language", "Sprache"): [("Russian", "Finnish"), ("", ""), ("French", ""), ("", "")],
    "Kind": ["Short film", "doc", "", "feature"], "Format": [" 35mm", "", "16mm", ""],
    "Colour": ["b/w", "", "", "colour"],
    ("Notes", "Comments"): [(" from the catalogue", "page 3"), ("", "x"), ("", ""), ("a", "")],
    "State": ["public", "", "draft", "published"],
    "IMDb": ["tt0094012", "", "https://www.imdb.com/title/tt0101010/", ""],
    "Wikidata": ["Q42", "", "", ""], "movieId": ["12", "", "7", ""],
    "Festival": ["MIFF 1989", "Berlinale", "", "MIFF"], "Festival year": ["", "1990", "", "1991"],
    "Section": ["Animation", "", "", "Docs"], "Premiere": ["World", "", "", ""],
    ("Cast", "Actors"): PEOPLE, ("Producer", "Produced by"): PEOPLE,
    ("Writer", "Screenplay"): PEOPLE, ("Camera", "Cinematography"): PEOPLE,
    ("Editor", "Editing"): PEOPLE, ("Composer", "Music"): PEOPLE,
}


def test_two_columns_of_one_field_read_as_one_column_holding_both():
    from curator.interchange.mapping import guess_mapping
    from curator.interchange.sheet_import import films_from_sheet
    from curator.interchange.spreadsheet import read_spreadsheet, write_rows

    def films(header: list[str], rows: list[list[str]]):
        sheet = read_spreadsheet("films.csv", data=write_rows(header, rows).encode())
        mapping = guess_mapping(sheet.header)
        assert "" not in mapping  # every column is read
        return films_from_sheet(sheet, mapping)

    def as_cells(column: str | tuple[str, str]) -> tuple[str, ...]:
        return column if isinstance(column, tuple) else (column,)

    apart = films([h for column in EVERY_COLUMN for h in as_cells(column)],
                  [[cell for cells in EVERY_COLUMN.values() for cell in as_cells(cells[n])]
                   for n in range(4)])
    # in one cell, values are joined as a cataloguer would: by "; ", and notes by a space
    together = films([as_cells(column)[0] for column in EVERY_COLUMN],
                     [[(" " if column == ("Notes", "Comments") else "; ").join(cells[n])
                       if isinstance(cells[n], tuple) else cells[n]
                       for column, cells in EVERY_COLUMN.items()] for n in range(4)])
    assert apart == together
    films_read, errors = apart
    assert [f.film.title for f in films_read] == [
        "Les Misérables", "Hamlet (Act One)", "Hamlet (Act Two)", "Été"] and not errors
