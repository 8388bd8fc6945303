"""The search page on an index laid out as for a big archive, in Chromium: words common
enough that their films' facet codes come from the code shards, facet counts that must
come out exactly as Python counts them (with words and without), titles read only for the
page shown, and a quick re-export's index (or one patched for films whose words changed)
the same as a full one's."""

from __future__ import annotations

import dataclasses
import random
import re
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from chromium import chromium

from curator.catalog.records import CreditRecord, FilmRecord, ScreeningRecord
from curator.publish import search_index
from curator.publish.pages import Links, Page
from curator.publish.render import Renderer
from curator.publish.search_index import SearchIndex, held_of
from curator.publish.search_patch import Rewording, patch_index
from curator.publish.selection import ALL
from curator.publish.serve import SiteServer
from curator.publish.site import Site

WORDS = "river night winter summer dream border train island".split()
COUNTRIES = ("USSR", "Finland", "France", "Japan")
KINDS = ("feature", "documentary", "short")


def _films(n: int) -> dict[int, FilmRecord]:
    rng = random.Random(17)
    now = datetime.now(UTC)
    films = {}
    for i in range(1, n + 1):
        year = rng.randint(1960, 1999)
        director = rng.randint(1, 60)
        films[i] = FilmRecord(
            id=i, slug=f"film-{i}", title=f"{rng.choice(WORDS).title()} {i}",
            original_title="", sort_title=f"{rng.choice(WORDS).title()} {i}", year=year,
            runtime=90, format="35mm", colour="", kind=rng.choice(KINDS),
            synopsis=" ".join(rng.choice(WORDS) for _ in range(6)), notes="",
            state="published", version=1, created_at=now, updated_at=now,
            countries=(rng.choice(COUNTRIES),), languages=("English",),
            credits=(CreditRecord(i, director, f"Director Number{director}", "director", "", 0),),
            screenings=(ScreeningRecord(i, 1, 1989, 1, "Melbourne International Film Festival",
                                        "MIFF", 1 + i % 3, ("Features", "Shorts", "Rock")[i % 3],
                                        ""),))
    return films


def _site(films: dict[int, FilmRecord]) -> tuple[Site, Links]:
    site = Site(name="Scale", base_url="", selection=ALL, films=films, published=films,
                people={}, festivals=[])
    return site, Links(site, films={i: f"films/{i}/{f.slug}/" for i, f in films.items()})


@pytest.fixture(scope="module")
def films() -> dict[int, FilmRecord]:
    return _films(900)


