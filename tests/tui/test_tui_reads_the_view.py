"""The screens of a game read only the seat's view and change the game only by actions.

The app is given a port with nothing on it but the seat, its view, submit, start, the
scorecard and where it is saved: a whole game played by keys through it proves no screen
reaches for the engine's session. And the source says so too.
"""

from __future__ import annotations

import re
from pathlib import Path

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.policies import ConvenerBot
from sim.engine.view import SeatView
from sim.play.driver import Driver, Turn
from sim.scenario.load import load_scenario
from sim.scoring.model import Scorecard
from sim.tui.app import make_app
from sim.tui.game.stage import StageDialog
from tests.tui.conftest import DEMO
from tests.tui.keyplay import MAX_PER_ROUND, keys_for

ROOT = Path(__file__).resolve().parents[2]


class ViewOnly:
    """A SeatPort over a Driver that hides everything else the driver has."""

    def __init__(self, driver: Driver) -> None:
        self._driver = driver

    @property
    def seat(self) -> str:
        return self._driver.seat

    @property
    def view(self) -> SeatView:
        return self._driver.view

    @property
    def saved(self) -> Path | None:
        return self._driver.saved

    def submit(self, action: A.Action) -> Turn:
        return self._driver.submit(action)

    def start(self) -> Turn:
        return self._driver.start()

    def scorecard(self) -> Scorecard | None:
        return self._driver.scorecard()

    def close(self) -> None:
        self._driver.close()


async def test_a_whole_game_plays_through_a_port_with_only_the_view(catalog: Path) -> None:
    driver = Driver(Game(load_scenario(DEMO)).new_session(3, {"convener": "human"}))
    policy = ConvenerBot(driver.game, "full")
    app = make_app(scenarios_folder=catalog, driver=ViewOnly(driver))  # type: ignore[arg-type]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        place, in_round = "table", 0
        while not driver.session.is_over:
            action = policy(driver.session)
            if driver.session.why_illegal(action) is not None or in_round >= MAX_PER_ROUND:
                action = A.EndRound()
            keys, place = keys_for(driver.session, action, place)
            before = driver.steps
            await pilot.press(*keys)
            while isinstance(app.screen, StageDialog):
                await pilot.press("enter")
            assert driver.steps == before + 1, f"{keys} did not submit {action!r}"
            in_round = 0 if action.kind == "end_round" else in_round + 1
        await pilot.pause()
        assert type(app.screen).__name__ == "ScorecardScreen"


def test_no_screen_reads_the_engine_state() -> None:
    found = []
    for path in sorted((ROOT / "sim" / "tui").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"session\.state", r"sim\.engine\.(session|state)\b", r"driver\.session"):
            found += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in re.finditer(pattern, text)]
    assert not found, found
