"""The home screen's scenario list and the panel that describes the highlighted one."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import events
from textual.content import Content
from textual.widgets import DataTable, Static

from sim.play.public import sectors_present
from sim.scenario.catalog import CatalogEntry
from sim.tui.common.fit import fit, fit_widths

INVALID = "✗ invalid"
SCROLLBAR = 2
# (key, label, minimum width; 0 means never shrink)
COLUMNS = (
    ("title", "Scenario", 16),
    ("orgs", "Orgs", 0),
    ("minutes", "Min", 0),
    ("sectors", "Sectors", 10),
)


def entry_title(entry: CatalogEntry) -> str:
    """The title a person recognises; an invalid file says so in words, not only colour."""
    if entry.scenario is None:
        return f"{INVALID} · {entry.path.name}"
    return entry.scenario.scenario.title


def entry_cells(entry: CatalogEntry) -> dict[str, str]:
    scenario = entry.scenario
    if scenario is None:
        problems = len(entry.errors)
        return {
            "title": entry_title(entry),
            "orgs": "—",
            "minutes": "—",
            "sectors": f"{problems} problem{'s' if problems != 1 else ''}: Enter shows them",
        }
    return {
        "title": entry_title(entry),
        "orgs": str(len(scenario.organizations)),
        "minutes": str(scenario.scenario.minutes),
        "sectors": ", ".join(sectors_present(scenario)),
    }


class ScenarioTable(DataTable[Text]):
    """One row per scenario file; the row index is the entry's index in the catalog."""

    def __init__(self, entries: Sequence[CatalogEntry], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.entries = list(entries)
        self.cells = [entry_cells(entry) for entry in self.entries]
        self.widths: list[int] = []

    def on_mount(self) -> None:
        self._fill(self.size.width)

    def on_resize(self, event: events.Resize) -> None:
        if self._widths(event.size.width) != self.widths:
            self._fill(event.size.width)

    def _widths(self, width: int) -> list[int]:
        natural = [
            max([len(label), *(len(c[key]) for c in self.cells)]) for key, label, _ in COLUMNS
        ]
        if not width:
            return natural
        minimum = [m or n for (_, _, m), n in zip(COLUMNS, natural, strict=True)]
        return fit_widths(natural, minimum, width - SCROLLBAR)

    def _fill(self, width: int) -> None:
        row = self.cursor_row
        self.widths = self._widths(width)
        self.clear(columns=True)
        for (key, label, _), column_width in zip(COLUMNS, self.widths, strict=True):
            self.add_column(label, key=key, width=column_width)
        for index, (entry, cells) in enumerate(zip(self.entries, self.cells, strict=True)):
            style = "bold" if entry.scenario is None else ""
            self.add_row(
                *(
                    fit(
                        cells[key],
                        column_width,
                        justify="right" if key in ("orgs", "minutes") else "left",
                        style=style,
                    )
                    for (key, _, _), column_width in zip(COLUMNS, self.widths, strict=True)
                ),
                key=str(index),
            )
        if self.entries:
            self.move_cursor(row=min(max(row, 0), len(self.entries) - 1))

    @property
    def highlighted(self) -> CatalogEntry | None:
        if not self.entries or self.cursor_row < 0:
            return None
        return self.entries[min(self.cursor_row, len(self.entries) - 1)]


def describe(entry: CatalogEntry) -> Content:
    """The details panel text: summary and facts, or why the file cannot be opened."""
    scenario = entry.scenario
    if scenario is None:
        count = len(entry.errors)
        return Content.from_markup(
            "[b]$marker · $name[/b]\n"
            "This file does not validate ($count problem$s). "
            "Press Enter to read them, or run [b]sim validate $name[/b].",
            marker=INVALID,
            name=entry.path.name,
            count=count,
            s="s" if count != 1 else "",
        )
    info = scenario.scenario
    facts = [
        f"{len(scenario.organizations)} organizations",
        f"{info.minutes} minutes",
        info.region or "no region named",
        entry.path.name,
    ]
    return Content.from_markup(
        "[b]$title[/b]\n$summary\n[dim]$facts[/dim]\nSectors: $sectors",
        title=info.title,
        summary=info.summary.strip(),
        facts=" · ".join(facts),
        sectors=", ".join(sectors_present(scenario)),
    )


class ScenarioDetails(Static):
    """Describes the highlighted scenario below the list."""

    BORDER_TITLE = "About this scenario"
