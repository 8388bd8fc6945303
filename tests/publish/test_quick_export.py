"""A re-export that starts from the last one writes exactly the site a full export writes."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from publish_demo import FILM, Demo, site_files

from curator.catalog import Catalog, Changes
from curator.catalog.records import CreditData, ScreeningData
from curator.model.enums import PublicationState
from curator.publish import export_site, quick
from curator.publish.writer import MANIFEST


def _manifest_files(folder: Path) -> dict:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]


def _same_as_full_export(demo: Demo, site: Path, fresh: Path) -> None:
    result = export_site(demo.catalog, fresh, still_files=demo.still_files)  # a new session
    assert not result.quick and result.full_because == "no earlier export in this session"
    ours, full = site_files(site), site_files(fresh)
    ours.pop(MANIFEST), full.pop(MANIFEST)
    assert ours.keys() == full.keys()
    assert [p for p in ours if ours[p] != full[p]] == []
    assert _manifest_files(site) == _manifest_files(fresh)


def _update(catalog: Catalog, film_id: int, **fields: object) -> Changes:
    return catalog.films.update(film_id, catalog.films.get(film_id).version, **fields)


def _edition_and_sections(catalog: Catalog) -> tuple[int, list[int]]:
    edition = catalog.festivals.all()[0].editions[0]
    return edition.id, [s.id for s in edition.sections]


def _new_film(catalog: Catalog) -> Changes:
    changes = catalog.films.create(
        "Rock Summer", year=1990, countries=["Estonia"], state=PublicationState.PUBLISHED,
        synopsis="A festival on the Baltic.",
        credits=[CreditData(catalog.people.find("Peeter Simm")[0][0], "director")])
    _new_film.created = changes.created_id  # type: ignore[attr-defined]
    return changes


EDITS: list[tuple[str, Callable[[Demo], object]]] = [
    ("a synopsis", lambda d: _update(d.catalog, 5, synopsis="Penguins, and the ice.")),
    ("a title, which moves the film and its page",
     lambda d: _update(d.catalog, FILM, title="From Russia with Rock (restored)")),
    ("a year never seen before", lambda d: _update(d.catalog, 2, year=1899)),
    ("the director, to someone else",
     lambda d: _update(d.catalog, 3, credits=[CreditData(d.person_id + 1, "director")])),
    ("a screening in another section",
     lambda d: _update(d.catalog, 5, screenings=[ScreeningData(
         _edition_and_sections(d.catalog)[0], _edition_and_sections(d.catalog)[1][-1])])),
    ("a film unpublished", lambda d: _update(d.catalog, d.script_id, state=PublicationState.DRAFT)),
    ("the draft published",
     lambda d: _update(d.catalog, d.draft_id, state=PublicationState.PUBLISHED)),
    ("a new film by a director without a page yet", lambda d: _new_film(d.catalog)),
    ("a film deleted (on no list)", lambda d: d.catalog.films.delete(_new_film.created)),
]


def test_each_edit_rewrites_only_what_shows_it_and_the_site_equals_a_full_export(
        demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    session = quick.ExportSession()
    newcomer = demo.catalog.people.create("Peeter Simm", state=PublicationState.PUBLISHED)
    first = export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    assert not first.quick
    steps = []
    for n, (what, edit) in enumerate(EDITS):
        before = site_files(site)
        steps.append(edit(demo))
        result = export_site(demo.catalog, site, still_files=demo.still_files, session=session)
        assert result.quick, what
        after = site_files(site)
        changed = {p for p in after.keys() | before.keys() if before.get(p) != after.get(p)}
        assert result.written + result.removed >= len(changed - {MANIFEST}) > 0, what
        assert result.written < first.written / 2, what
        _same_as_full_export(demo, site, tmp_path / f"full-{n}")
    # undoing them all, last first, comes back to the first site
    for changes in reversed(steps):
        demo.catalog.undo(changes)
    assert export_site(demo.catalog, site, still_files=demo.still_files, session=session).quick
    _same_as_full_export(demo, site, tmp_path / "full-undone")
    demo.catalog.undo(newcomer)


def test_a_change_beyond_films_takes_the_full_way_and_an_unchanged_one_writes_nothing(
        demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    session = quick.ExportSession()
    export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    again = export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    assert again.quick and (again.written, again.removed) == (0, 0)

    person = demo.catalog.people.get(demo.person_id)
    changes = demo.catalog.people.update(person.id, person.version, name="A. Mykkänen")
    try:
        renamed = export_site(demo.catalog, site, still_files=demo.still_files, session=session)
        assert not renamed.quick and renamed.written > 0
        _same_as_full_export(demo, site, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)


def test_someone_elses_export_into_the_folder_is_noticed(demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    session = quick.ExportSession()
    export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["index.html"]["sha256"] = "0" * 64
    (site / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    result = export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    assert not result.quick

    # edited in place, at the same size, its modified time set back: noticed all the same
    path = site / MANIFEST
    _after_the_clock_moves_on(path)
    before, data = path.stat(), path.read_bytes()
    digest = json.loads(data)["files"]["404.html"]["sha256"].encode()
    path.write_bytes(data.replace(digest, b"0" * 64))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size,
                                                             before.st_mtime_ns)
    result = export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    assert not result.quick
    assert result.full_because == "the site's manifest is not the one the last export wrote"


def _after_the_clock_moves_on(path: Path) -> None:
    """Wait until a file written now gets a later change time than `path` has (the file
    system's clock moves in ticks of a few milliseconds)."""
    probe = path.with_name("probe")
    while True:
        probe.write_bytes(b"")
        if probe.stat().st_ctime_ns > path.stat().st_ctime_ns:
            probe.unlink()
            return


def test_a_data_file_changed_in_the_site_since_is_made_whole(demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    session = quick.ExportSession()
    export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    csv = site / "data" / "films.csv"
    csv.write_bytes(csv.read_bytes().replace(b"\r\n", b"\n", 3))  # the manifest as it was
    changes = _update(demo.catalog, 5, synopsis="Penguins, and the ice at dawn.")
    try:
        result = export_site(demo.catalog, site, still_files=demo.still_files, session=session)
        assert result.quick and result.quick_because == (
            "1 film changed; the data downloads were made whole: data/films.csv in the site "
            "is not as the last export wrote it")
        _same_as_full_export(demo, site, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)


@pytest.mark.parametrize("fail_at", ["Writing", "search index"])
def test_a_cancelled_quick_export_leaves_the_site_and_the_next_export_is_right(
        demo: Demo, tmp_path: Path, fail_at: str):
    site = tmp_path / "site"
    session = quick.ExportSession()
    export_site(demo.catalog, site, still_files=demo.still_files, session=session)
    before = site_files(site)
    changes = demo.catalog.films.update(5, demo.catalog.films.get(5).version, year=1957)
    try:
        from curator.catalog import Cancelled

        with pytest.raises(Cancelled):
            export_site(demo.catalog, site, still_files=demo.still_files, session=session,
                        progress=lambda _d, _t, message: fail_at not in message)
        assert site_files(site) == before
        export_site(demo.catalog, site, still_files=demo.still_files, session=session)
        _same_as_full_export(demo, site, tmp_path / "full")
    finally:
        demo.catalog.undo(changes)
