"""Fixtures of the site tests: the demo archive, enriched and published, once per module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from publish_demo import enrich
from tests.conftest import SAMPLE_DATA, server_catalog

from curator.catalog import Catalog


@pytest.fixture(scope="module")
def demo(request: pytest.FixtureRequest, demo_archive: Path,
         tmp_path_factory: pytest.TempPathFactory):
    """The demo enriched for the site, in a folder or on the server (see tests/conftest)."""
    folder = tmp_path_factory.mktemp("site-demo")
    if getattr(request, "param", "folder") == "server":
        for catalog in server_catalog(request, folder,
                                      request.getfixturevalue("demo_template")):
            yield enrich(catalog, SAMPLE_DATA)
        return
    copy = folder / "Demo.curator"
    shutil.copytree(demo_archive, copy)
    catalog = Catalog.open(copy)
    yield enrich(catalog, SAMPLE_DATA)
    catalog.close()
