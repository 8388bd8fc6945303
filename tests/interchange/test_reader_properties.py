"""Every reader of outside files, on any input: a result, or one clear error, and never
another exception; a refused input leaves the archive as it was.

Property-based (Hypothesis): spreadsheets, catalogue files, archive pages, the site's
manifest and settings are each fed generated input, mixed from the pieces that broke
readers before (huge numbers, deep nesting, wrong types, broken characters, control
characters, stray quotes and tags). The examples are few and, in CI, the same every run
(tests/conftest.py).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from curator import CuratorError
from curator.catalog import Catalog, ValidationError
from curator.catalog.settings import site_address_problem
from curator.interchange.catalogue_file import import_catalogue
from curator.interchange.catalogue_merge import merge_catalogue
from curator.interchange.errors import ReadError
from curator.interchange.page_import import page_imports
from curator.interchange.pages import read_page
from curator.interchange.sheet_import import import_spreadsheet
from curator.interchange.spreadsheet import read_spreadsheet
from curator.publish.writer import MANIFEST, read_manifest

# -- pieces --------------------------------------------------------------------------------
ODD_TEXT = st.sampled_from(["", " ", "\x00", "\x1b[31m", "\ud800", "a\udfff", "\u2028",
                            "Наутилус", "中国", "=1+1", "\ufeff", "x" * 300])
TEXT = st.one_of(st.text(max_size=20), ODD_TEXT)
NUMBERS = st.one_of(st.integers(-5, 5), st.integers(2**62, 2**70), st.integers(),
                    st.floats(allow_nan=False), st.just(10**60))
SCALARS = st.one_of(st.none(), st.booleans(), NUMBERS, TEXT)
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=3)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=3), max_leaves=12)
IDS = st.one_of(st.integers(1, 4), JSON)


def record(required: dict[str, st.SearchStrategy], optional: list[str],
           parts: dict[str, st.SearchStrategy] | None = None) -> st.SearchStrategy:
    return st.fixed_dictionaries(
        {"id": IDS, **required},
        optional={**{k: JSON for k in optional}, **(parts or {})})


SECTION = record({"name": TEXT}, ["slug", "description"])
EDITION = record({"year": st.one_of(st.integers(1980, 1995), JSON)},
                 ["number", "starts_on", "ends_on", "intro", "state", "opening_film"],
                 {"sections": st.lists(SECTION, max_size=2)})
STILL = record({"sha256": TEXT}, ["width", "height", "caption", "primary", "focal_point"])
FILM = record({"title": st.one_of(TEXT, JSON)},
              ["year", "runtime", "synopsis", "state", "countries", "created_at", "slug"],
              {"credits": st.lists(st.one_of(JSON, st.fixed_dictionaries(
                  {"person": IDS, "role": st.sampled_from(["director", "cast", 5])})),
                  max_size=2),
               "screenings": st.lists(st.fixed_dictionaries(
                   {"edition": IDS}, optional={"section": IDS}), max_size=2),
               "stills": st.lists(STILL, max_size=1)})
PERSON = record({"name": st.one_of(TEXT, JSON)}, ["birth_year", "country", "variants"])
FESTIVAL = record({"name": TEXT}, ["short_name", "city"],
                  {"editions": st.lists(EDITION, max_size=2)})
DOCUMENT = st.fixed_dictionaries(
    {"format": st.just("curator-catalogue"), "format_version": st.just(1)},
    optional={"films": st.one_of(st.lists(FILM, max_size=3), JSON),
              "people": st.lists(PERSON, max_size=2),
              "festivals": st.lists(FESTIVAL, max_size=2),
              "awards": st.lists(record({"name": TEXT, "edition": IDS}, ["film", "person"]),
                                 max_size=1),
              "lists": st.lists(record({"title": TEXT}, ["curator"], {"items": st.lists(
                  st.fixed_dictionaries({"film": IDS}), max_size=2)}), max_size=1),
              "settings": st.one_of(st.dictionaries(TEXT, JSON, max_size=2), JSON)})


ADDRESSES = st.one_of(TEXT, st.builds("{}://{}{}".format,
                                      st.sampled_from(["http", "https", "javascript", "HTTPS",
                                                       "file", "ftp", ""]),
                                      st.sampled_from(["archive.example.org", "", "a b", "[::1",
                                                       "x:99999"]),
                                      st.sampled_from(["", "/", "/films/", "?q=1"])))


# well-formed documents with odd content, so that many examples get as far as the database
WORDS = st.one_of(st.text(min_size=1, max_size=20).filter(str.strip), ODD_TEXT.filter(str.strip))
GOOD_FILM = st.fixed_dictionaries(
    {"id": st.integers(1, 50), "title": WORDS},
    optional={"year": st.one_of(st.none(), st.integers(1870, 2025), st.integers(-3, 3)),
              "runtime": st.one_of(st.none(), st.integers(1, 300)), "synopsis": TEXT,
              "state": st.sampled_from(["draft", "published", "withdrawn", "lost"]),
              "countries": st.lists(WORDS, max_size=3), "genres": st.lists(WORDS, max_size=2),
              "quotes": st.lists(st.fixed_dictionaries({"text": WORDS}), max_size=2),
              "alt_titles": st.lists(st.fixed_dictionaries({"title": WORDS}), max_size=2),
              "created_at": st.sampled_from(["2020-01-02T03:04:05", "", None])})
GOOD_DOCUMENT = st.fixed_dictionaries(
    {"format": st.just("curator-catalogue"), "format_version": st.just(1),
     "films": st.lists(GOOD_FILM, max_size=4, unique_by=lambda f: f["id"])},
    optional={"people": st.lists(st.fixed_dictionaries({"id": st.integers(1, 9),
                                                         "name": WORDS}),
                                 max_size=2, unique_by=lambda p: p["id"]),
              "settings": st.dictionaries(st.sampled_from(["site_name", "site_base_url"]),
                                          ADDRESSES, max_size=2)})


def one_clear_line(exc: BaseException) -> None:
    assert isinstance(exc, CuratorError), repr(exc)
    message = str(exc)
    assert message.strip() and "\n" not in message and "Traceback" not in message


def snapshot(catalog: Catalog) -> tuple:
    return tuple(catalog.counts().items()), tuple(
        (f.id, f.title, f.countries) for f in catalog.films.get_many(range(1, 60)))


@pytest.fixture
def empty(tmp_path):
    catalog = Catalog.create(tmp_path / "Empty.curator")
    yield catalog
    catalog.close()


@pytest.fixture
def holding(tmp_path):
    """An archive that holds a film, so files are merged into it."""
    catalog = Catalog.create(tmp_path / "Holding.curator")
    catalog.films.create("The Needle", year=1988, countries=["USSR"])
    yield catalog
    catalog.close()


_ROOM: list[Path] = []  # where this module's examples write their files


@pytest.fixture(autouse=True, scope="module")
def _scratch_room(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The examples' files go below pytest's own temporary folder, which it clears away,
    not loose in the system's (a run of this module made hundreds of folders there)."""
    _ROOM[:] = [tmp_path_factory.mktemp("examples")]


