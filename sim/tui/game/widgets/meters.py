"""Meters: trust, norm clarity, the result against its target, and money by stream.

Every meter prints its number beside the bar, so nothing is told by colour or length alone.
"""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from sim.engine.game import Game
from sim.play.words import money

BAR = 8


def bar(share: float, width: int = BAR) -> str:
    """A bar of filled and empty blocks: '▰▰▰▱▱▱▱▱'."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "▰" * filled + "▱" * (width - filled)


def stream_name(game: Game, stream: str, width: int = 18) -> str:
    name: str = game.streams[stream].name
    return name if len(name) <= width else name[: width - 1] + "…"


def result_text(game: Game, view: dict[str, Any], year_results: list[float]) -> str:
    """'Result 344 of 400 tons/year (86%) · promised 420', or why there is none yet."""
    result = view["result"]
    promised = view["achieved_nominal"]
    if result is None:
        return "Result: not named yet"
    metric = game.metrics[result["metric"]]
    target = result["target"]
    if year_results:
        got = year_results[-1]
        share = got / target if target else 0.0
        text = f"Result {bar(share, 6)} {got:,.0f} of {target:g} {metric.unit} ({share:.0%})"
    else:
        text = f"Result: — of {target:g} {metric.unit} (no year closed)"
    if promised:
        text += f" · promised {promised:,.0f}"
    if view["measured_rate"] is not None:
        text += f" · measured {view['measured_rate']:,.0f}"
    return text


def meters_content(game: Game, view: dict[str, Any], year_results: list[float]) -> Content:
    trust = view["trust"]["density"]
    norms = view["norm_clarity"]
    members = sum(m["status"] == "table" for m in view["members"])
    first = (
        f"Trust {bar(trust)} {trust:.2f} · Norm clarity {bar(norms)} {norms:.2f}"
        f" · Members {members}"
    )
    second = result_text(game, view, year_results)
    streams = " · ".join(
        f"{stream_name(game, sid)} {money(balance)}" for sid, balance in view["streams"].items()
    )
    return Content("\n".join([first, second, f"Money: {streams}"]))


class Meters(Static):
    """Three lines of meters under the stage bar."""

    def show(self, game: Game, view: dict[str, Any], year_results: list[float]) -> None:
        self.update(meters_content(game, view, year_results))
