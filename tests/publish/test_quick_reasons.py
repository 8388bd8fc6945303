"""A re-export that cannot start from the last one says why, and takes the full way."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from publish_demo import Demo

from curator.publish import export_site, parse_selection, quick, render
from curator.publish.writer import MANIFEST


def _export(demo: Demo, site: Path, session: quick.ExportSession, spec: str = "all"):
    return export_site(demo.catalog, site, parse_selection(spec),
                       still_files=demo.still_files, session=session)


def _edit_film(demo: Demo, film_id: int = 5):
    film = demo.catalog.films.get(film_id)
    return demo.catalog.films.update(film_id, film.version, synopsis=film.synopsis + " Again.")


def test_the_quick_way_names_what_it_wrote_again(demo: Demo, tmp_path: Path):
    session = quick.ExportSession()
    first = _export(demo, tmp_path / "site", session)
    assert not first.quick and first.full_because == "no earlier export in this session"
    changes = _edit_film(demo)
    try:
        again = _export(demo, tmp_path / "site", session)
        assert again.quick and again.quick_because == "1 film changed"
        assert again.full_because == ""
    finally:
        demo.catalog.undo(changes)


def test_a_tampered_manifest_means_the_full_way(demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    session = quick.ExportSession()
    _export(demo, site, session)
    manifest = site / MANIFEST
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"sha256":"', '"sha256":"0', 1), encoding="utf-8")
    result = _export(demo, site, session)
    assert not result.quick
    assert result.full_because == "the site's manifest is not the one the last export wrote"


def test_another_selection_or_folder_means_the_full_way(demo: Demo, tmp_path: Path):
    session = quick.ExportSession()
    _export(demo, tmp_path / "site", session, f"film:{demo.film_id}")
    result = _export(demo, tmp_path / "site", session)
    assert not result.quick
    assert result.full_because == (
        f"the last export was of another selection (film:{demo.film_id})")
    result = _export(demo, tmp_path / "elsewhere", session)
    assert result.full_because == "the last export went into another folder"
    again = _export(demo, tmp_path / "elsewhere", session, f"film:{demo.film_id}")
    assert again.full_because.startswith("the last export was of another selection")
    again = _export(demo, tmp_path / "elsewhere", session, f"film:{demo.film_id}")
    assert again.full_because.startswith("only a whole-archive export starts from the last")


def test_a_changed_setting_person_or_template_means_the_full_way(
        demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    design = tmp_path / "design"
    shutil.copytree(render.site_resources(), design)
    monkeypatch.setattr(render, "site_resources", lambda: design)
    site = tmp_path / "site"
    session = quick.ExportSession()
    _export(demo, site, session)

    before = demo.catalog.settings.get("site_base_url")
    demo.catalog.settings.set("site_base_url", "https://archive.example.org/")
    try:
        result = _export(demo, site, session)
    finally:
        demo.catalog.settings.set("site_base_url", before)
    assert not result.quick and result.full_because == "more than films changed: a setting"
    _export(demo, site, session)

    person = demo.catalog.people.get(demo.person_id)
    changes = demo.catalog.people.update(person.id, person.version, biography="Born in Turku.")
    try:
        result = _export(demo, site, session)
        assert result.full_because == "more than films changed: a person"
    finally:
        demo.catalog.undo(changes)
    _export(demo, site, session)

    template = next((design / "templates").glob("*.html"))
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = _export(demo, site, session)
    assert result.full_because == "the site's templates or assets changed"


def test_too_many_changed_films_mean_the_full_way(
        demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    session = quick.ExportSession()
    _export(demo, tmp_path / "site", session)
    monkeypatch.setattr(quick, "QUICK_LIMIT", 1)
    edits = [_edit_film(demo, 5), _edit_film(demo, 2)]
    try:
        result = _export(demo, tmp_path / "site", session)
    finally:
        for changes in reversed(edits):
            demo.catalog.undo(changes)
    assert not result.quick
    assert result.full_because == "2 films changed (the quick way takes up to 1)"


def test_export_verbose_says_which_way_it_took_and_why(demo: Demo, tmp_path: Path):
    site = tmp_path / "site"
    done = subprocess.run(
        [sys.executable, "-m", "curator", "export", str(demo.catalog.archive.location), str(site),
         "--quiet", "--verbose"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "The full way: no earlier export into this folder left its state." in done.stdout
