"""The game roster: every organization, who it sent, whether it is at the table, its trust.

Filter by place at the table, by interest and by name; `o` cycles the sort. Rows come
from the seat's view, so nothing confidential reaches the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.lazy import Lazy
from textual.widgets import DataTable, Input, Select, Static

from sim.engine.public import PublicScenario
from sim.engine.view import SeatView
from sim.play.public import sector_label
from sim.scenario.words import MEMBER_STATUS, REPRESENTATIVE
from sim.tui.common.fit import CELL_PADDING, fit, fit_list, fit_widths
from sim.tui.common.rows import RowTable

ALL = "*"
PLACES = [("Everyone", ALL), ("At the table", "table"), ("Not at the table", "away")]
SORTS = ("scenario order", "name", "sector", "trust", "place")
SORT_WORDS = {"scenario order": "scenario"}  # the count line fits 80 columns
WIDE = 90  # room for the interests column
MEDIUM = 64  # room for the sector column
SCROLLBAR = 2
MOVES, NARROW_MOVES, WIDE_SCREEN = 30, 27, 100  # the move list beside the roster (app.tcss)


@dataclass(frozen=True)
class MemberRow:
    """One organization as the game roster shows it."""

    id: str
    name: str
    short: str  # the scenario's short name, or the name: for a column too narrow for it
    sector: str
    interests: tuple[str, ...]
    interest_names: tuple[str, ...]
    status: str
    representative: str | None
    trust: float
    order: int

    def cell(self, key: str, width: int | None = None) -> str:
        """The text of column `key` in `width`: a name too wide gives its short name, a
        list of interests too long gives the whole ones that fit and how many more."""
        if key == "name":
            fits = width is None or len(self.name) <= width
            return self.name if fits else self.short
        if key == "sector":
            return sector_label(self.sector)
        if key == "interests":
            if width is None:
                return ", ".join(self.interest_names)
            return fit_list(self.interest_names, width, "interests")
        if key == "sends":
            # Whom a member sends, or, for an empty seat, why it is empty.
            if self.status == "table":
                return REPRESENTATIVE.get(self.representative or "", "—")
            return f"— {MEMBER_STATUS[self.status]}"
        return f"{self.trust:.2f}" if self.status == "table" else "—"


def member_rows(view: SeatView) -> list[MemberRow]:
    public = view.scenario
    names = {i.id: i.name for i in public.interests}
    rows = []
    for n, m in enumerate(view.members):
        org = public.orgs[m.organization]
        rows.append(
            MemberRow(
                id=org.id,
                name=org.name,
                short=org.label,
                sector=org.sector,
                interests=tuple(org.interests),
                interest_names=tuple(names.get(i, i) for i in org.interests),
                status=m.status,
                representative=m.representative,
                trust=m.trust,
                order=n,
            )
        )
    return rows


def filter_members(
    rows: Sequence[MemberRow], place: str = ALL, interest: str = ALL, text: str = ""
) -> list[MemberRow]:
    needle = text.strip().casefold()
    return [
        r
        for r in rows
        if (place == ALL or (place == "table") == (r.status == "table"))
        and (interest == ALL or interest in r.interests)
        and (not needle or needle in r.name.casefold() or needle in r.id)
    ]


def sort_members(rows: Sequence[MemberRow], by: str) -> list[MemberRow]:
    keys = {
        "scenario order": lambda r: (r.order,),
        "name": lambda r: (r.name.casefold(),),
        "sector": lambda r: (r.sector, r.order),
        "trust": lambda r: (r.status != "table", -r.trust, r.order),
        "place": lambda r: (r.status != "table", r.status, r.order),
    }
    return sorted(rows, key=keys[by])


# Key, heading, and the width a column may shrink to (0: never below its content). The
# Sends column also says why a seat is empty ("— declined"), so no Place column is needed.
COLUMNS = (
    ("name", "Member", 10),
    ("sector", "Sector", 7),
    ("interests", "Interests", 10),
    ("sends", "Sends", 14),
    ("trust", "Trust", 0),
)


class MemberTable(Vertical):
    """Filters, a count line that says what is shown, and the table."""

    def __init__(self, scenario: PublicScenario, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scenario = scenario
        self.rows: list[MemberRow] = []
        self.shown: list[MemberRow] = []
        self.sort = SORTS[0]
        self.widths: tuple[tuple[str, int], ...] = ()
        self.drawn: tuple[object, ...] = ()  # what the table shows now, to skip a redraw

    def compose(self) -> ComposeResult:
        interests = [("All interests", ALL)] + [
            (f"Interest: {i.name}", i.id) for i in self.scenario.interests
        ]
        place = Select(PLACES, value=ALL, allow_blank=False, compact=True, id="members-place")
        place.tooltip = "Show everyone, only members at the table, or only those away"
        interest = Select(
            interests, value=ALL, allow_blank=False, compact=True, id="members-interest"
        )
        interest.tooltip = "Show only organizations that can serve one interest"
        name = Input(placeholder="Name (/)", compact=True, id="members-name")
        name.tooltip = "Type part of a name"
        # The filters mount just after the first frame: Selects are the costliest widgets here.
        yield Lazy(Horizontal(place, interest, name, id="members-filters"))
        yield Static(id="members-count")
        yield RowTable(id="members-table")

    @property
    def table(self) -> DataTable[Text]:
        return self.query_one("#members-table", DataTable)

    @property
    def highlighted(self) -> str | None:
        table = self.table
        if not self.shown or table.cursor_row < 0:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)].id

    def show(self, view: SeatView) -> None:
        self.rows = member_rows(view)
        self.refill()

    def on_resize(self, event: events.Resize) -> None:
        if self._widths(event.size.width) != self.widths:
            self.refill()

    @on(Select.Changed)
    @on(Input.Changed)
    def _filters_changed(self, event: Select.Changed | Input.Changed) -> None:
        event.stop()
        self.refill()

    def _widths(self, width: int) -> tuple[tuple[str, int], ...]:
        columns = [
            c
            for c in COLUMNS
            if not width
            or ((c[0] != "interests" or width >= WIDE) and (c[0] != "sector" or width >= MEDIUM))
        ]
        natural = [
            max([len(label), *(len(r.cell(key)) for r in self.rows)]) for key, label, _ in columns
        ]
        if not width:
            return tuple((c[0], n) for c, n in zip(columns, natural, strict=True))
        minimum = [m or n for (_, _, m), n in zip(columns, natural, strict=True)]
        # Every short name whole comes first: the other columns give way before it does.
        shorts = max([len(COLUMNS[0][1]), *(len(r.short) for r in self.rows)])
        first = [
            max(m, min(shorts, n)) if c[0] == "name" else m
            for c, m, n in zip(columns, minimum, natural, strict=True)
        ]
        widths = fit_widths(natural, first, width - SCROLLBAR)
        if sum(widths) + CELL_PADDING * len(widths) > width - SCROLLBAR:
            widths = fit_widths(natural, minimum, width - SCROLLBAR)
        return tuple((c[0], w) for c, w in zip(columns, widths, strict=True))

    def expected_width(self) -> int:
        """The width the table screen will give the roster, before its first layout: the
        screen's width less the move list (app.tcss: 30 columns, 27 when narrow). Filling
        the table at it spares a rebuild on the first resize; a wrong guess only costs it."""
        screen = self.app.size.width
        return max(0, screen - (NARROW_MOVES if screen < WIDE_SCREEN else MOVES))

    def filters(self) -> tuple[str, str, str]:
        """The filters' values; everything until the filter row has mounted."""
        places = self.query("#members-place")
        if not places:
            return ALL, ALL, ""
        return (
            str(self.query_one("#members-place", Select).value),
            str(self.query_one("#members-interest", Select).value),
            self.query_one("#members-name", Input).value,
        )

    def refill(self) -> None:
        """Rebuild the rows in place, keeping the highlighted organization highlighted."""
        place, interest, text = self.filters()
        width = self.size.width or self.expected_width()
        if not width:
            return  # no size to go by yet: the first resize fills the table
        widths = self._widths(width)
        wanted = (tuple(self.rows), place, interest, text, self.sort, widths)
        if wanted == self.drawn:
            return
        self.drawn = wanted
        keep = self.highlighted
        self.shown = sort_members(filter_members(self.rows, place, interest, text), self.sort)
        table = self.table
        labels = {key: label for key, label, _ in COLUMNS}
        if widths != self.widths:
            self.widths = widths
            table.clear(columns=True)
            for key, width in widths:
                table.add_column(labels[key], key=key, width=width)
        else:
            table.clear()
        for row in self.shown:
            table.add_row(
                *(
                    fit(row.cell(key, width), width, justify="right" if key == "trust" else "left")
                    for key, width in widths
                ),
                key=row.id,
            )
        if keep is not None and any(r.id == keep for r in self.shown):
            table.move_cursor(row=table.get_row_index(keep), animate=False)
        at_table = sum(r.status == "table" for r in self.rows)
        line = (
            f"{at_table} of {len(self.rows)} at the table · {len(self.shown)} shown"
            f" · by {SORT_WORDS.get(self.sort, self.sort)} (o)"
        )
        self.query_one("#members-count", Static).update(Content(line))

    def cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self.refill()

    def focus_name_filter(self) -> None:
        self.screen.set_focus(self.query_one("#members-name", Input))
