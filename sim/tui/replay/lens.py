"""The seat lens: what one seat could see at the selected step, against the full picture."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sim.debrief.views.lens import Lens


def lens_view(lens: Lens, position: str) -> RenderableType:
    def lines(title: str, items: tuple[tuple[str, str], ...], style: str) -> RenderableType:
        table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
        table.add_column(style="bold")
        table.add_column()
        for what, value in items:
            table.add_row(what, value)
        return Group(Text(title, style=style), table)

    return Group(
        Text(f"Seat lens: {lens.title} ({position}; s: next seat)", style="bold underline"),
        Text(),
        lines(f"What {lens.title} could see", lens.sees, "bold green"),
        Text(),
        lines("Hidden from this seat: only the debrief sees it", lens.hidden, "bold red"),
    )