def scratch(name: str) -> Path:
    return Path(tempfile.mkdtemp(dir=_ROOM[0])) / name


# -- catalogue files -----------------------------------------------------------------------
@given(document=st.one_of(GOOD_DOCUMENT, DOCUMENT, JSON))
def test_a_catalogue_file_restores_or_is_refused_whole(empty, document):
    path = scratch("festival.json")
    path.write_text(json.dumps(document), encoding="utf-8")
    try:
        changes = import_catalogue(empty, path)
    except CuratorError as exc:
        one_clear_line(exc)
        assert empty.snapshot.is_empty()
    else:
        empty.undo(changes)
        assert empty.snapshot.is_empty()


@given(document=st.one_of(GOOD_DOCUMENT, DOCUMENT))
def test_a_catalogue_file_merges_or_is_refused_whole(holding, document):
    path = scratch("more.json")
    path.write_text(json.dumps(document), encoding="utf-8")
    before = snapshot(holding)
    try:
        result = merge_catalogue(holding, path)
    except CuratorError as exc:
        one_clear_line(exc)
    else:
        holding.undo(result.changes)
    assert snapshot(holding) == before


@given(data=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_bytes_as_a_catalogue_file(empty, data):
    path = scratch("any.json")
    path.write_bytes(data)
    try:
        import_catalogue(empty, path)
    except CuratorError as exc:
        one_clear_line(exc)
    assert empty.snapshot.is_empty()


# -- spreadsheets --------------------------------------------------------------------------
CELLS = st.text(alphabet=st.sampled_from(list('ab 1,;\t"\'\n\r=é€Ж\x00') + ["\u2028"]),
                max_size=10)
VALUES = st.sampled_from(["9" * 400, "1" + "0" * 25, "1e400", "90 min", "1h 30m", "1:30",
                          "c. 1988", "1988-89", "99999", "-5", "tt0094012", "Q42", "USSR; Finland",
                          "2h " + "9" * 30 + "m", "1988?", "0", "1,5"])
HEADERS = st.lists(st.sampled_from(["Title", "Year", "Director", "Country", "Runtime", "", "X",
                                    "Festival", "Section", "IMDb"]), min_size=1, max_size=5)


@st.composite
def spreadsheets(draw) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=200))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = draw(HEADERS)
    if draw(st.integers(0, 4)):  # mostly a sheet with titles, which gets to the database
        header = ["Title", *header]
    rows = [header] + draw(st.lists(st.lists(st.one_of(CELLS, TEXT, VALUES), max_size=5),
                                            max_size=6))
    text = "\n".join(delimiter.join(row) for row in rows)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding, errors="replace" if encoding == "cp1252" else "surrogatepass")


