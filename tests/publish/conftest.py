"""Fixtures of the site tests: the demo archive, enriched and published, once per module."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from publish_demo import enrich

from curator.catalog import Catalog


@pytest.fixture(scope="module")
def demo(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory):
    shared = next((p / "shared" / "data" for p in Path(__file__).resolve().parents
                   if (p / "shared" / "data" / "stills").is_dir()), None)
    if shared is None:
        pytest.skip("../shared/data is not beside this checkout")
    folder = tmp_path_factory.mktemp("site-demo")
    copy = folder / "Demo.curator"
    shutil.copytree(demo_archive, copy)
    catalog = Catalog.open(copy)
    yield enrich(catalog, shared)
    catalog.close()
