"""Screenshots of the debrief viewer at 80×24 and 120×40.

The save is played in the test from the committed fixture, so a change of the engine's
rules changes these pictures: approve on purpose with `pytest tests/debrief --snapshot-update`
after looking at the report pytest-textual-snapshot writes for a failing run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sim.debrief.debrief import Debrief
from sim.tui.app import make_replay_app

SnapCompare = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def settle(pilot: Pilot[None]) -> None:
    """Let the key-moment worker, animations and layout finish before the picture."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def deferral(debrief: Debrief) -> int:
    return next(m.step for m in debrief.moments if m.kind == "deferred")


@pytest.mark.parametrize("size", SIZES)
def test_state_at_the_deferral(
    snap_compare: SnapCompare, seminar: dict[str, Path], size: tuple[int, int]
) -> None:
    debrief = Debrief.open(seminar["a"])
    app = make_replay_app(debrief, step=deferral(debrief))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_key_moment_and_its_questions(
    snap_compare: SnapCompare, seminar: dict[str, Path], size: tuple[int, int]
) -> None:
    debrief = Debrief.open(seminar["a"])
    app = make_replay_app(debrief, step=deferral(debrief))
    assert snap_compare(app, press=["3"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_charts_and_seat_lens(
    snap_compare: SnapCompare, seminar: dict[str, Path], size: tuple[int, int]
) -> None:
    debrief = Debrief.open(seminar["a"])
    app = make_replay_app(debrief, step=20)
    press = ["2"] if size == (120, 40) else ["4", "s"]
    assert snap_compare(app, press=press, terminal_size=size, run_before=settle)
