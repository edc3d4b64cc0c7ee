"""Screenshots of the home and scenario screens at 80×24 and 120×40.

Approve changes with `pytest tests/tui --snapshot-update`, after looking at the
report pytest-textual-snapshot writes for a failing run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sim.tui.app import make_app
from tests.tui.conftest import BIG, SIZES

SnapCompare = Callable[..., bool]


async def settle(pilot: Pilot[None]) -> None:
    """Let workers, animations and layout finish before the picture is taken."""
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_home(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_scenario_briefing(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_scenario_roster(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    assert snap_compare(app, press=["2"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_scenario_roster_filtered(
    snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]
) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    press = ["slash", *"county"]
    assert snap_compare(app, press=press, terminal_size=size, run_before=settle)
