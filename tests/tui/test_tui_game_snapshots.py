"""Screenshots of the game screens at 80×24 and 120×40: table, agreement and allocation
editors, scorecard and briefing.

Each starts from a committed fixture scenario and a fixed seed, played forward by the
engine's careful convener without a save (so no file name or time reaches the picture).
Approve changes with `pytest tests/tui --snapshot-update` after reading the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.policies import ConvenerBot
from sim.play.driver import Driver
from sim.scenario.load import load_scenario
from sim.tui.app import make_app
from tests.tui.conftest import BIG, DEMO, SIZES

SnapCompare = Callable[..., bool]


def played(path: Path, seed: int, done: Callable[[Driver], bool], seat: str = "convener") -> Driver:
    """A game of a fixture, played by the careful convener until `done` says stop."""
    game = Game(load_scenario(path))
    seats = {"convener": "human", seat: "human"}
    driver = Driver(game.new_session(seed, seats), seat)
    policy = ConvenerBot(game, "full")
    for _ in range(1000):
        if done(driver) or driver.session.is_over:
            break
        if seat != "convener":
            due = driver.waiting_for()
            if due is not None:
                driver.submit(A.Vote(choice="yes") if due == "vote" else driver.pledge_action(0.5))
                continue
            driver.submit(A.EndRound())
            continue
        action = policy(driver.session)
        driver.submit(action if driver.why_illegal(action) is None else A.EndRound())
    return driver


async def settle(pilot: Pilot[None]) -> None:
    """Let workers, animations and layout finish before the picture is taken."""
    await pilot.app.workers.wait_for_complete()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def members(n: int) -> Callable[[Driver], bool]:
    return lambda d: len(d.session.state.at_table()) >= n


def proposals(n: int) -> Callable[[Driver], bool]:
    return lambda d: sum(a.kind == "propose" for a in d.session.history) >= n


def funded(n: int) -> Callable[[Driver], bool]:
    return lambda d: len(d.session.state.batches) >= n


@pytest.mark.parametrize("size", SIZES)
def test_table(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(BIG, 3, members(8)))
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_agreement_editor(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(DEMO, 4, proposals(1)))
    assert snap_compare(app, press=["g"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_allocation_editor(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(DEMO, 4, funded(2)))
    assert snap_compare(app, press=["f", "2"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_allocation_streams(
    snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]
) -> None:
    """The streams and their rules, whole: a long rule wraps at 80 columns."""
    app = make_app(scenarios_folder=catalog, driver=played(DEMO, 4, funded(2)))
    assert snap_compare(app, press=["f", "1"], terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_scorecard(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(DEMO, 4, lambda d: False))
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_scorecard_charts(snap_compare: SnapCompare, catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(DEMO, 4, lambda d: False))
    assert snap_compare(app, press=["2"], terminal_size=(120, 40), run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_briefing(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = played(DEMO, 4, lambda d: True, seat="neighbors")
    app = make_app(scenarios_folder=catalog, driver=driver)
    # The bot convener's invitation opens first: escape leaves it to j.
    assert snap_compare(app, press=["escape", "b"], terminal_size=size, run_before=settle)
