"""Fixtures for the record tests: a starter scenario file and a finished save beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.record.helpers import autoplay_save


@pytest.fixture
def save_path(tmp_path: Path) -> Path:
    """A finished autoplay game (about 25 actions), saved in tmp_path."""
    return autoplay_save(tmp_path)
