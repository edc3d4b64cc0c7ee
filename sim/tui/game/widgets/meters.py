"""Meters: trust, norm clarity, the result against its target, and money by stream.

Every meter prints its number beside the bar, so nothing is told by colour or length alone.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from sim.engine.view import SeatView
from sim.play.words import money

BAR = 8


def bar(share: float, width: int = BAR) -> str:
    """A bar of filled and empty blocks: '▰▰▰▱▱▱▱▱'."""
    filled = round(max(0.0, min(1.0, share)) * width)
    return "▰" * filled + "▱" * (width - filled)


def result_text(view: SeatView) -> str:
    """'Result 344 of 400 tons/year (86%) · 510 so far · promised 420', or why there is none yet."""
    if view.result is None:
        return "Result: not named yet"
    metric_id, target = view.result
    metric = view.scenario.metric[metric_id]
    if view.year_results:
        got = view.year_results[-1]
        share = got / target if target else 0.0
        text = f"Result {bar(share, 6)} {got:,.0f} of {target:g} {metric.unit} ({share:.0%})"
    else:
        text = f"Result: — of {target:g} {metric.unit} (no year closed)"
    if view.delivered_total > 0:
        # The whole game's count, so a table that starts delivering sooner shows it.
        text += f" · {view.delivered_total:,.0f} so far"
    if view.nominal_rate:
        text += f" · promised {view.nominal_rate:,.0f}"
    if view.measured_rate is not None:
        text += f" · measured {view.measured_rate:,.0f}"
    return text


def money_line(view: SeatView, width: int | None = None) -> str:
    """'Money: Federal air-quality grant $1.00M · …' when every stream's whole name fits
    `width`; else the total and the count, since a cut name says nothing ('State Diesel
    Emis…'): the allocation editor names each stream in full."""
    whole = "Money: " + " · ".join(
        f"{view.scenario.stream[s.stream].name} {money(s.balance)}" for s in view.streams
    )
    if width is None or len(whole) <= width:
        return whole
    total = sum(s.balance for s in view.streams)
    count = len(view.streams)
    return (
        f"Money: {money(total)} in {count} stream{'s' if count != 1 else ''}"
        " (the allocation editor names each)"
    )


PAIR = 2


def meters_content(view: SeatView, width: int | None = None) -> Content:
    # Trust here is between members: with fewer than two there is no pair to measure, and
    # a 0.00 would read as distrust.
    trust = f"{view.density:.2f}" if len(view.at_table) >= PAIR else "—"
    first = (
        f"Trust {bar(view.density)} {trust} · Norm clarity {bar(view.norm_clarity)}"
        f" {view.norm_clarity:.2f} · Members {len(view.at_table)}"
    )
    return Content("\n".join([first, result_text(view), money_line(view, width)]))


class Meters(Static):
    """Three lines of meters under the stage bar."""

    view: SeatView | None = None

    def show(self, view: SeatView) -> None:
        self.view = view
        self.update(meters_content(view, self.content_size.width or None))

    def on_resize(self) -> None:
        if self.view is not None:
            self.show(self.view)
