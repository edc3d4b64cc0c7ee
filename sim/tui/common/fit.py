"""Fit table columns to the terminal, so an 80-column screen shows every column.

DataTable sizes columns to their content and scrolls sideways when they do not
fit; a facilitator at 80 columns would then never see the last columns. Instead
the widest columns give way first, down to a minimum, and cells end in '…'.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.text import Text

Justify = Literal["left", "right"]

# DataTable pads each cell with one space on either side.
CELL_PADDING = 2


def fit_widths(natural: Sequence[int], minimum: Sequence[int], available: int) -> list[int]:
    """Column widths that fit `available` cells, shrinking the widest columns first."""
    widths = list(natural)
    budget = available - CELL_PADDING * len(widths)
    while sum(widths) > budget:
        shrinkable = [i for i, w in enumerate(widths) if w > minimum[i]]
        if not shrinkable:
            break
        widest = max(widths[i] for i in shrinkable)
        for i in shrinkable:
            if widths[i] == widest:
                widths[i] -= 1
                if sum(widths) <= budget:
                    break
    return widths


def fit_list(items: Sequence[str], width: int, noun: str) -> str:
    """As many whole items as fit in `width`, then how many more ("Health care, Data +2"),
    so a list is never cut mid-word; where not even one fits, the count ("3 interests")."""
    whole = ", ".join(items)
    if len(whole) <= width:
        return whole
    for n in range(len(items) - 1, 0, -1):
        head = f"{', '.join(items[:n])} +{len(items) - n}"
        if len(head) <= width:
            return head
    return f"{len(items)} {noun}"


def fit(text: str, width: int, *, justify: Justify = "left", style: str = "") -> Text:
    """A cell cropped to `width`, ending in '…' when something was cut."""
    cell = Text(text, style=style)
    cell.truncate(width, overflow="ellipsis")
    if justify == "right":
        # DataTable ignores a Text's own justify, so pad by hand.
        cell.pad_left(width - cell.cell_len)
    return cell
