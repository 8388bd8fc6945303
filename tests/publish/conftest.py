"""Fixtures of the site tests: the demo archive, enriched and published, once per module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from publish_demo import enrich
from tests.conftest import SAMPLE_DATA

from curator.catalog import Catalog


@pytest.fixture(scope="module")
def demo(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("site-demo")
    copy = folder / "Demo.curator"
    shutil.copytree(demo_archive, copy)
    catalog = Catalog.open(copy)
    yield enrich(catalog, SAMPLE_DATA)
    catalog.close()
