"""`curator settings` and what the site settings change in the exported site."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from publish_demo import Demo

from curator.cli import main
from curator.publish import export_site


def test_settings_are_shown_set_and_checked(demo: Demo, capsys: pytest.CaptureFixture):
    archive = str(demo.catalog.archive.location)
    assert main(["settings", archive]) == 0
    listing = capsys.readouterr().out
    assert "site_base_url     https://archive.example.org/films/" in listing
    assert "see_also_heading  See also\u2026 (default)" in listing
    assert main(["settings", archive, "site_language", "fi"]) == 0
    assert capsys.readouterr().out == "site_language: fi\n"
    assert main(["settings", archive, "site_language"]) == 0
    assert capsys.readouterr().out == "fi\n"
    for key, value, problem in (
            ("site_language", "Finnish please", "The language must be a language tag"),
            ("show_citations", "perhaps", "is yes or no, not \u201cperhaps\u201d"),
            ("site_base_url", "ftp://x.example/", "must be an http:// or https:// address"),
            ("site_logo", "/no/such/logo.png", "There is no logo file at /no/such/logo.png")):
        assert main(["settings", archive, key, value]) == 1
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and problem in err[0], err
    assert main(["settings", archive, "colour", "red"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "There is no site setting \u201ccolour\u201d" in err[0]
    assert demo.catalog.settings.get("site_language") == "fi"  # the refused values changed nothing
    assert main(["settings", archive, "site_language", ""]) == 0
    assert demo.catalog.settings.get("site_language") == ""


def test_the_settings_show_in_the_site(demo: Demo, tmp_path: Path):
    logo = tmp_path / "miff.png"
    Image.new("RGB", (120, 40), (125, 26, 26)).save(logo)
    catalog = demo.catalog
    settings = {"site_name": "MIFF Film Archive", "site_language": "en-AU",
                "see_also_heading": "Related films", "more_label": "Read on \u203a",
                "show_sources": "no", "site_logo": str(logo)}
    for key, value in settings.items():
        catalog.settings.set(key, value)
    try:
        site = tmp_path / "site"
        export_site(catalog, site, still_files=demo.still_files)
        [page] = (site / "films" / "7").glob("*/index.html")
        html = page.read_text("utf-8")
        assert '<html lang="en-AU">' in html
        assert "<title>From Russia with Rock · MIFF Film Archive</title>" in html
        assert '<h2 id="see-also-h">Related films</h2>' in html
        assert ('>Read on<span class="visually-hidden"> about Black Square</span>'
                "\u00a0\u203a</a>") in html
        assert "<cite>" not in html  # the statement's source is not shown
        assert '<img class="logo" src="../../../assets/logo.png"' in html
        assert (site / "assets" / "logo.png").read_bytes() == logo.read_bytes()
    finally:
        for key in settings:
            catalog.settings.set(key, "")
