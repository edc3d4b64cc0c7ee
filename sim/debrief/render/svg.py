"""A Chart as an inline SVG line chart: no dependency, readable in print.

Series are told apart by dash pattern as well as by shade, so a black-and-white printout
still reads; key moments are thin vertical lines labelled M1, M2… at the top.
"""

from __future__ import annotations

from html import escape

from sim.debrief.render.doc import Chart

WIDTH, HEIGHT = 680, 220
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 22, 46
SHADES = ("#1f4e79", "#b45f06", "#38761d", "#741b47", "#444444")
LEGEND_ROW = 16
DASHES = ("", "6 4", "2 3", "8 3 2 3", "1 2")


def chart_svg(chart: Chart) -> str:
    xs = chart.steps
    values = [v for s in chart.series for v in s.values]
    if chart.target is not None:
        values.append(chart.target)
    low = min(0.0, min(values, default=0.0))
    high = max(values, default=1.0)
    if high <= low:
        high = low + 1.0
    last = max(xs[-1], 1) if xs else 1
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    legend = _legend_places([series.label for series in chart.series])
    height = HEIGHT + LEGEND_ROW * (max((row for _, row in legend), default=0))

    def x_of(step: int) -> float:
        return LEFT + plot_w * step / last

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - (value - low) / (high - low))

    out = [
        f'<svg class="chart" role="img" viewBox="0 0 {WIDTH} {height}" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="{escape(chart.title)}">',
        f"<title>{escape(chart.title)}</title>",
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" '
        'stroke="#999" stroke-width="0.5"/>',
    ]
    for n in range(5):
        value = low + (high - low) * n / 4
        y = y_of(value)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#ddd" '
            'stroke-width="0.5"/>'
            f'<text x="{LEFT - 6}" y="{y + 3:.1f}" text-anchor="end" font-size="10">'
            f"{escape(_tick(value, chart.unit))}</text>"
        )
    out.append(
        f'<text x="{LEFT}" y="{HEIGHT - BOTTOM + 14}" font-size="10">step 0</text>'
        f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - BOTTOM + 14}" font-size="10" '
        f'text-anchor="end">step {xs[-1] if xs else 0}</text>'
    )
    if chart.target is not None:
        y = y_of(chart.target)
        out.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#c00" '
            'stroke-width="1" stroke-dasharray="3 3"/>'
            f'<text x="{WIDTH - RIGHT - 2}" y="{y - 4:.1f}" text-anchor="end" font-size="10" '
            f'fill="#c00">target {escape(_tick(chart.target, chart.unit))}</text>'
        )
    for step, mark in chart.marks:
        x = x_of(step)
        out.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{TOP + plot_h}" stroke="#888" '
            'stroke-width="0.5"/>'
            f'<text x="{x:.1f}" y="{TOP - 6}" text-anchor="middle" font-size="9">'
            f"{escape(mark)}</text>"
        )
    for n, series in enumerate(chart.series):
        shade = SHADES[n % len(SHADES)]
        dash = DASHES[max(n, 1) % len(DASHES)] if (n or series.dashed) else ""
        points = " ".join(
            f"{x_of(x):.1f},{y_of(v):.1f}" for x, v in zip(xs, series.values, strict=False)
        )
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<polyline points="{points}" fill="none" stroke="{shade}" stroke-width="1.6"'
            f"{dash_attr}/>"
        )
        legend_x, row = legend[n]
        y = HEIGHT - 14 + LEGEND_ROW * row
        out.append(
            f'<line x1="{legend_x}" y1="{y}" x2="{legend_x + 22}" y2="{y}" stroke="{shade}" '
            f'stroke-width="2"{dash_attr}/>'
            f'<text x="{legend_x + 26}" y="{y + 3}" font-size="10">{escape(series.label)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _legend_places(labels: list[str]) -> list[tuple[int, int]]:
    """Where each legend entry goes (x, row): entries wrap to a new row at the right edge."""
    places: list[tuple[int, int]] = []
    x, row = LEFT, 0
    for text in labels:
        width = 34 + int(5.6 * len(text))
        if x > LEFT and x + width > WIDTH - RIGHT:
            x, row = LEFT, row + 1
        places.append((x, row))
        x += width + 8
    return places


def _tick(value: float, unit: str) -> str:
    if unit == "$":
        if abs(value) >= 1_000_000:
            return f"${value / 1_000_000:,.1f}M"
        if abs(value) >= 1_000:
            return f"${value / 1_000:,.0f}k"
        return f"${value:,.0f}"
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.0f}"
