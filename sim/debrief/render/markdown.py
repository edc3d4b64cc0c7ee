"""Render a report Document as Markdown: headings, tables, quotes, text charts.

Charts become a few lines of block characters in a code block, one per series, with the
key moments' labels under the columns where they happened, so the printout keeps them.
"""

from __future__ import annotations

import re

from sim.debrief.render.charts import column_of, spark
from sim.debrief.render.doc import Block, Bullets, Chart, Document, Heading, Para, Quote, Table

CHART_WIDTH = 60
_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str) -> str:
    """Markdown-safe text: characters that would start formatting are backslashed."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_markdown(doc: Document) -> str:
    parts = [block_md(block) for block in doc.blocks]
    return "\n\n".join(p for p in parts if p) + "\n"


def block_md(block: Block) -> str:
    match block:
        case Heading(level=level, text=text):
            return f"{'#' * level} {escape(text)}"
        case Para(text=text, lead=lead):
            return (f"**{escape(lead)}** " if lead else "") + escape(text)
        case Bullets(items=items, numbered=numbered):
            return "\n".join(
                f"{n}. {escape(i)}" if numbered else f"- {escape(i)}"
                for n, i in enumerate(items, start=1)
            )
        case Table():
            return table_md(block)
        case Quote(text=text, source=source):
            return f"> “{escape(text)}”\n> — *{escape(source)}*"
        case Chart():
            return chart_md(block)
    return ""


def table_md(table: Table) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape(c) for c in cells) + " |"

    rule = (
        "|"
        + "|".join("---:" if n in table.numeric else "---" for n in range(len(table.header)))
        + "|"
    )
    return "\n".join([row(table.header), rule, *(row(r) for r in table.rows)])


def chart_md(chart: Chart) -> str:
    width = min(CHART_WIDTH, len(chart.steps))
    values = [v for s in chart.series for v in s.values]
    low, high = min(values, default=0.0), max(values, default=0.0)
    if chart.target is not None:
        low, high = min(low, chart.target), max(high, chart.target)
    name_width = max((len(s.label) for s in chart.series), default=0)
    lines = [
        f"{s.label.ljust(name_width)} {spark(s.values, width, low, high)}  "
        f"{_figure(s.values[0], chart.unit)} → {_figure(s.values[-1], chart.unit)}"
        for s in chart.series
    ]
    if chart.marks:
        under = [" "] * width
        last = chart.steps[-1] if chart.steps else 0
        for step, mark in chart.marks:
            col = column_of(_index_of(chart.steps, step), len(chart.steps) - 1, width)
            for n, ch in enumerate(mark.lstrip("M")):
                if col + n < width and under[col + n] == " ":
                    under[col + n] = ch
        lines.append(" " * (name_width + 1) + "".join(under).rstrip())
        lines.append(" " * (name_width + 1) + f"steps 0–{last}; numbers: key moments M1, M2…")
    if chart.target is not None:
        lines.append(f"target {_figure(chart.target, chart.unit)}; scale {low:,.1f}–{high:,.1f}")
    body = "\n".join(lines)
    return f"**{escape(chart.title)}.** {escape(chart.caption)}\n\n```text\n{body}\n```"


def _index_of(steps: tuple[int, ...], step: int) -> int:
    """The position of the sampled step nearest to `step` at or before it."""
    best = 0
    for n, s in enumerate(steps):
        if s <= step:
            best = n
    return best


def _figure(value: float, unit: str) -> str:
    if unit == "$":
        return f"${value:,.0f}"
    return f"{value:,.2f}" if abs(value) < 10 else f"{value:,.1f}"
