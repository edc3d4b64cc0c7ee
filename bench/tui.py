"""The game UI: time to the table screen's first frame, and one keypress handled and repainted.

The first frame is measured against a bare Textual app showing a 48-row DataTable,
started the same way in the same run, so the ratio says what the table screen adds on top
of Textual itself whatever the machine. The keypress row times a key from the moment it
is posted to the moment the repainted frame is handed to the terminal driver.
"""

from __future__ import annotations

import asyncio
import gc
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static, TabbedContent, TabPane

from bench.runner import Benchmark, Figures, Outcome, Settings, Skipped, Timing
from sim.engine import Game
from sim.play.driver import Driver
from sim.scenario.load import load_scenario
from sim.tui.app import make_app
from sim.tui.game.table import TableScreen

FLAGSHIP = Path("scenarios/clean-air-compact.toml")
SIZE = (120, 40)
MS = 1_000_000
RATIO_TARGET = 1.3  # issue 15: the table screen at most 1.3x a bare DataTable app


class BareTable(App[None]):
    """The baseline: nothing but a DataTable of 48 organizations."""

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Member", "Sector", "Place")
        table.add_rows(self.rows)


class StockLayout(App[None]):
    """The floor: the table screen's layout built from stock Textual widgets alone, with no
    project code or stylesheet. Header, stage and meter lines, a move list beside a tabbed
    48-row roster of the same six columns, a three-line feed and the footer."""

    CSS = "OptionList { width: 30; } #stage { height: 2; } #feed { height: 3; }"

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Forming · round 1 of 24: invite members and name the result", id="stage")
        yield Static("Trust 0.50 · members 0 of 48 · pledged $0 · result: none yet")
        with Horizontal():
            yield OptionList(*(f"{key}  One of the moves open now" for key in "irhyugfcnase"))
            with TabbedContent():
                with TabPane("Members"):
                    yield DataTable(cursor_type="row", zebra_stripes=True)
                with TabPane("Tensions"):
                    yield Static("No tension has surfaced yet.")
                with TabPane("Feed"):
                    yield Static("The table has not met yet.")
        yield Static("The first event\nThe second event\nThe third event", id="feed")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Member", "Sector", "Interests", "Place", "Sends", "Trust")
        table.add_rows(
            [(name, sector, "air, transit", place, "—", "—") for name, sector, place in self.rows]
        )


class Frames:
    """Watches an app hand frames to its driver; notes when the first of a target screen went."""

    def __init__(self, app: App[Any], target: Callable[[Screen[Any]], bool]) -> None:
        self.seen = asyncio.Event()
        self.stamp = 0
        original = app._display

        def display(screen: Screen[Any], update: Any) -> None:
            original(screen, update)
            if not self.stamp and target(screen):
                self.stamp = time.perf_counter_ns()  # now, not when the waiting task wakes
                self.seen.set()

        app._display = display  # type: ignore[method-assign]


async def _first_frame(make: Callable[[], App[Any]], target: Callable[[Screen[Any]], bool]) -> int:
    """Nanoseconds from creating the app to its first frame of the target screen."""
    start = time.perf_counter_ns()
    app = make()
    frames = Frames(app, target)
    async with app.run_test(size=SIZE):
        await asyncio.wait_for(frames.seen.wait(), 30)
    return frames.stamp - start


def _apps(
    settings: Settings,
) -> tuple[Callable[[], App[Any]], Callable[[], App[Any]], Callable[[], App[Any]]] | None:
    """The table app, the bare DataTable app, and the stock-widget layout (the floor)."""
    path = settings.root / FLAGSHIP
    if not path.is_file():
        return None
    game = Game(load_scenario(path))
    driver = Driver(game.new_session(7, {"convener": "human"}))
    rows = [(o.name, o.sector, "outside") for o in game.scenario.organizations]
    empty = Path(tempfile.mkdtemp(prefix="bench-tui-"))  # no catalog to load: the screen alone

    def table_app() -> App[Any]:
        return make_app(scenarios_folder=empty, driver=driver)

    return table_app, lambda: BareTable(rows), lambda: StockLayout(rows)


def first_frame(settings: Settings) -> Outcome:
    apps = _apps(settings)
    if apps is None:
        return Skipped("file missing")
    table_app, bare, stock = apps

    def has_table(screen: Screen[Any]) -> bool:
        return bool(screen.query(DataTable))

    def subject() -> int:
        return asyncio.run(_first_frame(table_app, lambda s: isinstance(s, TableScreen)))

    def baseline() -> int:
        return asyncio.run(_first_frame(bare, has_table))

    def floor() -> int:
        return asyncio.run(_first_frame(stock, has_table))

    # Interleaved like measure_pair, but each sample stops at the first frame: tearing an
    # app down is not part of showing it.
    for _ in range(settings.warmup):
        baseline()
        floor()
        subject()
    ours: list[int] = []
    theirs: list[int] = []
    stocks: list[int] = []
    for _ in range(settings.count(12, 3)):
        gc.collect()
        theirs.append(baseline())
        gc.collect()
        stocks.append(floor())
        gc.collect()
        ours.append(subject())
    timing, base, layout = Timing(tuple(ours)), Timing(tuple(theirs)), Timing(tuple(stocks))
    ratio = timing.median_ns / max(base.median_ns, 1)
    verdict = "meets" if ratio <= RATIO_TARGET else "misses"
    return Figures(
        timing,
        base,
        baseline_label="a bare Textual app with a 48-row DataTable",
        note=f"ratio {ratio:.2f}× against the target ≤ {RATIO_TARGET}×: {verdict}; "
        "app creation to the first frame at 120×40, the flagship's session built beforehand; "
        f"floor: the same layout of stock Textual widgets alone takes "
        f"{layout.median_ns / MS:.0f} ms ({layout.median_ns / max(base.median_ns, 1):.2f}× "
        f"the bare app), so the screen is {timing.median_ns / max(layout.median_ns, 1):.2f}× "
        "its stock layout",
    )


async def _keypresses(make: Callable[[], App[Any]], count: int) -> list[int]:
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.screen.set_focus(app.screen.query_one("#members-table"))
        await pilot.pause()
        samples: list[int] = []
        for n in range(count):
            frames = Frames(app, lambda s: s is app.screen)
            key = "down" if n % 2 == 0 else "up"
            start = time.perf_counter_ns()
            app.post_message(events.Key(key, None))
            await asyncio.wait_for(frames.seen.wait(), 5)
            samples.append(frames.stamp - start)
        return samples


def keypress(settings: Settings) -> Outcome:
    apps = _apps(settings)
    if apps is None:
        return Skipped("file missing")
    table_app = apps[0]
    count = settings.count(60, 10)
    asyncio.run(_keypresses(table_app, settings.warmup))
    samples = asyncio.run(_keypresses(table_app, count))
    return Figures(
        Timing(tuple(samples)),
        note="↓/↑ in the 48-member roster of the table screen at 120×40, "
        "from the key posted to the frame handed to the driver",
    )


BENCHMARKS = [
    Benchmark(
        "tui-table-first-frame",
        f"≤ {RATIO_TARGET}× bare DataTable app",
        None,
        first_frame,
        ratio_limit=RATIO_TARGET,
    ),
    Benchmark("tui-table-keypress", "< 30 ms", 30 * MS, keypress),
]
