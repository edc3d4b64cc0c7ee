"""The tensions tab: every conflict that has surfaced, its status, heat and how it was handled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from sim.engine.view import SeatView
from sim.scenario.words import TENSION_STATUS
from sim.tui.common.rows import RowTable

if TYPE_CHECKING:
    from sim.tui.host import Host


class TensionTable(RowTable):
    """Fills itself when it mounts (it may mount late, in a hidden tab) and on every change."""

    app: Host  # type: ignore[assignment]
    drawn: tuple[object, ...] = ()

    def on_mount(self) -> None:
        for key, label in (
            ("title", "Tension"),
            ("status", "Status"),
            ("heat", "Heat"),
            ("handled", "Handled so far"),
        ):
            self.add_column(label, key=key)
        if self.app.in_game:
            self.show(self.app.driver.view)

    def show(self, view: SeatView) -> None:
        rows = [(view.scenario.tension[t.tension], t) for t in view.tensions]
        drawn = tuple((spec.id, t.status, round(t.heat, 2), tuple(t.handled)) for spec, t in rows)
        if drawn == self.drawn:
            return
        self.drawn = drawn
        self.clear()
        for spec, t in rows:
            self.add_row(
                Text(spec.title),
                Text(TENSION_STATUS[t.status]),
                Text(f"{t.heat:.2f}", justify="right"),
                Text(", ".join(t.handled) or "—"),
                key=spec.id,
            )
