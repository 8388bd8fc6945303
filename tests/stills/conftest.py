"""Fixtures for the image store: a catalogue with a film to put stills on."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def film(catalog) -> int:
    return catalog.films.create("From Russia with Rock", year=1988).created_id


@pytest.fixture
def photos(sample_data: Path) -> list[Path]:
    """Three of the demo's photographs, the smallest."""
    files = sorted((sample_data / "stills").glob("*.jpg"), key=lambda p: p.stat().st_size)
    return files[:3]
