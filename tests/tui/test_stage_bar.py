"""The stage bar says what it takes to move on in the lines it has, in whole words."""

from __future__ import annotations

import textwrap

from sim.engine import Game
from sim.engine import actions as A
from sim.play.driver import Driver
from sim.scenario.load import load_scenario
from sim.tui.game.widgets.stage_bar import MOVE_ON_LINES, OPEN_TENSIONS, move_on_text
from tests.conftest import SCENARIOS
from tests.tui.seats import MAX_STEPS, answer

# The bar's text width on an 80-column terminal (one cell of padding either side).
NARROW = 78
SEAT = "city-dot"


def storming_with_open_tensions() -> Driver:
    """Riverton DOT's game on the flagship, at storming while several tensions are open."""
    game = Game(load_scenario(SCENARIOS / "clean-air-compact.toml"))
    driver = Driver(game.new_session(5, {SEAT: "human"}), SEAT)
    driver.start()
    for _ in range(MAX_STEPS):
        view = driver.view
        open_ = [t for t in view.tensions if t.status == "open"]
        if view.stage == "storming" and len(open_) >= 3 and answer(driver) is None:
            return driver
        driver.submit(answer(driver) or A.EndRound(seat=SEAT))
    raise AssertionError("the game never held storming with three tensions open")


def test_a_long_list_of_open_tensions_becomes_their_count_at_80_columns() -> None:
    view = storming_with_open_tensions().view
    assert (view.stage_holds or "").startswith(OPEN_TENSIONS)
    whole = move_on_text(view)
    assert len(textwrap.wrap(whole, NARROW)) > MOVE_ON_LINES  # it would be cut
    fitted = move_on_text(view, NARROW)
    assert len(textwrap.wrap(fitted, NARROW, break_long_words=False)) <= MOVE_ON_LINES
    open_count = sum(1 for t in view.tensions if t.status == "open")
    assert f"({open_count} tensions open: the Tensions tab lists them)" in fitted, fitted
    # Wide enough, the titles stay.
    assert move_on_text(view, 400) == whole


def test_anything_else_too_long_ends_in_whole_words() -> None:
    view = storming_with_open_tensions().view
    fitted = move_on_text(view, 30)
    assert fitted.endswith(" …")
    assert len(textwrap.wrap(fitted, 30, break_long_words=False)) <= MOVE_ON_LINES
    assert whole_words(fitted[: -len(" …")], move_on_text(view))


def whole_words(head: str, text: str) -> bool:
    return text.startswith(head) and text[len(head)] == " "
