"""The roster tab: every organization at the table, filterable by sector, interest and name.

It is built from public `RosterRow`s only, so confidential fields cannot leak into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Input, Select, Static

from sim.play.public import RosterRow, money, sector_label
from sim.tui.common.fit import fit, fit_widths

ALL = "*"
# Below this many columns the roster drops "Short" so names and interests stay readable.
SHORT_COLUMN_MIN_WIDTH = 100
SCROLLBAR = 2


def filter_rows(
    rows: Iterable[RosterRow], sector: str = ALL, interest: str = ALL, text: str = ""
) -> list[RosterRow]:
    """Rows in the chosen sector, serving the chosen interest, whose name contains text."""
    needle = text.strip().casefold()
    return [
        row
        for row in rows
        if (sector == ALL or row.sector == sector)
        and (interest == ALL or interest in row.interests)
        and (not needle or any(needle in s.casefold() for s in (row.name, row.short, row.id)))
    ]


def sector_cell(row: RosterRow) -> str:
    return f"{sector_label(row.sector)} · {row.level}" if row.level else sector_label(row.sector)


def money_cell(row: RosterRow) -> str:
    return money(row.money) if row.money else "—"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    minimum: int
    width: int = 0


COLUMNS = (
    Column("short", "Short", 6),
    Column("name", "Name", 16),
    Column("sector", "Sector", 8),
    Column("interests", "Interests", 10),
    Column("money", "Money", 0),
)


def cell_text(row: RosterRow, key: str) -> str:
    return {
        "short": row.short,
        "name": row.name,
        "sector": sector_cell(row),
        "interests": row.interest_names,
        "money": money_cell(row),
    }[key]


def layout(rows: Sequence[RosterRow], width: int) -> list[Column]:
    """The columns to show at this width and how wide each is."""
    wide = not width or width >= SHORT_COLUMN_MIN_WIDTH
    columns = [c for c in COLUMNS if c.key != "short" or wide]
    natural = [max([len(c.label), *(len(cell_text(row, c.key)) for row in rows)]) for c in columns]
    if not width:
        return [Column(c.key, c.label, c.minimum, w) for c, w in zip(columns, natural, strict=True)]
    minimum = [c.minimum or n for c, n in zip(columns, natural, strict=True)]
    widths = fit_widths(natural, minimum, width - SCROLLBAR)
    return [Column(c.key, c.label, c.minimum, w) for c, w in zip(columns, widths, strict=True)]


class RosterView(Vertical):
    """Filters on top, a count line, then the table of organizations."""

    def __init__(
        self,
        rows: Sequence[RosterRow],
        sectors: Sequence[str],
        interests: Sequence[tuple[str, str]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.rows = list(rows)
        self.sectors = list(sectors)
        self.interests = list(interests)
        self.interest_names = dict(interests)
        self.shown: list[RosterRow] = list(rows)
        self.columns: list[Column] = []

    def compose(self) -> ComposeResult:
        sector_options = [("All sectors", ALL)] + [
            (f"Sector: {sector_label(s)}", s) for s in self.sectors
        ]
        interest_options = [("All interests", ALL)] + [
            (f"Interest: {name}", interest_id) for interest_id, name in self.interests
        ]
        with Horizontal(id="roster-filters"):
            sector = Select(sector_options, value=ALL, allow_blank=False, id="roster-sector")
            sector.tooltip = "Show only organizations of one sector"
            yield sector
            interest = Select(interest_options, value=ALL, allow_blank=False, id="roster-interest")
            interest.tooltip = "Show only organizations that can serve one interest"
            yield interest
            name = Input(placeholder="Filter by name  (/)", id="roster-name")
            name.tooltip = "Type part of a name or short name"
            yield name
        yield Static(id="roster-count")
        table: DataTable[Text] = DataTable(id="roster-table", cursor_type="row", zebra_stripes=True)
        yield table

    def on_mount(self) -> None:
        self.apply_filters()

    def on_resize(self, event: events.Resize) -> None:
        if layout(self.rows, event.size.width) != self.columns:
            self.apply_filters()

    @property
    def sector(self) -> str:
        return str(self.query_one("#roster-sector", Select).value)

    @property
    def interest(self) -> str:
        return str(self.query_one("#roster-interest", Select).value)

    @property
    def name_filter(self) -> str:
        return self.query_one("#roster-name", Input).value

    @on(Select.Changed)
    @on(Input.Changed)
    def _filters_changed(self) -> None:
        self.apply_filters()

    def apply_filters(self) -> None:
        """Refill the table with the rows that pass the filters, sized to the screen."""
        self.shown = filter_rows(self.rows, self.sector, self.interest, self.name_filter)
        table = self.query_one("#roster-table", DataTable)
        columns = layout(self.rows, self.size.width)
        if columns != self.columns:
            self.columns = columns
            table.clear(columns=True)
            for column in columns:
                table.add_column(column.label, key=column.key, width=column.width)
        else:
            table.clear()
        for row in self.shown:
            table.add_row(
                *(
                    fit(
                        cell_text(row, c.key),
                        c.width,
                        justify="right" if c.key == "money" else "left",
                    )
                    for c in columns
                ),
                key=row.id,
            )
        self.query_one("#roster-count", Static).update(Content(self.count_text()))

    def count_text(self) -> str:
        """Say how many rows are shown and why, in words rather than only in colour."""
        text = f"Showing {len(self.shown)} of {len(self.rows)} organizations"
        active = []
        if self.sector != ALL:
            active.append(f"sector {sector_label(self.sector)}")
        if self.interest != ALL:
            active.append(f"interest {self.interest_names.get(self.interest, self.interest)}")
        if self.name_filter.strip():
            active.append(f"name contains “{self.name_filter.strip()}”")
        if active:
            text += " · " + ", ".join(active)
        if not self.shown:
            text += " · no match: widen the filters"
        return text

    def clear_filters(self) -> None:
        self.query_one("#roster-sector", Select).value = ALL
        self.query_one("#roster-interest", Select).value = ALL
        self.query_one("#roster-name", Input).value = ""

    def focus_name_filter(self) -> None:
        # Focus now, not on the next message (as `Input.focus()` does), so the keys a
        # person types straight after `/` land in the filter, not in the table.
        self.screen.set_focus(self.query_one("#roster-name", Input))
