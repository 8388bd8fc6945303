"""Exporting the demo archive: what is written, what never is, and that failing changes nothing."""

from __future__ import annotations

import errno
import json
import re
from html import unescape
from pathlib import Path

import html5lib
import pytest
from publish_demo import SCRIPT_SYNOPSIS, SECRET, Demo, site_files

from curator.catalog import Cancelled
from curator.cli import main
from curator.model.enums import PublicationState
from curator.publish import (
    ExportError,
    Selection,
    SelectionError,
    check_archive,
    export_site,
    parse_selection,
)
from curator.publish.search_encoding import decode_ids
from curator.publish.writer import MANIFEST, SiteWriter


@pytest.fixture(scope="module")
def site(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    return out


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def film_page(site: Path, film_id: int) -> str:
    [page] = (site / "films" / str(film_id)).glob("*/index.html")
    return page.read_text(encoding="utf-8")


def test_every_page_is_valid_html5_with_json_ld(site: Path):
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    for page in pages:
        text = page.read_text(encoding="utf-8")
        try:
            doc = parser.parse(text)
        except html5lib.html5parser.ParseError as exc:
            pytest.fail(f"{page.relative_to(site)} is not valid HTML5: {exc}")
        assert doc.get("lang") == "en"
        if 'http-equiv="refresh"' in text:  # a film's address leading to its page
            assert doc.find(".//a").get("href").startswith("../" if "/" in page.parent
                                                            .name else ""), page
            continue
        assert doc.find(".//main") is not None and doc.find(".//nav") is not None
        assert len(doc.findall(".//h1")) == 1, page
        [ld] = [s.text for s in doc.iter("script") if s.get("type") == "application/ld+json"]
        assert json.loads(ld)["@type"], page


def test_film_page_has_the_reference_fields(site: Path):
    html = film_page(site, 7)
    text = unescape(re.sub(r"<[^>]+>", "", html))
    assert "<title>From Russia with Rock · " in html
    assert "USSR, 1988 (MIFF 1989, Documentaries)" in text
    assert "Director: Marjaana Mykkanen" in text
    assert "Nautilus Pompilius from Sverdlovsk" in text and "<blockquote>" in html
    assert "— Marjaana Mykkanen, Director's statement" in text
    assert "Runtime</dt><dd>57 min" in html and "Languages</dt><dd>Russian, Finnish" in html
    assert "Vyacheslav Butusov" in text and "(Himself)" in text
    assert "Best Documentary" in text
    # the primary still: responsive, with alt text and credit
    assert 'alt="A rock band playing under stage lights"' in html
    assert re.search(r'srcset="\.\./\.\./\.\./media/\w\w/\w+-480\.webp 480w, ', html)
    assert "YLE" in text
    assert '<link rel="canonical" href="https://archive.example.org/films/films/7/' in html
    ld = json.loads(re.search(r'ld\+json">(.*?)</script>', html, re.S).group(1))
    assert ld["@type"] == "Movie" and ld["director"][0]["name"] == "Marjaana Mykkanen"
    assert ld["image"][0]["@type"] == "ImageObject"
    assert ld["subjectOf"][0]["@type"] == "ScreeningEvent"


def test_see_also_follows_the_rule_and_never_shows_drafts(site: Path):
    html = film_page(site, 7)
    see_also = html.split('id="see-also-h"')[1]
    titles = re.findall(r"<h3>(?:<a [^>]*>)?([^<]+)", see_also)
    # manual links first (the published ones, in the archivist's order), then same director
    # then same director, section (already there), and same edition and country
    assert titles == ["Black Square", "Defence Councel Sedov", "Off the Coast of the Antarctic",
                      "Script &lt;/title&gt; Test"]
    assert see_also.count("More<span") == len(titles)
    assert "USSR, 1988" in see_also
    teasers = re.findall(r'<p class="teaser">(.*?) <a', see_also, re.S)
    assert all(len(t) <= 201 for t in teasers)
    assert any(t.endswith("\u2026") for t in teasers)


def test_a_script_in_a_synopsis_stays_text(site: Path, demo: Demo):
    html = film_page(site, demo.script_id)
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;owned&#34;)&lt;/script&gt;" in html
    assert "<title>Script &lt;/title&gt; Test" in html
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    scripts = [s for s in doc.iter("script") if s.get("type") != "application/ld+json"]
    assert scripts == []
    ld = [s.text for s in doc.iter("script") if s.get("type") == "application/ld+json"][0]
    assert "</script" not in ld and json.loads(ld)["description"].startswith(
        SCRIPT_SYNOPSIS[:20])


def test_unpublished_records_never_leak(site: Path, demo: Demo):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt"):
            content = path.read_text(encoding="utf-8")
            assert SECRET not in content, path
            assert "Untitled (See also" not in content, path
            assert "find it in the MIFF 1989 catalogue" not in content, path  # internal notes
    assert not (site / "films" / str(demo.draft_id)).exists()
    listing = read(site, next(p for p in (site / "lists").rglob("index.html")).relative_to(
        site).as_posix())
    assert listing.count('class="film-title"') == 2  # the draft film on the list is left out


def test_empty_fields_are_omitted(site: Path):
    for page in site.rglob("*.html"):
        html = re.sub(r"<(script|style)\b.*?</\1>", "", page.read_text(encoding="utf-8"),
                      flags=re.S)  # what a reader sees, not code
        text = re.sub(r"<[^>]+>", "", html)
        assert "(, )" not in text and "()" not in text and " , " not in text, page
        assert "None" not in text, page


def test_links_are_relative_and_resolve(site: Path):
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"]+)"', html):
            assert not href.startswith("/"), (page, href)
            if href.startswith(("https://archive.example.org", "#", "data:", "https://www.",
                                "https://movielens.org/")):
                continue
            target = (page.parent / href.split("#")[0].split("?")[0]).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page.relative_to(site), href)


