"""`curator export` killed (kill -9) at any point: the site is the old one or the new one,
or the switch under way is recorded and the next export finishes it.

The kill points are fixed: the export kills itself just before its Nth change on disk
(CURATOR_EXPORT_FAULT_AFTER), for seeded points spread over the whole export. A few
exports are also killed from outside after a random while, as a user or a power cut would.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from small_archive import build, site_files

from curator.catalog import Catalog
from curator.model.enums import PublicationState
from curator.publish import export_site
from curator.publish.staging import SUFFIX, marker_token
from curator.publish.writer import FAULT_AFTER, MANIFEST, SiteWriter

SEED = 20261130
KILL_POINTS = 12  # of a re-export, besides the first and the last change
FIRST_EXPORT_POINTS = 2  # of a first export, besides its last five changes (the switch)
TIMED_KILLS = 3
AT_ONCE = 3  # exports killed side by side


def _change(catalog: Catalog) -> None:
    """Edits whose export writes pages, moves one, removes some and adds others."""
    films = {f.title: f for f in (catalog.films.get(i) for i in range(1, 7))}
    retitled = films["Black Square"]
    catalog.films.update(retitled.id, retitled.version, title="The Black Square")
    edited = films["Rock Summer"]
    catalog.films.update(edited.id, edited.version, synopsis="Rock, the Baltic, a summer.")
    gone = films["Winter Light"]
    catalog.films.update(gone.id, gone.version, state=PublicationState.DRAFT)
    catalog.films.create("Night Train", year=1987, countries=["Lithuania"],
                         state=PublicationState.PUBLISHED, synopsis="A train through the night.")


def _pending(site: Path) -> bool:
    """Whether the site's manifest records a switch whose staging folder is still there."""
    switch = json.loads((site / MANIFEST).read_text(encoding="utf-8")).get("switch")
    if not switch:
        return False
    return marker_token(site.with_name(switch["staging"])) == switch["token"]


def _leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.parent.iterdir()
                  if p.name.startswith(f".{site.name}{SUFFIX}"))


