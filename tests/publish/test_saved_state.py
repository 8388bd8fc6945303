"""A new process re-exports from the state the last export saved beside its manifest, and
writes exactly the site a full export writes; a damaged state means the full way."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from publish_demo import Demo, site_files

from curator.catalog import Changes
from curator.catalog.records import QuoteData
from curator.model.enums import PublicationState
from curator.publish import export_site, quick, resume
from curator.publish.export_state import load, state_file
from curator.publish.pages import PageMaker
from curator.publish.record_pages import RecordPages
from curator.publish.selection import ALL
from curator.publish.site import load_site
from curator.publish.site_pages import page_paths, site_pages
from curator.publish.writer import MANIFEST


def _site(folder: Path) -> dict[str, str]:
    files = site_files(folder)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    files.pop(MANIFEST)
    return {**files, **{f"manifest:{p}": e["sha256"] for p, e in manifest.items()}}


def _full_export(demo: Demo, folder: Path) -> dict[str, str]:
    # the caller's own stills function: no saved state is used or written
    result = export_site(demo.catalog, folder, still_files=demo.still_files)
    assert not result.quick and not _kept(demo, folder).exists()
    return _site(folder)


def _kept(demo: Demo, site: Path) -> Path:
    """Where the state of the exports into `site` is kept: the archive's cache."""
    return state_file(demo.catalog.archive.cache_dir, site)


def _edit_synopsis(demo: Demo, film_id: int = 5, more: str = " Restored in 2024.") -> Changes:
    film = demo.catalog.films.get(film_id)
    return demo.catalog.films.update(film_id, film.version, synopsis=film.synopsis + more)


def _edit_caption(demo: Demo, film_id: int = 5, caption: str = "On the set, 1986") -> Changes:
    """A change only the film's own page shows: the search index holds nothing of it."""
    still = demo.catalog.films.get(film_id).stills[0]
    return demo.catalog.stills.update(still.id, still.version, caption=caption)


