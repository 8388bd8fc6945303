"""The shared data folder, found beside the checkout or beside its parent (a worktree)."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def shared_data() -> Path:
    for base in (REPO.parent, REPO.parent.parent):
        if (base / "shared" / "data").is_dir():
            return base / "shared" / "data"
    pytest.skip("../shared/data is not beside this checkout")
