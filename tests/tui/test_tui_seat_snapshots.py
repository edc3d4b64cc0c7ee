"""Screenshots at 80×24 and 120×40 of the new moves' screens: an organization seat's
invitation, vote with its forecast, pledge preview, delivery, walk-out confirmation and a
side deal to answer; the convener's member panel, sound-out, invite asks and stop dialog.

Every game is unsaved and seeded, so no file name or time reaches the picture. Approve
changes with `pytest tests/tui --snapshot-update` after reading the report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sim.engine import actions as A
from sim.play.driver import Driver
from sim.tui.app import make_app
from tests.tui.conftest import DEMO, SIZES
from tests.tui.seats import at_table, in_stage, member_driver, paired_driver
from tests.tui.test_tui_convener_moves import convening, norming
from tests.tui.test_tui_game_snapshots import settle

SnapCompare = Callable[..., bool]


def snap(
    snap_compare: SnapCompare, catalog: Path, driver: Driver, size: tuple[int, int], *keys: str
) -> bool:
    app = make_app(scenarios_folder=catalog, driver=driver)
    return snap_compare(app, press=list(keys), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_invitation(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = member_driver(7, lambda d: d.view.member[d.seat].invited is not None)
    assert snap(snap_compare, catalog, driver, size)


@pytest.mark.parametrize("size", SIZES)
def test_vote_forecast(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = member_driver(7, lambda d: d.waiting_for() == "vote")
    assert snap(snap_compare, catalog, driver, size)


@pytest.mark.parametrize("size", SIZES)
def test_pledge_preview(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = member_driver(7, lambda d: d.waiting_for() == "pledge")
    assert snap(snap_compare, catalog, driver, size)


@pytest.mark.parametrize("size", SIZES)
def test_deliver(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = member_driver(7, lambda d: "deliver" in d.view.kinds and d.waiting_for() is None)
    assert snap(snap_compare, catalog, driver, size, "d")


@pytest.mark.parametrize("size", SIZES)
def test_walk_out(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = member_driver(7, in_stage("storming"))
    assert snap(snap_compare, catalog, driver, size, "w")


@pytest.mark.parametrize("size", SIZES)
def test_member_table(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = member_driver(7, in_stage("storming"))
    assert snap(snap_compare, catalog, driver, size)


@pytest.mark.parametrize("size", SIZES)
def test_deal_to_answer(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    seat = "neighbors"

    def ready(d: Driver) -> bool:
        time = d.session.state.convener_time
        return at_table(d) and d.view.stage in ("storming", "norming") and time >= 1

    driver = paired_driver(7, ready, seat, path=DEMO)
    issues = [i for i in driver.view.scenario.issues if i.id not in driver.view.agreement]
    driver.session.apply(
        A.OfferDeal(
            partner=seat,
            give_issue=issues[0].id,
            give_option=issues[0].options[0].id,
            want_issue=issues[1].id,
            want_option=issues[1].options[0].id,
        )
    )
    assert snap(snap_compare, catalog, driver, size)


@pytest.mark.parametrize("size", SIZES)
def test_member_panel(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = convening(norming, skip={"sound_out"})
    view = driver.view
    issues = [i.id for i in view.scenario.issues if i.id not in view.agreement]
    driver.submit(A.SoundOut(members=[view.at_table[0]], issues=issues))
    assert snap(snap_compare, catalog, driver, size, "1", "m")


@pytest.mark.parametrize("size", SIZES)
def test_sound_out(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = convening(norming, skip={"sound_out"})
    assert snap(snap_compare, catalog, driver, size, "u", "space", "down", "space")


@pytest.mark.parametrize("size", SIZES)
def test_agreement_package(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = convening(norming, skip={"sound_out"})
    assert snap(snap_compare, catalog, driver, size, "g", "2", "a", "1")


@pytest.mark.parametrize("size", SIZES)
def test_invite_asks(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = convening(lambda d: True)
    assert snap(snap_compare, catalog, driver, size, "i", "enter")


@pytest.mark.parametrize("size", SIZES)
def test_stop_project(snap_compare: SnapCompare, catalog: Path, size: tuple[int, int]) -> None:
    driver = convening(lambda d: any(not b.stopped for b in d.view.batches))
    assert snap(snap_compare, catalog, driver, size, "f", "s")