def _export_process(demo: Demo, site: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "curator", "export", str(demo.catalog.archive.location), str(site),
         "--quiet", "--verbose"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_new_process_after_one_change_on_a_films_page_writes_what_a_full_export_writes(
        demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    assert "The full way: no earlier export into this folder left its state." in (
        _export_process(demo, site))
    saved = _kept(demo, site).read_text(encoding="utf-8")
    # kept in the archive's cache, not in the site, which is published: nothing in the
    # site tells of unpublished films' ids or edits
    assert not [p for p in site_files(site) if "state" in p]
    assert str(tmp_path) not in saved and str(demo.catalog.archive.folder) not in saved
    before = site_files(site)
    changes = _edit_caption(demo)
    try:
        said = _export_process(demo, site)
        assert ("The quick way: 1 film changed, only on its own pages (from the state the "
                "last export saved)." in said), said
        after = site_files(site)
        changed = {p for p in after if before.get(p) != after[p]} - {MANIFEST}
        film_page = next(p for p in changed if p.startswith("films/5/"))
        assert "On the set, 1986" in (site / film_page).read_text(encoding="utf-8")
        assert 0 < len(changed) < 20
        assert _site(site) == _full_export(demo, tmp_path / "full")
        # a synopsis: the film's words change in the search index's files too
        reworded = _edit_synopsis(demo, more=" Its negative was found in Riga.")
        try:
            said = _export_process(demo, site)
            assert ("The quick way: 1 film changed, on its own pages and in the search index's "
                    "files of its words (from the state the last export saved)." in said), said
            assert _site(site) == _full_export(demo, tmp_path / "full-again")
        finally:
            demo.catalog.undo(reworded)
    finally:
        demo.catalog.undo(changes)


def _quote(demo: Demo) -> Changes:
    film = demo.catalog.films.get(demo.film_id)
    return demo.catalog.films.update(demo.film_id, film.version, quotes=[
        *film.quotes, QuoteData("The sound of a generation.", "A critic", "Rock Weekly")])


def _caption(demo: Demo) -> Changes:
    still = demo.catalog.films.get(demo.film_id).stills[0]
    return demo.catalog.stills.update(still.id, still.version, caption="On stage, 1987")


def _caption_of_film_5(demo: Demo) -> Changes:
    return _edit_caption(demo, 5, "In the rehearsal room")


@pytest.mark.parametrize("edit", [_quote, lambda demo: _edit_synopsis(demo, demo.film_id)])
def test_a_change_to_the_words_of_a_film_patches_the_search_index_and_writes_the_same_site(
        demo: Demo, tmp_path: Path, edit: Callable[[Demo], Changes]):
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    changes = edit(demo)
    try:
        result = export_site(demo.catalog, site, session=quick.ExportSession())
        assert result.quick_because == (
            "1 film changed, on its own pages and in the search index's files of its words "
            "(from the state the last export saved)")
        assert _site(site) == _full_export(demo, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)


@pytest.mark.parametrize("edit", [_caption, _caption_of_film_5])
def test_a_change_on_a_films_own_page_reads_only_the_films_it_shows_and_writes_the_same_site(
        demo: Demo, tmp_path: Path, edit: Callable[[Demo], Changes]):
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    changes = edit(demo)
    try:
        result = export_site(demo.catalog, site, session=quick.ExportSession())
        assert result.quick_because == ("1 film changed, only on its own pages (from the "
                                        "state the last export saved)")
        assert 0 < result.written < 20 and result.warnings == []
        assert _site(site) == _full_export(demo, tmp_path / "full")
        # and the state it saved serves the next export as well
        again = _edit_caption(demo, caption="Take 134")
        try:
            result = export_site(demo.catalog, site, session=quick.ExportSession())
            assert "only on its own pages" in result.quick_because
            assert _site(site) == _full_export(demo, tmp_path / "full-again")
        finally:
            demo.catalog.undo(again)
    finally:
        demo.catalog.undo(changes)


def test_a_new_process_with_nothing_changed_says_so_and_writes_nothing(
        demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    result = export_site(demo.catalog, site, session=quick.ExportSession())
    assert result.quick_because == "no film changed (from the state the last export saved)"
    assert result.written == 0 and result.removed == 0


def _rewrite(state: Path, change: Callable[[dict], None]) -> None:
    """Edit the saved state by hand, its checksum made to match: its films (a line each
    after the JSON) are in `body["films"]`, by id."""
    head, _, data = state.read_bytes().partition(b"\n")
    header, *lines = data.decode().split("\n")
    body = json.loads(header)
    body["films"] = dict(line.split(" ", 1) for line in lines)
    change(body)
    films = body.pop("films", None)
    if films is not None:
        body["films"] = len(films)
    data = "\n".join([json.dumps(body), *(f"{i} {text}" for i, text in (films or {}).items())]
                     ).encode()
    prefix = head.decode()[: -64]
    state.write_bytes(f"{prefix}{hashlib.sha256(data).hexdigest()}\n".encode() + data)


def _flip_a_byte(state: Path) -> None:
    raw = bytearray(state.read_bytes())
    raw[len(raw) // 2] ^= 0x01
    state.write_bytes(bytes(raw))


def _drop_a_key(state: Path) -> None:
    _rewrite(state, lambda body: body.pop("films"))


def _drop_a_film(state: Path) -> None:
    # the changed film: the pages it was on before would not be known
    _rewrite(state, lambda body: body["films"].pop("5"))


def _another_curator(state: Path) -> None:
    _rewrite(state, lambda body: body.update(curator="0.0.1"))


def _truncated(state: Path) -> None:
    raw = state.read_bytes()
    state.write_bytes(raw[: len(raw) // 3])


@pytest.mark.parametrize(("damage", "because"), [
    (_flip_a_byte, "the saved export state is damaged (its checksum does not match)"),
    (_truncated, "the saved export state is damaged (its checksum does not match)"),
    (_drop_a_key, "the saved export state is damaged ('films')"),
    (_drop_a_film, "the saved export state does not list the films the site holds"),
    (_another_curator, "the saved export state is from another Curator (0.0.1)"),
])
def test_a_damaged_or_edited_state_means_the_full_way_and_the_same_site(
        demo: Demo, tmp_path: Path, damage: Callable[[Path], None], because: str):
    site = tmp_path / "site"
    first = export_site(demo.catalog, site)  # as a new process: a session of its own
    assert not first.quick and _kept(demo, site).is_file()
    changes = _edit_synopsis(demo, more=" A second print was found.")
    try:
        damage(_kept(demo, site))
        result = export_site(demo.catalog, site, session=quick.ExportSession())
        assert not result.quick and result.full_because == because
        assert _site(site) == _full_export(demo, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)


def _film_entry(state: Path, film_id: int, change: Callable[[list], None]) -> None:
    def edit(body: dict) -> None:
        entry = json.loads(body["films"][str(film_id)])
        change(entry)
        body["films"][str(film_id)] = json.dumps(entry)
    _rewrite(state, edit)


def _no_see_also(state: Path) -> None:
    _film_entry(state, 5, lambda entry: entry.__setitem__(1, []))


def _not_listed_anywhere(state: Path) -> None:
    _film_entry(state, 5, lambda entry: entry.__setitem__(3, "0" * 32))


def _search_words_elsewhere(state: Path) -> None:
    _film_entry(state, 5, lambda entry: entry.__setitem__(4, "7a7a7a"))  # "zzz"


def _a_part_longer(state: Path) -> None:
    def edit(body: dict) -> None:
        sizes = body["parts"]["data/films.csv"][3]
        sizes[0] += 1
    _rewrite(state, edit)


def _parts_swapped(state: Path) -> None:
    # the changed film's part and the one before it: the file's length is still right
    def edit(body: dict) -> None:
        sizes = body["parts"]["data/catalogue.json"][3]
        at = max(list(body["films"]).index("5"), 1)
        sizes[at - 1], sizes[at] = sizes[at], sizes[at - 1]
    _rewrite(state, edit)


@pytest.mark.parametrize("damage", [_no_see_also, _not_listed_anywhere,
                                    _search_words_elsewhere, _a_part_longer, _parts_swapped])
def test_a_film_of_the_state_edited_by_hand_never_makes_another_site(
        demo: Demo, tmp_path: Path, damage: Callable[[Path], None]):
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    changes = _edit_caption(demo, caption="Take 132")
    try:
        damage(_kept(demo, site))
        result = export_site(demo.catalog, site, session=quick.ExportSession())
        # the state's other parts still serve (the whole catalogue is read), or none does
        assert "only on its own pages" not in result.quick_because
        assert _site(site) == _full_export(demo, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)


def _words(state: Path, change: Callable[[str], str]) -> None:
    _film_entry(state, 5, lambda entry: entry.__setitem__(6, change(entry[6])))


def _a_word_left_out(state: Path) -> None:
    _words(state, lambda words: " ".join(words.split()[1:]))


def _a_word_put_in(state: Path) -> None:
    _words(state, lambda words: f"{words} zeppelin")


@pytest.mark.parametrize("damage", [_a_word_left_out, _a_word_put_in])
def test_a_films_words_in_the_state_edited_by_hand_never_make_another_index(
        demo: Demo, tmp_path: Path, damage: Callable[[Path], None]):
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    changes = _edit_synopsis(demo, more=" Shown at the Moscow festival of 1987.")
    try:
        damage(_kept(demo, site))
        result = export_site(demo.catalog, site, session=quick.ExportSession())
        # the whole catalogue is read and indexed anew, saying why
        assert "in the search index's files" not in result.quick_because
        assert "film 5's saved words are not those the search index holds" in (
            result.quick_because or result.full_because)
        assert _site(site) == _full_export(demo, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)


def test_a_data_file_changed_in_the_site_since_is_written_whole(demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    changes = _edit_synopsis(demo, more=" Shown at dawn.")
    try:
        csv = site / "data" / "films.csv"
        csv.write_bytes(csv.read_bytes().replace(b"\r\n", b"\n", 3))
        result = export_site(demo.catalog, site, session=quick.ExportSession())
        assert "only on its own pages" not in result.quick_because
        assert _site(site) == _full_export(demo, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)


def test_a_state_the_manifest_does_not_go_with_is_not_used(demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    kept = _kept(demo, site).read_bytes()
    changes = _edit_synopsis(demo, more=" Shown again in 1990.")
    try:
        assert export_site(demo.catalog, site).quick
        _kept(demo, site).write_bytes(kept)  # the state of the export before
        result = export_site(demo.catalog, site)
        assert result.full_because == (
            "the site's manifest is not the one the saved export state goes with")
    finally:
        demo.catalog.undo(changes)
    # an export with the caller's own stills saves none, and removes the old one
    export_site(demo.catalog, site, still_files=demo.still_files)
    assert not _kept(demo, site).exists()


def test_the_pages_paths_are_those_of_the_full_exports_pages_in_its_order(demo: Demo):
    maker = PageMaker(load_site(demo.catalog), demo.still_files)
    pages = site_pages(maker, RecordPages(maker))
    assert page_paths(maker) == [p.path for p in pages]
    assert len(pages) > 10 and {"", "directors/", "years/", "countries/", "search/"} <= {
        p.path for p in pages}


def test_the_desks_quick_exports_save_the_state_a_new_process_takes_the_short_way_from(
        demo: Demo, tmp_path: Path):
    """As the desk exports: its session, the archive's own stills; each quick export saves
    the state anew from the last one, encoding only what changed, and that state is the one
    a whole save would write."""
    site = tmp_path / "site"
    session = quick.ExportSession()
    assert not export_site(demo.catalog, site, session=session).quick
    # a film its See also lists, unpublished: the See also of the films it listed changes
    other = demo.catalog.films.see_also(demo.film_id, published_only=True)[0].id
    edits = [_edit_synopsis(demo)]
    try:
        assert export_site(demo.catalog, site, session=session).quick
        gone = demo.catalog.films.get(other)
        edits.append(demo.catalog.films.update(other, gone.version,
                                               state=PublicationState.DRAFT))
        assert export_site(demo.catalog, site, session=session).quick
        key = quick.state_key(demo.catalog, site, ALL)
        state, why = session.take(key, None)
        assert state is not None, why
        saved, why = load(_kept(demo, site), Path(key[1]), key)
        assert saved is not None, why
        whole = resume.saved_state(replace(state, since=None))
        assert list(saved.films.texts.items()) == list(whole.films.texts.items())
        assert other not in saved.films and other not in saved.films[demo.film_id].referrers
        # a new process after the desk's exports takes the short way to the same site
        edits.append(_edit_caption(demo))
        result = export_site(demo.catalog, site, session=quick.ExportSession())
        assert result.quick, result.full_because
        assert _site(site) == _full_export(demo, tmp_path / "full")
    finally:
        for changes in reversed(edits):
            demo.catalog.undo(changes)


def test_the_desk_opened_on_an_exported_site_keeps_what_its_next_export_needs(
        demo: Demo, tmp_path: Path):
    """A desk opened on an archive exported before: its first export reads the state and the
    manifest the last export saved; its next one knows both from the first, and reads
    neither file again."""
    site = tmp_path / "site"
    export_site(demo.catalog, site)
    session = quick.ExportSession()
    edits = [_edit_caption(demo)]
    try:
        first = export_site(demo.catalog, site, session=session)
        assert "only on its own pages" in first.quick_because and first.manifest_read
        edits.append(_edit_synopsis(demo, more=" Its negative was found in Riga."))
        _kept(demo, site).write_text("not read again", encoding="utf-8")
        second = export_site(demo.catalog, site, session=session)
        assert "in the search index's files of its words" in second.quick_because
        assert not second.manifest_read and second.written > 0
        assert _site(site) == _full_export(demo, tmp_path / "full")
        # the state it saved serves a new process as well; after that one's export, the
        # desk's memory is not the site's: it goes by the state file (here damaged)
        edits.append(_edit_caption(demo, 5, "Take 2"))
        assert export_site(demo.catalog, site, session=quick.ExportSession()).quick
        _flip_a_byte(_kept(demo, site))
        edits.append(_edit_caption(demo, caption="Take 3"))
        third = export_site(demo.catalog, site, session=session)
        assert not third.quick and "damaged" in third.full_because and third.manifest_read
        assert _site(site) == _full_export(demo, tmp_path / "full-again")
    finally:
        for changes in reversed(edits):
            demo.catalog.undo(changes)