def test_sitemap_search_index_and_data_download(site: Path, demo: Demo):
    sitemap = read(site, "sitemap.xml")
    assert "<loc>https://archive.example.org/films/films/7/from-russia-with-rock/</loc>" in sitemap
    data = json.loads(read(site, "data/catalogue.json"))
    assert {f["title"] for f in data["films"]} >= {"From Russia with Rock", "Black Square"}
    assert all("notes" not in f for f in data["films"])
    meta = json.loads(read(site, "search/meta.json"))
    name = max((first, name) for first, name in meta["words"] if first <= "mykkanen")[1]
    terms = json.loads(read(site, f"search/words/{name}.json"))
    assert 7 in decode_ids(terms["mykkanen"][0])
    manifest = json.loads(read(site, MANIFEST))
    assert "films/7/from-russia-with-rock/index.html" in manifest["files"]
    assert manifest["selection"] == "all"


def test_second_export_writes_nothing_and_one_change_rewrites_only_its_pages(
        demo: Demo, tmp_path: Path):
    out = tmp_path / "site"
    first = export_site(demo.catalog, out, still_files=demo.still_files)
    assert first.written > 20 and first.removed == 0
    before = site_files(out)
    mtime = (out / "index.html").stat().st_mtime_ns
    again = export_site(demo.catalog, out, still_files=demo.still_files)
    assert (again.written, again.removed) == (0, 0)
    assert again.summary == f"0 pages written, {again.unchanged} unchanged, 0 removed"
    assert site_files(out) == before and (out / "index.html").stat().st_mtime_ns == mtime

    film = demo.catalog.films.get(5)
    changes = demo.catalog.films.update(5, film.version, synopsis="A new synopsis of the film "
                                       "about the Antarctic.")
    try:
        third = export_site(demo.catalog, out, still_files=demo.still_files)
    finally:
        demo.catalog.undo(changes)
    after = site_files(out)
    changed = {p for p in after if before.get(p) != after[p]}
    assert "films/5/off-the-coast-of-the-antarctic/index.html" in changed
    assert "films/7/from-russia-with-rock/index.html" in changed  # its See also shows film 5
    assert not any(p.startswith(("people/", "directors/", "years/")) for p in changed)
    assert third.written == len(changed - {MANIFEST}) < first.written / 3