@pytest.fixture(scope="module")
def site(films: dict[int, FilmRecord], tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale") / "site"
    with pytest.MonkeyPatch.context() as patch:
        # as in an archive of many thousands: a word in more than 20 films has its films'
        # codes looked up in the code shards
        patch.setattr(search_index, "INLINE_FEWEST", 20)
        index = SearchIndex(*_site(films))
        files = list(index.files())
    for path, data in files:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    renderer = Renderer()
    for path, source in renderer.assets():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(source.read_bytes())
    chrome = {"name": "Scale", "directors": False, "years": False, "countries": False,
              "festivals": False, "language": "en", "logo": "", "feed": False}
    page = Page("search/", "search.html", {"site": chrome, "title": "Search",
                                           "description": "", "canonical": None,
                                           "jsonld": "{}", "nav": "search", "film_count": 0})
    (folder / "search" / "index.html").write_bytes(renderer.render(page))
    return folder


def _count(films: dict[int, FilmRecord], *tests: Callable[[FilmRecord], bool]) -> int:
    return sum(all(t(f) for t in tests) for f in films.values())


def _option(page, name: str, label: str) -> int | None:  # noqa: ANN001 - a Playwright page
    for text in page.locator(f"select[name={name}] option").all_inner_texts():
        m = re.fullmatch(re.escape(label) + r" \(([\d,]+)\)", text)
        if m:
            return int(m.group(1).replace(",", ""))
    return None


def _settle(page, text: str) -> str:  # noqa: ANN001
    page.wait_for_function(
        "t => document.getElementById('search-status').textContent.includes(t)", arg=text)
    return page.locator("#search-status").inner_text()


def test_counts_follow_words_and_facets_exactly(site: Path, films: dict[int, FilmRecord]):
    def finnish(f: FilmRecord) -> bool:
        return "Finland" in f.countries

    def eighties(f: FilmRecord) -> bool:
        return 1980 <= f.year < 1990

    def dream(f: FilmRecord) -> bool:
        return "dream" in f.synopsis.split() or f.title.startswith("Dream")

    with chromium() as browser, SiteServer(site) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        requests: list[str] = []
        every: list[str] = []
        page.on("request", lambda r: (requests.append(r.url), every.append(r.url)))
        page.goto(server.url + "search/")
        page.wait_for_selector("#search-facets select[name=country]")
        # no words, two facets: each facet's counts over the films of the other
        page.locator("select[name=country]").select_option("c-finland")
        _settle(page, "match Finland.")
        requests.clear()
        page.locator("select[name=decade]").select_option("d1980")
        expected = _count(films, finnish, eighties)
        assert _settle(page, "match") == (f"{expected} films match Finland, 1980s. "
                                          "The first 20 are shown.")
        assert _option(page, "country", "France") == _count(
            films, eighties, lambda f: "France" in f.countries)
        assert _option(page, "decade", "1990s") == _count(
            films, finnish, lambda f: 1990 <= f.year < 2000)
        assert _option(page, "kind", "short") == _count(
            films, finnish, eighties, lambda f: f.kind == "short")
        assert page.locator("#search-results li").count() == 20
        # titles are read for the page shown only
        shards = {u for u in requests if "/search/films/" in u}
        assert 0 < len(shards) <= 20
        page.locator("#search-more").click()
        page.wait_for_function("document.querySelectorAll('#search-results li').length > 20")
        assert page.locator("#search-results li").count() == min(40, expected)

        # a common word: its films' codes come from the code shards, the counts stay right
        requests.clear()
        page.fill("#q", "dream")
        status = _settle(page, "\u201cdream\u201d, Finland")
        expected = _count(films, finnish, eighties, dream)
        assert status.startswith(f"{expected} films match")
        assert any("/search/codes/" in u for u in every)
        assert _option(page, "country", "Japan") == _count(
            films, eighties, dream, lambda f: "Japan" in f.countries)
        titles = page.locator("#search-results .film-title a").all_inner_texts()
        # films with the word in their title come first
        firsts = [t.startswith("Dream") for t in titles]
        assert firsts == sorted(firsts, reverse=True) and firsts[0]
        director = page.locator("select[name=director]")
        assert director.is_visible()
        best = max(range(1, 61), key=lambda d: (_count(
            films, finnish, eighties, dream,
            lambda f, d=d: f.credits[0].person_id == d), -d))
        assert _option(page, "director", f"Director Number{best}") == _count(
            films, finnish, eighties, dream, lambda f: f.credits[0].person_id == best)

        # a director chosen, then the words taken away: the director's films alone
        director.select_option(f"p{best}")
        page.locator("select[name=country]").select_option("")
        page.locator("select[name=decade]").select_option("")
        page.fill("#q", "")
        status = _settle(page, "match Director Number")
        expected = _count(films, lambda f: f.credits[0].person_id == best)
        assert status.startswith(f"{expected} film")
        page.close()


def test_a_re_index_of_changed_films_is_a_full_index(films: dict[int, FilmRecord]):
    site, links = _site(films)
    index = SearchIndex(site, links)
    before = dict(index.files())
    changed = dict(films)
    changed[5] = dataclasses.replace(films[5], title="Zebra Crossing", countries=("Chad",))
    del changed[6]
    later, later_links = _site(changed)
    rewritten = dict(index.replace(site, later, later_links, [5, 6]))
    full = dict(SearchIndex(later, later_links).files())
    assert {**{p: d for p, d in before.items() if p in full}, **rewritten} == full
    # the rest is carried as it was: other films' titles, the codes of other values
    assert [p for p in rewritten if p.startswith("search/films/")] == ["search/films/0.json"]
    assert len(rewritten) < len(full) / 3
    assert "search/facet/c-chad.json" in rewritten


def test_an_index_patched_for_films_whose_words_changed_is_a_full_index(
        films: dict[int, FilmRecord], monkeypatch: pytest.MonkeyPatch):
    # small shards, so that the words of one film move cuts and the shards beside them
    monkeypatch.setattr(search_index, "INLINE_FEWEST", 20)
    monkeypatch.setattr(search_index, "SHARD_TARGET", 300)
    site, links = _site(films)
    index = SearchIndex(site, links)
    before = dict(index.files())
    changed = dict(films)
    many = " ".join(f"{w}{n}" for n in range(60) for w in ("aurora", "mystic", "zephyr"))
    changed[5] = dataclasses.replace(films[5], synopsis=f"{films[5].synopsis} {many} river")
    changed[7] = dataclasses.replace(films[7], synopsis="")
    changed[9] = dataclasses.replace(films[9], original_title="Aurora Borealis")
    later, later_links = _site(changed)
    reworded = []
    for i in (5, 7, 9):
        words, titled = index.words_of(i)
        now = held_of(changed[i], later, later_links)
        reworded.append(Rewording(i, index.digests[i], frozenset(words), frozenset(titled),
                                  frozenset(now[0]), frozenset(now[1]), *now[2:]))
    patched, dropped = patch_index(before.__getitem__, reworded)
    full = dict(SearchIndex(later, later_links).files())
    after = {p: d for p, d in before.items() if p not in dropped}
    after.update(patched)
    assert after == full
    shards = [p for p in full if p.startswith("search/words/")]
    moved = [p for p, d in patched if before.get(p) != d and p.startswith("search/words/")]
    assert len(shards) > 100 and 0 < len(moved) < len(shards) / 4
    assert dropped <= before.keys() - full.keys()
    # saved words that are not what the index holds are refused, never patched in
    wrong = dataclasses.replace(reworded[0], words_then=reworded[0].words_then - {"river"})
    with pytest.raises(ValueError, match="saved words are not those the search index holds"):
        patch_index(before.__getitem__, [wrong])
