"""Charts for the scorecard: trust round by round, and the result year by year.

Drawn with textual-plotext when it is installed, else with Textual's Sparkline, so the
scorecard never depends on an optional package to open. Each chart has a text caption
with the numbers, so a chart is never the only place a figure appears.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Sparkline, Static

try:
    from textual_plotext import PlotextPlot
except ImportError:  # pragma: no cover - the fallback is for installs without the package
    PlotextPlot = None


def trust_caption(history: Sequence[float]) -> str:
    if not history:
        return "Trust between members: no round has ended yet."
    low = min(history)
    return (
        f"Trust between members by round: from {history[0]:.2f} to {history[-1]:.2f}"
        f" (lowest {low:.2f})."
    )


def result_caption(results: Sequence[float], target: float | None, unit: str) -> str:
    if not results:
        return "Result by year: no year has closed."
    years = ", ".join(f"year {n}: {v:,.0f}" for n, v in enumerate(results, start=1))
    goal = f"; target {target:g} {unit}" if target else ""
    return f"Result by year: {years}{goal}."


class Chart(Vertical):
    """One chart and its caption."""

    def __init__(
        self,
        title: str,
        values: Sequence[float],
        caption: str,
        *,
        bars: bool = False,
        target: float | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes="chart")
        self.title_text = title
        self.values = list(values)
        self.caption = caption
        self.bars = bars
        self.target = target

    def compose(self) -> ComposeResult:
        if PlotextPlot is not None:
            yield PlotextPlot(classes="chart-plot")
        else:
            yield Sparkline(self.values or [0.0], classes="chart-plot")
        yield Static(Content(self.caption), classes="chart-caption")

    def on_mount(self) -> None:
        if PlotextPlot is None:
            return
        widget = self.query_one(PlotextPlot)
        plt = widget.plt
        plt.title(self.title_text)
        xs = list(range(1, len(self.values) + 1))
        if self.values:
            if self.bars:
                plt.bar(xs, self.values, label="delivered")
                if self.target:
                    plt.hline(self.target)
            else:
                plt.plot(xs, self.values, marker="braille")
                plt.ylim(0, 1)
        plt.xlabel("year" if self.bars else "round")