def _start(archive: Path, site: Path, fault_after: int | None) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != FAULT_AFTER}
    if fault_after is not None:
        env[FAULT_AFTER] = str(fault_after)
    return subprocess.Popen([sys.executable, "-m", "curator", "export", str(archive), str(site),
                             "--quiet"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory):
    """The archive after the edits, its site before them, and the files of both sites."""
    folder = tmp_path_factory.mktemp("killed")
    archive = build(folder)
    catalog = Catalog.open(archive)
    try:
        old_site = folder / "old"
        export_site(catalog, old_site)
        _change(catalog)
        new_site = folder / "new"
        export_site(catalog, new_site)
    finally:
        catalog.close()
    return archive, old_site, site_files(old_site), site_files(new_site)


def _changes_on_disk(archive: Path, old_site: Path | None, site: Path) -> int:
    """How many changes on disk the export makes (each a point it can be killed at)."""
    if old_site is not None:
        shutil.copytree(old_site, site, symlinks=True)
    count = {"n": 0}
    real = SiteWriter.operation

    def counted(self: SiteWriter) -> None:
        count["n"] += 1
        real(self)

    SiteWriter.operation = counted  # type: ignore[method-assign]
    catalog = Catalog.open(archive)
    try:
        export_site(catalog, site)
    finally:
        SiteWriter.operation = real  # type: ignore[method-assign]
        catalog.close()
    return count["n"]


def _check_then_finish(archive: Path, site: Path, is_old: Callable[[dict[str, str]], bool],
                       new: dict[str, str], what: str) -> str:
    """The site as a kill left it: the old one, the new one, or a switch the next export
    finishes. Then the next export, which must give the new site and leave nothing beside."""
    now = site_files(site) if site.exists() else {}
    pending = not is_old(now) and now != new and _pending(site)
    assert is_old(now) or now == new or pending, f"{what}: a mix of old and new, unrecorded"
    catalog = Catalog.open(archive)
    try:
        export_site(catalog, site)
    finally:
        catalog.close()
    assert site_files(site) == new, f"{what}: the next export did not give the new site"
    assert _leftovers(site) == [], f"{what}: left {_leftovers(site)} beside the site"
    return "old" if is_old(now) else "new" if now == new else "finished next time"


def test_an_export_killed_at_any_point_leaves_the_old_site_the_new_one_or_one_finished_next(
        sites, tmp_path: Path):
    archive, old_site, old, new = sites
    total = _changes_on_disk(archive, old_site, tmp_path / "probe")
    assert site_files(tmp_path / "probe") == new
    rng = random.Random(SEED)
    points = sorted({1, total, *rng.sample(range(2, total), min(KILL_POINTS, total - 2))})
    outcomes: dict[str, int] = {}
    for start in range(0, len(points), AT_ONCE):
        batch = points[start:start + AT_ONCE]
        running = []
        for point in batch:
            site = tmp_path / f"site-{point}"
            shutil.copytree(old_site, site, symlinks=True)
            running.append((point, site, _start(archive, site, point)))
        for point, site, process in running:
            _out, err = process.communicate(timeout=120)
            assert process.returncode == -signal.SIGKILL, (point, err.decode())
            seen = _check_then_finish(archive, site, old.__eq__, new,
                                      f"killed before change {point}")
            outcomes[seen] = outcomes.get(seen, 0) + 1
    # the points reach every stage: before the switch, during it and after it
    assert set(outcomes) == {"old", "new", "finished next time"}, outcomes


def _no_site(empty_manifest: str) -> Callable[[dict[str, str]], bool]:
    """What a first export killed before its site is in place leaves: nothing, or a folder
    with an empty manifest."""
    def no_site(files: dict[str, str]) -> bool:
        return files in ({}, {MANIFEST: empty_manifest})
    return no_site


def test_a_first_export_killed_at_any_point_leaves_no_site_or_the_whole_new_one(
        sites, tmp_path: Path):
    archive, _old_site, _old, new = sites
    total = _changes_on_disk(archive, None, tmp_path / "probe")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / MANIFEST).write_text(json.dumps({"files": {}}), encoding="utf-8")
    no_site = _no_site(site_files(empty)[MANIFEST])
    rng = random.Random(SEED)
    points = sorted({*rng.sample(range(1, total - 5), FIRST_EXPORT_POINTS),
                     *range(total - 4, total + 1)})
    outcomes = []
    for start in range(0, len(points), AT_ONCE):
        running = [(point, _start(archive, tmp_path / f"first-{point}", point))
                   for point in points[start:start + AT_ONCE]]
        for point, process in running:
            _out, err = process.communicate(timeout=120)
            assert process.returncode == -signal.SIGKILL, (point, err.decode())
            outcomes.append(_check_then_finish(archive, tmp_path / f"first-{point}", no_site,
                                               new, f"first export killed before change {point}"))
    assert set(outcomes) == {"old", "new"}, outcomes  # "old" here: no site yet


def test_an_export_killed_from_outside_after_a_random_while(sites, tmp_path: Path):
    archive, old_site, old, new = sites
    site = tmp_path / "whole"
    shutil.copytree(old_site, site, symlinks=True)
    started = time.monotonic()
    whole = _start(archive, site, None)
    _out, err = whole.communicate(timeout=120)
    took = time.monotonic() - started
    assert whole.returncode == 0, err.decode()
    assert site_files(site) == new and _leftovers(site) == []

    rng = random.Random(SEED)
    for n in range(TIMED_KILLS):
        site = tmp_path / f"timed-{n}"
        shutil.copytree(old_site, site, symlinks=True)
        process = _start(archive, site, None)
        # most of a run is starting Python and reading the archive: aim at its last part
        time.sleep(rng.uniform(0.5, 1.0) * took)
        process.kill()
        process.communicate(timeout=120)
        _check_then_finish(archive, site, old.__eq__, new, f"killed after {n}")
