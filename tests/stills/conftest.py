"""Fixtures for the image store: a catalogue with a film to put stills on."""

from __future__ import annotations

from pathlib import Path

import pytest


def find_shared_data() -> Path | None:
    """../shared/data beside the checkout, or beside the folder of worktrees holding it."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "data" / "stills").is_dir():
            return parent / "shared" / "data"
    return None


@pytest.fixture
def shared_data() -> Path:
    found = find_shared_data()
    if found is None:
        pytest.skip("../shared/data is not beside this checkout")
    return found


@pytest.fixture
def film(catalog) -> int:
    return catalog.create_film("From Russia with Rock", year=1988).created_id


@pytest.fixture
def photos(shared_data: Path) -> list[Path]:
    """Three of the shared photographs, the smallest (the large ones are for benchmarks)."""
    files = sorted((shared_data / "stills").glob("*.jpg"), key=lambda p: p.stat().st_size)
    return files[:3]
