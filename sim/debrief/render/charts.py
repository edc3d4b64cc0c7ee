"""Chart data from a trace (trust, result against target, money by stream), sampled to a
width, and drawn as text where there is no room for more: the report's Markdown and the
viewer share these, the HTML report draws the same series as SVG.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.debrief.names import stream_name
from sim.debrief.render.doc import Chart, Series
from sim.debrief.trace.tracer import Trace

BLOCKS = "▁▂▃▄▅▆▇█"
MAX_POINTS = 400  # more points than this add nothing to a printed chart


def sample_steps(steps: int, points: int = MAX_POINTS) -> list[int]:
    """Evenly spaced steps from 0 to `steps`, always including both ends."""
    if steps + 1 <= points:
        return list(range(steps + 1))
    return sorted({round(n * steps / (points - 1)) for n in range(points)})


def trust_chart(trace: Trace, marks: Sequence[tuple[int, str]] = ()) -> Chart:
    xs = sample_steps(trace.steps)
    f = trace.frames
    density = tuple(f[x].density for x in xs)
    # Trust between members means nothing before two members sit at the table.
    seated = [x for x in xs if f[x].members >= 2] or xs
    start = f[seated[0]]
    return Chart(
        "Trust",
        tuple(xs),
        (
            Series("between members", density),
            Series("in the partnership", tuple(f[x].partnership for x in xs), dashed=True),
        ),
        marks=tuple(marks),
        caption=f"Trust between members went from {start.density:.2f} to {density[-1]:.2f} "
        f"(lowest {min(f[x].density for x in seated):.2f}); in the partnership from "
        f"{start.partnership:.2f} to {f[-1].partnership:.2f}.",
    )


def result_chart(trace: Trace, unit: str, marks: Sequence[tuple[int, str]] = ()) -> Chart:
    xs = sample_steps(trace.steps)
    f = trace.frames
    target = next((fr.target for fr in reversed(f) if fr.target is not None), None)
    got = tuple(f[x].achieved for x in xs)
    goal = f" against a target of {target:g}" if target is not None else ""
    return Chart(
        "Result against target",
        tuple(xs),
        (
            Series("delivered (true)", got),
            Series("promised", tuple(f[x].nominal for x in xs), dashed=True),
        ),
        unit=unit,
        target=target,
        marks=tuple(marks),
        caption=f"The funded projects ended delivering {got[-1]:,.1f} {unit} a year{goal}; "
        f"they promised {f[-1].nominal:,.1f}.",
    )


def money_chart(trace: Trace, marks: Sequence[tuple[int, str]] = ()) -> Chart:
    xs = sample_steps(trace.steps)
    f = trace.frames
    game = trace.game
    series = tuple(
        Series(stream_name(game, sid), tuple(f[x].balances[n] for x in xs), dashed=n % 2 == 1)
        for n, sid in enumerate(trace.stream_ids())
    )
    spent = sum(f[-1].spent)
    return Chart(
        "Money in hand by stream",
        tuple(xs),
        series,
        unit="$",
        marks=tuple(marks),
        caption=f"${spent:,.0f} spent in all; ${f[-1].delivered:,.0f} of "
        f"${f[-1].pledged:,.0f} pledged was delivered.",
    )


def spark(
    values: Sequence[float], width: int, low: float | None = None, high: float | None = None
) -> str:
    """Values as one line of block characters, `width` wide (each column its bucket's last)."""
    if not values or width <= 0:
        return ""
    cols = bucket(values, width)
    lo = min(cols) if low is None else low
    hi = max(cols) if high is None else high
    span = hi - lo
    out = []
    for v in cols:
        level = 0 if span <= 0 else round((min(max(v, lo), hi) - lo) / span * (len(BLOCKS) - 1))
        out.append(BLOCKS[level])
    return "".join(out)


def bucket(values: Sequence[float], width: int) -> list[float]:
    """Resample to `width` columns: each column shows the last value of its slice."""
    n = len(values)
    if n <= width:
        return list(values)
    return [values[min(n - 1, (c + 1) * n // width - 1)] for c in range(width)]


def column_of(step: int, steps: int, width: int) -> int:
    """Which column of a `width`-wide chart of steps 0..`steps` holds `step`."""
    if steps + 1 <= width:
        return step
    return min(width - 1, step * width // (steps + 1))
