"""The quick read path of `curator info` and `curator search` (catalog/glance.py) answers
exactly what the catalogue answers, and leaves to the catalogue what it cannot answer."""

import shutil
import sqlite3

import pytest

from curator.catalog import Catalog, FilmQuery, glance
from curator.store import integrity

QUERIES = ["mykkanen", "Mykkänen", "miserables", "les mis", "Les Misérables", "the", "a",
           "love", "rock russia", "toy story", "zzzqqq", "m", "star wars", "l'amour"]


@pytest.mark.folder_only  # the quick path reads archive folders; a server is the catalogue's
def test_search_finds_what_the_catalogue_finds_in_the_same_order(demo_archive):
    catalog = Catalog.open(demo_archive)
    try:
        for text in QUERIES:
            for limit in (1, 20, 200):
                result = catalog.search.films(FilmQuery.parse(text), limit=limit)
                rows = catalog.films.rows(result.ids)
                quick = glance.search_films(demo_archive, text, limit)
                assert quick is not None, text
                total, lines = quick
                assert total == result.total, text
                assert [(r.id, r.title, r.year, r.countries, r.directors) for r in rows] \
                    == [tuple(line) for line in lines], (text, limit)
        counts = catalog.counts()
        revision = catalog.schema_revision()
    finally:
        catalog.close()
    summary = glance.summary(demo_archive)
    assert summary is not None
    assert summary.counts == counts and counts["films"] == 9068
    assert summary.revision == revision and summary.address == str(demo_archive)


@pytest.mark.folder_only
def test_leaves_to_the_catalogue_what_it_cannot_answer(demo_archive, tmp_path):
    # field:value conditions, no words, a query the language refuses
    for text in ("rock year:1988", "", "  ", "year:19888"):
        assert glance.search_films(demo_archive, text, 20) is None, text
    # a server, a missing folder, a folder that is not an archive
    for where in ("postgresql://anna@db.example.org/miff", "miff.curator-team",
                  tmp_path / "none.curator", tmp_path):
        assert glance.summary(where) is None and glance.search_films(where, "rock", 5) is None
    # an archive whose last session did not close: the full open checks it first
    copy = tmp_path / "Copy.curator"
    shutil.copytree(demo_archive, copy)
    (copy / integrity.MARKERS_DIR).mkdir(exist_ok=True)
    (copy / integrity.MARKERS_DIR / "elsewhere-999999999-dead").touch()
    assert glance.summary(copy) is None
    # an archive of an older schema: the full open upgrades it after a backup
    shutil.rmtree(copy / integrity.MARKERS_DIR)
    db = sqlite3.connect(copy / "archive.sqlite")
    with db:
        db.execute("UPDATE alembic_version SET version_num = 'newer-than-this-curator'")
    db.close()
    assert glance.summary(copy) is None
