"""The exported site in real headless Chromium: what a visitor sees, clicks and searches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlparse

import pytest
from publish_demo import Demo

from curator.publish import export_site
from curator.publish.serve import SiteServer

playwright_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FILM = "films/7/from-russia-with-rock/"


@pytest.fixture(scope="module")
def site_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("browser") / "site"


@pytest.fixture(scope="module")
def served(demo: Demo, site_folder: Path) -> Iterator[str]:
    folder = site_folder
    # Served under the sub-path of the archive's base URL, as the festival's web server
    # will: links must be relative (the 404 page's start at the base URL's path).
    export_site(demo.catalog, folder, still_files=demo.still_files)
    with SiteServer(folder, prefix="/films/") as server:
        yield server.url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed")
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Visit:
    """A page that records every request it makes and every error it logs."""

    def __init__(self, browser, **options) -> None:  # noqa: ANN001 - a Playwright Browser
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, **options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(
            f"{m.text} ({m.location.get('url')}, on {self.page.url})"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser) -> Iterator[Visit]:  # noqa: ANN001
    v = Visit(browser)
    yield v
    v.close()


def test_the_film_page_shows_the_reference(served: str, visit: Visit, tmp_path: Path):
    page = visit.page
    page.goto(served + FILM)
    assert page.title().startswith("From Russia with Rock")
    assert page.locator("h1").inner_text() == "From Russia with Rock"
    assert page.locator(".appearances").inner_text() == "USSR, 1988 (MIFF 1989, Documentaries)"
    assert page.locator(".directors").inner_text() == "Director: Marjaana Mykkanen"
    quote = page.locator(".quote")
    assert "Nautilus Pompilius" in quote.locator("blockquote").inner_text()
    assert "Marjaana Mykkanen" in quote.locator("figcaption").inner_text()
    still = page.locator(".lead-still img")
    assert still.get_attribute("alt") == "A rock band playing under stage lights"
    assert page.evaluate("document.querySelector('.lead-still img').naturalWidth") > 0
    entries = page.locator(".see-also li")
    assert entries.count() == 4
    assert entries.first.locator("h3").inner_text() == "Black Square"
    assert entries.first.locator(".film-meta").inner_text() == "USSR, 1988"
    assert entries.first.locator(".more").inner_text().startswith("More")
    assert "\u00bb" in entries.first.locator(".more").inner_text()
    entries.first.locator(".more").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Black Square"
    page.go_back()
    page.screenshot(path=str(tmp_path / "film.png"), full_page=True)
    assert visit.errors == []
    assert all(url.startswith(served) for url in visit.requests), visit.requests


def test_search_finds_by_director_statement_accents_and_festival(served: str, visit: Visit):
    page = visit.page
    page.goto(served)
    page.fill("#home-q", "mykkanen")
    page.press("#home-q", "Enter")
    page.wait_for_selector("#search-results li")
    assert "From Russia with Rock" in page.locator("#search-results li a").all_inner_texts()
    for query, expected in (("nautilus", "From Russia with Rock"),
                            ("MYKKÄNEN", "From Russia with Rock"),
                            ("сценарий", "Script </title> Test"),
                            ("antarc", "Off the Coast of the Antarctic")):
        page.fill("#q", query)
        page.wait_for_function(
            "q => document.getElementById('search-status').textContent.includes(q)", arg=query)
        titles = page.locator("#search-results li .film-title a").all_inner_texts()
        assert expected in titles, (query, titles)
    page.fill("#q", "miff 1989")
    page.wait_for_function("document.getElementById('search-status').textContent"
                           ".includes('miff 1989')")
    assert page.locator("#search-results li").count() == 5
    page.fill("#q", "zzyzx")
    page.wait_for_function("document.getElementById('search-status').textContent"
                           ".startsWith('No film')")
    assert visit.errors == []
    assert all(url.startswith(served) for url in visit.requests)


def test_a_crawl_from_home_reaches_every_page_without_a_broken_link(
        served: str, visit: Visit, site_folder: Path):
    page = visit.page
    seen: set[str] = set()
    queue = [served]
    statuses: dict[str, int] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        if not url.endswith("/"):  # a data file, not a page: fetch it, do not show it
            statuses[url] = page.request.get(url).status
            continue
        response = page.goto(url)
        statuses[url] = response.status if response else 0
        # (a record's page in another database is named as such, and not followed)
        for href in page.eval_on_selector_all("a[href]:not([rel~=external])",
                                              "els => els.map(e => e.href)"):
            if href.startswith("data:"):  # a citation to download, made in the page
                continue
            target = urldefrag(href).url.split("?")[0]
            assert urlparse(target).netloc == urlparse(served).netloc, (url, href)
            assert target.startswith(served), (url, href)
            if target not in seen:
                queue.append(target)
    broken = {u: s for u, s in statuses.items() if s != 200}
    assert broken == {}
    pages = {u for u in seen if u.endswith("/")}
    # every page but the addresses that lead to a film's page (films/<id>/)
    written = {served + p.parent.relative_to(site_folder).as_posix() + "/"
               for p in site_folder.rglob("index.html")
               if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")}
    assert pages == {u.replace("/./", "/").replace(served + "./", served) for u in written}
    assert {served + FILM, served + "festivals/miff-1989/", served + "directors/m/",
            served + "years/1988/", served + "countries/ussr/", served + "search/"} <= pages
    assert any("/people/" in u for u in pages) and any("/lists/" in u for u in pages)
    assert any("/sections/" in u for u in pages)
    assert served + "data/catalogue.json" in seen
    assert visit.errors == []
    assert all(url.startswith(served) for url in visit.requests)


def test_missing_pages_get_the_404_page(served: str, visit: Visit):
    response = visit.page.goto(served + "films/999999/nothing/")
    assert response.status == 404
    assert visit.page.locator("h1").inner_text() == "Page not found"
    visit.page.click("text=Go to the home page")
    assert visit.page.url == served
    assert all(url.startswith(served) for url in visit.requests)


def test_keyboard_focus_starts_at_the_skip_link(served: str, visit: Visit):
    page = visit.page
    page.goto(served + FILM)
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    assert page.locator(".skip").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_read_without_javascript(served: str, browser, tmp_path: Path):  # noqa: ANN001
    v = Visit(browser, java_script_enabled=False)
    try:
        v.page.goto(served + FILM)
        assert v.page.locator(".see-also h2").text_content() == "See also\u2026"
        v.page.goto(served + "search/")
        assert "needs JavaScript" in v.page.locator("main").inner_text()
        v.page.goto(served)
        v.page.screenshot(path=str(tmp_path / "home.png"), full_page=True)
    finally:
        v.close()


def test_small_screens_get_one_column(served: str, browser):  # noqa: ANN001
    v = Visit(browser)
    try:
        v.page.set_viewport_size({"width": 390, "height": 800})
        v.page.goto(served + FILM)
        width = v.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390  # nothing forces sideways scrolling
        # the story and the facts beside it on a wide screen stack in one column here
        boxes = v.page.evaluate("""[...document.querySelector('.film-columns').children]
            .map(e => { const r = e.getBoundingClientRect();
                        return [Math.round(r.left), Math.round(r.top), Math.round(r.bottom)]; })""")
        assert len(boxes) == 2
        (left1, _, bottom1), (left2, top2, _) = boxes
        assert left1 == left2 and top2 >= bottom1
        current = v.page.evaluate("document.querySelector('.lead-still img').currentSrc")
        assert "-480." in current  # the small derivative, not the large one
    finally:
        v.close()
