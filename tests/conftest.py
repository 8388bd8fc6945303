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


# The suites that run on both engines: every test there that takes `catalog` (or
# `demo_catalog`, or the site tests' `demo`) runs on an archive folder and on a
# catalogue on a PostgreSQL server.
BOTH_ENGINES = ("catalog", "cli", "interchange", "publish", "sources")
ENGINES = ("folder", "server")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    suite = Path(str(metafunc.definition.path)).parent.name
    if suite not in BOTH_ENGINES or metafunc.definition.get_closest_marker("folder_only"):
        return
    for name in ("catalog", "demo_catalog", "demo"):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, ENGINES, indirect=True)


@pytest.fixture(scope="session")
def postgres_server():
    """A real PostgreSQL server for the session (skipped where none can run, never in CI)."""
    from tests.postgres import PostgresServer, missing_reason

    reason = missing_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"team mode must be tested in CI: {reason}")
        pytest.skip(reason)
    server = PostgresServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def server_template(postgres_server) -> str:
    """A database holding an empty catalogue, copied for each test."""
    from curator.store.server_setup import init_catalogue

    name = postgres_server.new_database()
    init_catalogue(postgres_server.url(name))
    return name


def server_catalog(request: pytest.FixtureRequest, tmp_path: Path, template: str):
    """A catalogue in a fresh database copied from `template`, opened through a
    connection file whose cache is in tmp_path; yields it, then drops the database."""
    from curator.catalog import Catalog
    from curator.store.server import write_team_file

    server = request.getfixturevalue("postgres_server")
    name = server.new_database(template)
    team_file = write_team_file(tmp_path / "MIFF.curator-team", server.url(name),
                                tmp_path / "team cache")
    cat = Catalog.open(team_file)
    try:
        yield cat
    finally:
        cat.close()
        server.drop_database(name)


@pytest.fixture
def team_catalog(request: pytest.FixtureRequest, server_template: str, tmp_path: Path):
    """An empty catalogue on the server (for what only a server does)."""
    yield from server_catalog(request, tmp_path, server_template)


@pytest.fixture
def catalog(request: pytest.FixtureRequest, archive_path: Path, tmp_path: Path):
    from curator.catalog import Catalog

    if getattr(request, "param", "folder") == "server":
        yield from server_catalog(request, tmp_path, request.getfixturevalue("server_template"))
        return
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


@pytest.fixture(scope="session")
def demo_template(postgres_server, server_template: str, demo_archive: Path) -> str:
    """A database holding the demo archive, pushed once per run."""
    from curator.interchange.team import push

    name = postgres_server.new_database(server_template)
    push(demo_archive, postgres_server.url(name))
    return name


@pytest.fixture
def demo_catalog(request: pytest.FixtureRequest, demo_archive: Path, tmp_path: Path):
    """A private, writable copy of the demo archive (in a folder, or on the server)."""
    import shutil

    from curator.catalog import Catalog

    if getattr(request, "param", "folder") == "server":
        yield from server_catalog(request, tmp_path, request.getfixturevalue("demo_template"))
        return

    copy = tmp_path / "Demo copy.curator"
    shutil.copytree(demo_archive, copy)
    cat = Catalog.open(copy)
    yield cat
    cat.close()
