"""Pages rendered by a second process are the same site, and its failures are the export's."""

from __future__ import annotations

import errno
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from publish_demo import Demo, site_files

from curator.catalog import Cancelled
from curator.publish import ExportError, export_site
from curator.publish import export as export_module
from curator.publish.pages import Page
from curator.publish.render import site_resources
from curator.publish.render_worker import RenderWorker, usable
from curator.publish.writer import MANIFEST

pytestmark = pytest.mark.skipif(not usable(), reason="no second process here")


def test_a_site_rendered_by_two_processes_is_the_same_byte_for_byte(
        demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    alone = export_site(demo.catalog, tmp_path / "alone", still_files=demo.still_files)
    monkeypatch.setattr(export_module, "PARALLEL_FROM", 0)
    monkeypatch.setattr("curator.publish.render_worker.BATCH", 2)  # many batches, both busy
    answered: list[int] = []
    finish = RenderWorker.finish

    def counted(self: RenderWorker) -> list:
        answers = finish(self)
        answered.append(len(answers))
        return answers

    monkeypatch.setattr(RenderWorker, "finish", counted)
    shared = export_site(demo.catalog, tmp_path / "shared", still_files=demo.still_files)
    assert answered and answered[0] >= 4  # the second process did render pages
    assert (shared.written, shared.pages) == (alone.written, alone.pages)
    one, two = site_files(tmp_path / "alone"), site_files(tmp_path / "shared")
    one.pop(MANIFEST), two.pop(MANIFEST)
    assert one == two
    manifests = [json.loads((tmp_path / name / MANIFEST).read_text())["files"]
                 for name in ("alone", "shared")]
    assert manifests[0] == manifests[1]


def test_a_file_handed_over_is_written_as_it_is_and_answered_with_its_digest(
        tmp_path: Path):
    staging, site = tmp_path / "staging", tmp_path / "site"
    staging.mkdir()
    data = json.dumps({"id": 1, "title": "Rock"}).encode()
    with RenderWorker(site_resources(), staging, site) as worker:
        assert worker.offer("films/1/film.json", data, "")
        answers = worker.finish()
    assert (staging / "films" / "1" / "film.json").read_bytes() == data
    assert answers == [("films/1/film.json", hashlib.sha256(data).hexdigest(), True)]


@pytest.fixture
def renamed(demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The demo exported once, then renamed so that every page changes; the next export
    shares its pages with a second process. Gives the site and its files before."""
    site = tmp_path / "site"
    export_site(demo.catalog, site, still_files=demo.still_files)
    before = site_files(site)
    monkeypatch.setattr(export_module, "PARALLEL_FROM", 0)
    demo.catalog.settings.set("site_name", "Renamed Archive")
    yield site, before
    demo.catalog.settings.set("site_name", "")


def test_a_cancel_stops_the_second_process_and_leaves_the_site(
        demo: Demo, tmp_path: Path, renamed: tuple[Path, dict]):
    site, before = renamed
    with pytest.raises(Cancelled):
        export_site(demo.catalog, site, still_files=demo.still_files,
                    progress=lambda _d, _t, message: "search index" not in message)
    assert site_files(site) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"]  # no staging folder left


def test_a_write_that_fails_in_the_second_process_is_raised_as_the_os_said(tmp_path: Path):
    blocker = tmp_path / "staging"
    blocker.write_text("a file where the pages' folder should be")
    chrome = {"name": "Archive", "directors": False, "years": False, "countries": False,
              "festivals": False, "language": "en", "logo": "", "feed": False}
    page = Page("films/1/a/", "404.html", {"site": chrome, "title": "x",
                                          "description": "", "canonical": None,
                                          "jsonld": "{}", "nav": "", "absolute_root": "./",
                                          "base_path": ""})
    with RenderWorker(site_resources(), blocker, tmp_path / "site") as worker:
        worker.add("films/1/a/index.html", page, "")
        with pytest.raises(OSError) as raised:
            worker.finish()
    assert raised.value.errno in (errno.ENOTDIR, errno.EEXIST)


def test_an_export_whose_second_process_cannot_write_says_so(
        demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        renamed: tuple[Path, dict]):
    site, before = renamed
    real = RenderWorker.__init__

    def full_disk(self: RenderWorker, resources: Path, staging: Path, out: Path) -> None:
        # the worker's writes land on a "disk" that refuses them: a read-only folder
        # is no use to root, so its staging folder is a file instead
        jammed = tmp_path / "jammed"
        jammed.write_text("")
        real(self, resources, jammed, out)

    monkeypatch.setattr(RenderWorker, "__init__", full_disk)
    with pytest.raises(ExportError, match="previous site"):
        export_site(demo.catalog, site, still_files=demo.still_files)
    assert site_files(site) == before


def test_the_second_process_starts_without_the_catalogue_or_its_database_modules():
    # it only renders and writes: loading SQLAlchemy and the catalogue cost each export
    # a fraction of a second of CPU before the first page
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, curator.publish.render_worker; "
         "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' "
         "or m.startswith('curator.catalog')))"],
        check=True, capture_output=True, text=True).stdout.strip()
    assert loaded == "[]"
