"""A footer that shows only the keys that fit whole, and always the help key.

Textual's footer scrolls sideways and clips the last key mid-word ("g Agreem"), which reads
as a broken screen at 80 columns. This one keeps the keys in order while they fit, hides
the rest, and keeps `? Help` in view, where every key of the screen is listed.
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

HELP_KEY = "question_mark"


class FitFooter(Footer):
    """Footer keys in order while they fit the width; then `? Help`."""

    _natural: dict[Widget, int] | None = None  # each child's width with every key shown

    async def recompose(self) -> None:
        await super().recompose()
        self._natural = None
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _measure(self, items: list[Widget]) -> dict[Widget, int] | None:
        """The children's widths, margins included, once laid out with every key shown."""
        if not items or not all(c.display for c in items):
            return None
        if not all(c.outer_size.width for c in items):
            self.call_after_refresh(self._fit)  # not laid out yet: after the next refresh
            return None
        return {c: c.outer_size.width + c.styles.margin.width for c in items}

    def _fit(self) -> None:
        items = [c for c in self.children if not c.has_class("-command-palette")]
        natural = self._natural = self._natural or self._measure(items)
        if natural is None:
            return
        # The palette key is docked at the right: the keys have the room to its left.
        docked = [
            c.region.x - self.region.x
            for c in self.children
            if c not in natural and c.outer_size.width
        ]
        room = min([self.size.width, *docked])
        help_key = next((c for c in items if isinstance(c, FooterKey) and c.key == HELP_KEY), None)
        if help_key is not None:
            room -= natural.get(help_key, 0)
        fits = True
        for unit in _units(items):
            if help_key in unit:
                continue
            width = sum(natural.get(c, 0) for c in unit)
            fits = fits and width <= room
            room -= width if fits else 0
            for child in unit:
                if child.display != fits:
                    child.display = fits


def _units(items: list[Widget]) -> list[list[Widget]]:
    """The footer's children as they show or hide together: a key group with its label."""
    units: list[list[Widget]] = []
    for child in items:
        if isinstance(child, FooterLabel) and units and isinstance(units[-1][0], KeyGroup):
            units[-1].append(child)
        else:
            units.append([child])
    return units
