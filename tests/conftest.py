"""Shared fixtures: real archives on disk, never mocks."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests (Hypothesis): few examples, and in CI the same ones every run, so a red
# build is reproducible and the suite stays quick.
settings.register_profile("dev", max_examples=60, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
settings.register_profile("ci", parent=settings.get_profile("dev"), derandomize=True,
                          print_blob=True)
# HYPOTHESIS_PROFILE=explore looks much harder, for a while, when changing a reader
settings.register_profile("explore", parent=settings.get_profile("dev"), max_examples=1500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE")
                      or ("ci" if os.environ.get("CI") else "dev"))

# The real files the tests read ship inside the repository, so every test runs on any
# clone: the archive page, the MovieLens titles and the small photographs (with their
# COPYRIGHT) of the demo archive. The large photographs of ../shared/data are for
# benchmarks only.
SAMPLE_DATA = Path(__file__).resolve().parents[1] / "resources" / "demo"


@pytest.fixture
def sample_data() -> Path:
    """The demo's real files: the archive page, movielens_titles.csv and stills/*.jpg."""
    return SAMPLE_DATA


@pytest.fixture
def archive_path(tmp_path: Path) -> Path:
    """A folder for a new archive, with a space and non-ASCII letters in its path."""
    return tmp_path / "Fé stival archive" / "MIFF Ärchive.curator"


@pytest.fixture
def catalog(archive_path: Path):
    from curator.catalog import Catalog

    cat = Catalog.create(archive_path)
    yield cat
    cat.close()


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive, built once per test run; tests must not change it (copy it first)."""
    from curator.catalog import Catalog
    from curator.interchange.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "Demo.curator"
    cat = Catalog.create(path)
    build_demo(cat)
    cat.close()
    return path


@pytest.fixture
def demo_catalog(demo_archive: Path, tmp_path: Path):
    """A private, writable copy of the demo archive."""
    import shutil

    from curator.catalog import Catalog

    copy = tmp_path / "Demo copy.curator"
    shutil.copytree(demo_archive, copy)
    cat = Catalog.open(copy)
    yield cat
    cat.close()
