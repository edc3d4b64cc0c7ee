"""Fixtures for the debrief tests: three tables of one seminar, played once per session.

Tests that write to a save (notes, branches) copy it first, so the shared saves stay as
played and the goldens stay stable.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.debrief.debrief import Debrief
from tests.debrief.helpers import play_save


@pytest.fixture(scope="session")
def seminar(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """table-a defers a Tension; table-b skips to performing; table-c is greedy."""
    folder = tmp_path_factory.mktemp("seminar")
    return {
        "a": play_save(folder, "table-a.toml"),
        "b": play_save(folder, "table-b.toml", policy="skip"),
        "c": play_save(folder, "table-c.toml", policy="greedy"),
    }


@pytest.fixture(scope="session")
def table_a(seminar: dict[str, Path]) -> Debrief:
    return Debrief.open(seminar["a"])


@pytest.fixture(scope="session")
def table_b(seminar: dict[str, Path]) -> Debrief:
    return Debrief.open(seminar["b"])


@pytest.fixture
def save_copy(seminar: dict[str, Path], tmp_path: Path) -> Path:
    """A private copy of table-a's save, for tests that write to it."""
    path = tmp_path / "table-a.toml"
    shutil.copyfile(seminar["a"], path)
    return path


@pytest.fixture(autouse=True)
def quiet_viewer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Notes are signed by a known author, and text cursors do not blink in snapshots
    (the app's documented SIM_CURSOR_BLINK switch)."""
    monkeypatch.setenv("SIM_AUTHOR", "Dr. Okafor")
    monkeypatch.setenv("SIM_CURSOR_BLINK", "0")
    yield
