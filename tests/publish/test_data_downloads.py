"""The data downloads: the catalogue as CSV (films, credits, screenings) read back with the
csv module and compared with the catalogue, and each film's JSON beside its address."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from publish_demo import SECRET, Demo

from curator.model.enums import PublicationState
from curator.publish import export_site
from curator.publish.data_files import (
    CREDIT_COLUMNS,
    CSV_FILES,
    FILM_COLUMNS,
    JOIN,
    SCREENING_COLUMNS,
    SHOWING_COLUMNS,
)

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture(scope="module")
def site(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data") / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    return out


def _rows(site: Path, name: str) -> tuple[list[str], list[dict[str, str]]]:
    with (site / "data" / name).open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def test_the_csv_files_hold_the_published_catalogue(site: Path, demo: Demo):
    published = {f.id: f for f in demo.catalog.films.records_in_state(PublicationState.PUBLISHED)}
    columns, films = _rows(site, "films.csv")
    assert tuple(columns) == FILM_COLUMNS
    assert {int(r["id"]) for r in films} == set(published)
    assert SECRET not in (site / "data" / "films.csv").read_text("utf-8")
    for row in films:
        film = published[int(row["id"])]
        assert row["title"] == film.title and row["original_title"] == film.original_title
        assert row["year"] == (str(film.year) if film.year else "")
        assert row["countries"] == JOIN.join(film.countries)
        assert row["directors"] == JOIN.join(film.directors)
        assert row["synopsis"] == film.synopsis  # paragraphs, quotes and commas intact
        assert (site / row["url"] / "index.html").is_file()
    reference = next(r for r in films if r["id"] == str(demo.film_id))
    assert reference["languages"] == "Russian | Finnish" and reference["runtime_minutes"] == "57"
    script = next(r for r in films if r["id"] == str(demo.script_id))
    assert script["original_title"] == "Сценарий"  # UTF-8, any script

    columns, credits = _rows(site, "credits.csv")
    assert tuple(columns) == CREDIT_COLUMNS
    expected = [(f.id, c.role, c.person_name, c.character)
                for f in published.values() for c in f.credits]
    assert sorted((int(r["film_id"]), r["role"], r["name"], r["character"])
                  for r in credits) == sorted(expected)
    assert ("cast", "Vyacheslav Butusov", "Himself") in {
        (r["role"], r["name"], r["character"]) for r in credits
        if r["film_id"] == str(demo.film_id)}

    columns, screenings = _rows(site, "screenings.csv")
    assert tuple(columns) == SCREENING_COLUMNS
    assert sorted((int(r["film_id"]), r["festival"], int(r["edition_year"]), r["section"])
                  for r in screenings) == sorted(
        (f.id, s.festival_name, s.edition_year, s.section_name)
        for f in published.values() for s in f.screenings)


def test_each_film_has_its_json_beside_its_permanent_address(site: Path, demo: Demo):
    catalogue = json.loads((site / "data" / "catalogue.json").read_text("utf-8"))
    for film in catalogue["films"]:
        beside = json.loads((site / "films" / str(film["id"]) / "film.json").read_text("utf-8"))
        assert beside == film
    page = (site / "films/7/from-russia-with-rock/index.html").read_text("utf-8")
    assert '<a href="../../../films/7/film.json" type="application/json">JSON</a>' in page
    assert not (site / "films" / str(demo.draft_id)).exists()


def test_every_page_links_every_download(site: Path):
    for page in (site / "index.html", site / "films/7/from-russia-with-rock/index.html"):
        footer = page.read_text("utf-8").split('<footer class="colophon">')[1]
        root = "./" if page.parent == site else "../../../"
        for path in ("data/catalogue.json", *CSV_FILES):
            assert f'<a href="{root}{path}"' in footer and (site / path).is_file(), path


def test_the_readme_documents_every_column():
    text = README.read_text("utf-8")
    section = text[text.index("**Data downloads.**"):]
    for column in {*FILM_COLUMNS, *CREDIT_COLUMNS, *SCREENING_COLUMNS, *SHOWING_COLUMNS}:
        assert f"`{column}`" in section, column