def test_a_failure_mid_export_leaves_the_previous_site_intact(
        demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    before = site_files(out)
    demo.catalog.settings.set("site_name", "Renamed Archive")  # every page changes
    writes = {"n": 0}
    real = SiteWriter._write_bytes

    def full_disk(self: SiteWriter, target: Path, data: bytes) -> None:
        writes["n"] += 1
        if writes["n"] > 10:
            raise OSError(errno.ENOSPC, "No space left on device", str(target))
        real(self, target, data)

    monkeypatch.setattr(SiteWriter, "_write_bytes", full_disk)
    try:
        with pytest.raises(ExportError, match="No space left on device.*previous site"):
            export_site(demo.catalog, out, still_files=demo.still_files)
        assert site_files(out) == before
        assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left

        monkeypatch.setattr(SiteWriter, "_write_bytes", real)
        with pytest.raises(Cancelled):
            export_site(demo.catalog, out, still_files=demo.still_files,
                        progress=lambda done, total, msg: "search index" not in msg)
        assert site_files(out) == before
        assert [p.name for p in tmp_path.iterdir()] == ["site"]
    finally:
        demo.catalog.settings.set("site_name", "")


def test_a_folder_that_is_not_a_site_is_refused(demo: Demo, tmp_path: Path):
    (tmp_path / "thesis.odt").write_text("my thesis")
    with pytest.raises(ExportError, match="not a Curator site"):
        export_site(demo.catalog, tmp_path, still_files=demo.still_files)
    assert [p.name for p in tmp_path.iterdir()] == ["thesis.odt"]


def test_selections(demo: Demo, tmp_path: Path):
    one = export_site(demo.catalog, tmp_path / "one", Selection.films([7, demo.draft_id]),
                      still_files=demo.still_files)
    assert one.films == 1 and one.skipped == [f"film {demo.draft_id} \u201c{SECRET}\u201d is "
                                               "not published"]
    html = film_page(tmp_path / "one", 7)
    assert '<h3>Black Square</h3>' in html  # not exported: plain text, no broken link
    assert not (tmp_path / "one" / "festivals").exists()
    assert "MIFF 1989" in html and 'href="../../../festivals/' not in html

    edition = export_site(demo.catalog, tmp_path / "ed", parse_selection("edition:miff-1989"),
                          still_files=demo.still_files)
    assert edition.films == 5 and (tmp_path / "ed" / "festivals" / "miff-1989").is_dir()
    listed = export_site(demo.catalog, tmp_path / "list",
                         parse_selection(f"list:{demo.list_id}"), still_files=demo.still_files)
    assert listed.films == 2 and (tmp_path / "list" / "lists").is_dir()
    person = export_site(demo.catalog, tmp_path / "person",
                         parse_selection(f"person:{demo.person_id}"),
                         still_files=demo.still_files)
    assert person.films == 2  # From Russia with Rock and Defence Councel Sedov

    # exporting a selection into a full site's folder removes what is no longer in it
    narrowed = export_site(demo.catalog, tmp_path / "ed", Selection.films([7]),
                           still_files=demo.still_files)
    assert narrowed.removed > 0 and not (tmp_path / "ed" / "festivals").exists()
    for spec in ("film:x", "genre:rock", "edition:", "list:0"):
        with pytest.raises(SelectionError):
            parse_selection(spec)
    with pytest.raises(SelectionError, match="no edition"):
        export_site(demo.catalog, tmp_path / "none", parse_selection("edition:cannes-1946"))


def test_check_lists_poor_pages(demo: Demo):
    problems = [str(p) for p in check_archive(demo.catalog)]
    assert 'film 2 \u201cBlack Square\u201d: no director' in problems
    assert any(p.startswith("still ") and p.endswith("no alt text") for p in problems)
    assert any(p.startswith("still ") and p.endswith("no credit") for p in problems)
    assert any(p.startswith(f"list {demo.list_id} ") and SECRET in p for p in problems)
    assert not any("From Russia with Rock\u201d: no" in p for p in problems)


def test_duplicate_slugs_are_reported(catalog):
    a = catalog.films.create("Nostalgia", year=1983, state=PublicationState.PUBLISHED).created_id
    b = catalog.films.create("Nostalgia", year=1983, state=PublicationState.PUBLISHED).created_id
    problems = [p for p in check_archive(catalog) if "duplicate slug" in p.message]
    assert {(p.kind, p.id) for p in problems} == {("film", a), ("film", b)}


def test_cli_export_and_check(demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture):
    archive = str(demo.catalog.archive.location)
    assert main(["export", archive, str(tmp_path / "site"), "--select", "film:7"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "Reading the catalogue" in out
    assert re.fullmatch(r"\d+ pages written, 0 unchanged, 0 removed", out[-1])
    assert main(["export", archive, str(tmp_path / "site"), "--select", "film:7"]) == 0
    assert re.fullmatch(r"0 pages written, \d+ unchanged, 0 removed",
                        capsys.readouterr().out.splitlines()[-1])
    assert main(["export", archive, str(tmp_path / "x"), "--select", "shelf:3"]) == 1
    assert "Unknown selection" in capsys.readouterr().err
    assert main(["check", archive]) == 1
    assert "film 2 \u201cBlack Square\u201d: no director" in capsys.readouterr().out


def test_bulk_reads_match_one_at_a_time_for_a_fully_catalogued_film(demo: Demo):
    ids = [demo.film_id, demo.draft_id, demo.script_id, 2]
    bulk = demo.catalog.films.get_many(ids)
    assert bulk == [demo.catalog.films.get(i) for i in ids]  # the one-film read, film by film
    assert bulk[0].awards and bulk[0].stills and bulk[0].lists and len(bulk[0].credits) == 3
