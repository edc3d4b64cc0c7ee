"""The two lines on every game screen: where the partnership is, and what it takes to move on."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from sim.engine import actions as A
from sim.play.driver import Driver
from sim.play.words import money, seat_label, stage_title
from sim.scenario.words import STAGE_HINT

NEXT = {"forming": "storming", "storming": "norming", "norming": "performing"}


def where_text(driver: Driver, view: dict[str, Any]) -> Content:
    """'NORMING · year 2 of 3 · round 2 of 4 (6 of 12) · time 4 · budget $120,000 · saved 23'."""
    stage = view["stage"]
    years = view["total_rounds"] // max(1, driver.session.state.rounds_per_year)
    parts = [
        f"year {view['year']}/{years}",
        f"round {view['round_in_year']}/{driver.session.state.rounds_per_year}"
        f" ({min(view['round'], view['total_rounds'])} of {view['total_rounds']})",
    ]
    secret = view.get("confidential", {})
    if driver.is_convener:
        parts.append(f"time {secret.get('time_left', 0)}")
        parts.append(f"budget {money(secret.get('budget', 0.0))}")
    else:
        parts.append(f"you: {seat_label(driver.game, driver.seat)}")
    saved = f"saved step {driver.steps}" if driver.saver is not None else f"step {driver.steps}"
    parts.append(saved)
    return Content.from_markup(
        "[b reverse] $stage [/b reverse] $rest",
        stage=stage_title(stage).upper(),
        rest=" · ".join(parts),
    )


def move_on_text(driver: Driver) -> str:
    """What it takes to leave this stage, in the engine's own words (`why_illegal(Advance)`)."""
    session = driver.session
    stage = session.stage
    if session.is_over:
        return "The game is over: the scorecard says how the partnership did."
    if stage in NEXT:
        reason = session.why_illegal(A.Advance())
        if reason is None:
            who = "press a" if driver.is_convener else "the convener may move on"
            return f"✓ Ready for {NEXT[stage]}: {who}. Now: {STAGE_HINT[stage]}."
        if not driver.is_convener:
            reason = reason.replace(f"waiting for {driver.seat}", "waiting for you")
        return f"To move on to {NEXT[stage]}: {reason}."
    state = session.state
    return (
        f"Performing until round {state.total_rounds} ends: {STAGE_HINT[stage]}. "
        "A trust shock can send the table back to storming."
    )


class StageBar(Static):
    """Stage, year, round, the seat's time and budget, and the reason the stage holds."""

    def show(self, driver: Driver, view: dict[str, Any]) -> None:
        line = where_text(driver, view)
        self.update(line + Content("\n") + Content(move_on_text(driver)))