@given(data=spreadsheets())
def test_a_spreadsheet_imports_or_is_refused_whole(empty, data):
    path = scratch("films.csv")
    path.write_bytes(data)
    try:
        sheet = read_spreadsheet(path)
    except ReadError as exc:
        one_clear_line(exc)
        assert str(exc).startswith("films.csv: ")
        assert empty.snapshot.is_empty()
        return
    try:
        result = import_spreadsheet(empty, path, sheet=sheet)
    except CuratorError as exc:  # no column holds the title
        one_clear_line(exc)
        assert empty.snapshot.is_empty()
        return
    for source, reason in result.errors:
        assert source.startswith("row ") and "\n" not in reason
    empty.undo(result.changes)
    assert empty.snapshot.is_empty()


# -- archive pages -------------------------------------------------------------------------
PAGE_BITS = st.one_of(st.sampled_from([
    "<html>", "<body>", "<h1>", "</h1>", "<p>", "</p>", "<blockquote>", "</blockquote>",
    "<figure>", "<figcaption>", "<cite>", "<li>", "</li>", "<ul>", '<a href="x">', "</a>",
    '<script type="application/ld+json">', "</script>", "<dl><dt>Runtime</dt><dd>", "</dd>",
    '{"@graph": ', '{"@type": "Movie", "name": ', "[[[[[[[[", "]", "}", "5", '"x"',
    "See also...", "USSR / Finland, 1988 (MIFF 1989, Rock)", "Director: A B, C D",
    "\u2014 Name", "More \u00bb", "<!--", "&amp;", "&#0;", "&#x110000;", "<", ">", "\n\n",
    "\x00", "\ud800"]), st.text(max_size=15))


@given(text=st.lists(PAGE_BITS, max_size=25).map("".join))
def test_any_page_reads_and_imports_or_reports(empty, text):
    page = read_page(Path("film-page.html"), text=text)
    assert all("\n" not in p for p in page.problems)
    items = page_imports(page)
    if not items:
        return
    result = empty.imports.run(items, label="Import film-page.html")
    empty.undo(result.changes)
    assert empty.snapshot.is_empty()


@given(data=st.binary(max_size=300))
def test_any_bytes_as_a_page_file(empty, data):
    path = scratch("page.txt")
    path.write_bytes(data)
    page = read_page(path)
    assert page.source == "page.txt"


# -- the site's manifest -------------------------------------------------------------------
def manifest_files(data: bytes) -> dict:
    folder = scratch("site")
    folder.mkdir()
    (folder / MANIFEST).write_bytes(data)
    files = read_manifest(folder)
    assert isinstance(files, dict)
    for path, entry in files.items():
        assert isinstance(path, str) and isinstance(entry, dict)
        assert all(isinstance(k, str) and isinstance(v, str) for k, v in entry.items())
    return files


@given(data=st.one_of(st.binary(max_size=100), JSON.map(lambda v: json.dumps(v).encode()),
                      st.dictionaries(TEXT, JSON, max_size=3).map(
                          lambda f: json.dumps({"files": f}).encode())))
def test_a_manifest_of_any_content_is_read_as_files_or_none(data):
    manifest_files(data)


def test_a_manifest_nested_too_deep_is_a_damaged_one():
    assert manifest_files(b'{"files": ' + b"[" * 100_000 + b"]" * 100_000 + b"}") == {}


# -- settings ------------------------------------------------------------------------------
@given(value=ADDRESSES, key=st.sampled_from(["site_base_url", "site_name", "export_folder"]))
def test_a_setting_is_stored_clean_or_refused(empty, key, value):
    before = empty.settings.get(key)
    try:
        empty.settings.set(key, value)
    except ValidationError as exc:
        one_clear_line(exc)
        assert empty.settings.get(key) == before
        return
    stored = empty.settings.get(key)
    assert "\x00" not in stored and "\x1b" not in stored
    if key == "site_base_url" and stored.strip():
        assert urlsplit(stored.strip()).scheme.lower() in ("http", "https")
        assert site_address_problem(stored) is None


# -- the list of unreferenced originals that `stills gc` keeps -----------------------------
@settings(max_examples=15)  # each example reads the archive: a few tell enough
@given(data=st.one_of(st.binary(max_size=60), JSON.map(lambda v: json.dumps(v).encode())))
def test_a_damaged_list_of_unreferenced_stills_only_restarts_their_wait(empty, data):
    from curator.stills import collect_unreferenced
    from curator.stills.collection import PENDING_FILE

    (empty.archive.stills_dir / PENDING_FILE).write_bytes(data)
    result = collect_unreferenced(empty)
    assert result.removed == []
