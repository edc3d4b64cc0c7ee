"""Charts over time as text bars, with the selected step marked under each.

Plain block characters rather than a plotting package: no new dependency, and the charts
read the same at 80 columns as at 200. The marker row puts ▲ under the selected step's
column and a digit under each key moment's.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text
from textual.widget import Widget

from sim.debrief.debrief import Debrief
from sim.debrief.render.charts import column_of, money_chart, result_chart, spark, trust_chart
from sim.debrief.render.doc import Chart


def stretch(values: tuple[float, ...], width: int) -> list[float]:
    """A short series widened to `width` columns, each step as wide as the others."""
    n = len(values)
    if n >= width:
        return list(values)
    return [values[c * n // width] for c in range(width)]


def column(chart: Chart, width: int, step: int) -> int:
    """The column a step sits in, on a chart drawn `width` columns wide."""
    n = len(chart.steps)
    index = _nearest(chart.steps, step)
    if n >= width:
        return column_of(index, n - 1, width)
    return -(-index * width // n)  # the first column of the step's stretch


def marker_row(chart: Chart, width: int, step: int) -> Text:
    cells = [" "] * width
    for n, (at, _) in enumerate(chart.marks, start=1):
        col = column(chart, width, at)
        if cells[col] == " ":
            cells[col] = str(n % 10)
    col = column(chart, width, step)
    cells[col] = "▲"
    text = Text("".join(cells), style="dim")
    text.stylize("bold not dim", col, col + 1)
    return text


def _nearest(steps: tuple[int, ...], step: int) -> int:
    """Index of the sampled step at or just before `step`."""
    lo, hi = 0, len(steps) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if steps[mid] <= step:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _value_at(chart: Chart, series: int, step: int) -> float:
    return chart.series[series].values[_nearest(chart.steps, step)]


def charts_view(charts: list[Chart], width: int, step: int) -> RenderableType:
    parts: list[RenderableType] = []
    for chart in charts:
        bars = max(10, width)
        values = [v for s in chart.series for v in s.values]
        low, high = min(values), max(values)
        if chart.target is not None:
            low, high = min(low, chart.target), max(high, chart.target)
        parts.append(Text(chart.title, style="bold underline"))
        for n, series in enumerate(chart.series):
            now = _value_at(chart, n, step)
            shown = f"${now:,.0f}" if chart.unit == "$" else f"{now:,.2f}"
            parts.append(
                Text(f"{series.label}: {shown} at step {step}", style="bold" if n == 0 else "")
            )
            parts.append(Text(spark(stretch(series.values, bars), bars, low, high)))
        parts.append(marker_row(chart, bars, step))
        if chart.target is not None:
            parts.append(
                Text(f"target {chart.target:g}; scale {low:,.1f}–{high:,.1f}", style="dim")
            )
        parts.append(Text())
    parts.append(Text("▲ the selected step · digits: key moments M1, M2…", style="dim"))
    return Group(*parts)


class ChartsView(Widget):
    """Trust, the result against its target, and money by stream, for the whole save."""

    def __init__(self, debrief: Debrief, step: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.debrief = debrief
        self.step = step
        self.marks: list[tuple[int, str]] = []
        self._charts: list[Chart] = []
        self._build()

    def _build(self) -> None:
        trace = self.debrief.trace
        unit = self.debrief.unit
        self._charts = [
            trust_chart(trace, self.marks),
            result_chart(trace, unit, self.marks),
            money_chart(trace, self.marks),
        ]

    def set_marks(self, marks: list[tuple[int, str]]) -> None:
        self.marks = marks
        self._build()
        self.refresh(layout=True)

    def select(self, step: int) -> None:
        self.step = step
        self.refresh()

    def render(self) -> RenderableType:
        return charts_view(self._charts, max(20, self.size.width), self.step)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        lines = sum(3 + 2 * len(c.series) + (c.target is not None) for c in self._charts)
        return lines + 1
