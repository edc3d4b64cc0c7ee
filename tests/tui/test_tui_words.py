"""Words stay whole on the game screens at 80×24 and 120×40: short names where a column
is narrow, the feed wrapped at its pane's width, the seed in the header, the scorecard's
reasons read from their start."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.widgets import DataTable, RichLog, TabbedContent

from sim.tui.app import make_app
from sim.tui.common.footer import HELP_KEY, FitFooter
from sim.tui.game.scorecard import ScorecardScreen
from sim.tui.game.screen import HEADER_ROOM
from sim.tui.game.table import TableScreen
from sim.tui.game.widgets.feed import FeedStrip, feed_line
from sim.tui.game.widgets.members import MemberTable
from tests.tui.conftest import BIG, DEMO, SIZES, screen_text
from tests.tui.test_tui_game_snapshots import members, played, settle


@pytest.mark.parametrize("size", SIZES)
async def test_a_narrow_name_column_gives_the_short_name(
    catalog: Path, size: tuple[int, int]
) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(BIG, 3, members(8)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        roster = app.screen.query_one(MemberTable)
        width = dict(roster.widths)["name"]
        table = roster.table
        shortened = 0
        for n, row in enumerate(roster.shown):
            cell = str(table.get_row_at(n)[0])
            if len(row.name) <= width:
                assert cell == row.name
            elif row.short != row.name and len(row.short) <= width:
                assert cell == row.short
                shortened += 1
        assert shortened  # the fixture has short names too long for neither size


@pytest.mark.parametrize("size", SIZES)
async def test_the_header_keeps_the_seed(catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(BIG, 3, members(2)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TableScreen)
        line = f"{screen.title} — {screen.sub_title}"
        assert screen.sub_title.endswith("· seed 3") and len(line) <= size[0] - 18


async def test_the_feed_wraps_at_its_pane_and_loses_no_word(catalog: Path) -> None:
    driver = played(BIG, 3, members(8))
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#table-tabs", TabbedContent).active = "feed"
        await settle(pilot)
        log = app.screen.query_one("#feed-log", RichLog)
        width = log.scrollable_content_region.width
        assert width < 60 and log.lines
        assert all(line.cell_length <= width for line in log.lines)
        shown = " ".join(" ".join(line.text.split()) for line in log.lines)
        for event in driver.view.feed:
            assert " ".join(feed_line(event).plain.split()) in shown


@pytest.mark.parametrize("size", SIZES)
async def test_the_strip_shows_the_newest_event_whole(catalog: Path, size: tuple[int, int]) -> None:
    driver = played(BIG, 3, members(8))
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        strip = app.screen.query_one(FeedStrip)
        lines = strip.render_lines(strip.region.reset_offset)
        shown = " ".join(" ".join(line.text.split()) for line in lines)
        newest = [e for e in driver.view.feed if e.kind != "round_ended"][-1]
        assert " ".join(feed_line(newest).plain.split()) in shown


async def test_the_why_pane_opens_at_the_top_of_each_dimension(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(DEMO, 4, lambda d: False))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        why = app.screen.query_one("#why-scroll", VerticalScroll)
        app.screen.query_one("#dimensions-table", DataTable).focus()
        why.scroll_end(animate=False)
        await pilot.pause()
        assert why.max_scroll_y > 0 and why.scroll_y > 0
        await pilot.press("down")
        await settle(pilot)
        assert why.scroll_y == 0


@pytest.mark.parametrize("size", SIZES)
async def test_the_footer_shows_whole_keys_and_the_help_key(
    catalog: Path, size: tuple[int, int]
) -> None:
    app = make_app(scenarios_folder=catalog, driver=played(BIG, 3, members(2)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for screen in ("table", "agreement editor"):
            footer = app.screen.query_one(FitFooter)
            shown = [c for c in footer.children if c.display]
            hidden = [c for c in footer.children if not c.display]
            assert hidden or size[0] > 80, screen  # at 80 columns neither screen's keys fit
            assert any(getattr(c, "key", "") == HELP_KEY for c in shown)
            for child in shown:  # each shown key lies wholly inside the footer
                assert footer.region.x <= child.region.x
                assert child.region.right <= footer.region.right
            line = screen_text(app).splitlines()[-1]
            assert "? Help" in line, screen
            await pilot.press("g")
            await settle(pilot)


FLAGSHIP = Path(__file__).resolve().parents[2] / "scenarios" / "clean-air-compact.toml"


@pytest.mark.parametrize("size", SIZES)
async def test_every_game_header_fits_the_seat_and_title(size: tuple[int, int]) -> None:
    """The flagship's long title and the convener's full name would cut the centered header
    line at 80 columns; the short name takes its place there, the full one where it fits."""
    app = make_app(scenarios_folder=DEMO.parent, driver=played(FLAGSHIP, 3, members(2)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("b", "escape", "g", "escape", "f", "escape"):
            screen = app.screen
            line = f"{screen.title} — {screen.sub_title}"
            assert len(line) <= size[0] - HEADER_ROOM, line
            if size[0] >= 120 and "{seat}" in screen.headline()[1]:
                assert "Office of the Mayor" in line, line
            await pilot.press(key)
            await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_the_flagship_roster_and_stage_bar_lose_no_word(size: tuple[int, int]) -> None:
    """Every one of the 48 organizations by its name or short name, whole; a list of
    interests as whole names and a count; the stage bar's first line on one line."""
    app = make_app(scenarios_folder=DEMO.parent, driver=played(FLAGSHIP, 5, members(3)))
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        roster = app.screen.query_one(MemberTable)
        columns = [key for key, _ in roster.widths]
        assert len(roster.shown) == 48
        for n, row in enumerate(roster.shown):
            cells = [str(c) for c in roster.table.get_row_at(n)]
            assert cells[0] in (row.name, row.short), cells
            assert not any(c.endswith("…") for c in cells), cells
            if "interests" in columns:
                shown = cells[columns.index("interests")]
                count = f"{len(row.interest_names)} interests"
                first = shown.split(" +")[0].split(", ")[0]
                assert shown == count or first in (*row.interest_names, ""), shown
        where = screen_text(app).splitlines()[1]
        assert where.rstrip().endswith(f"step {app.driver.steps}"), where


def test_a_list_too_long_for_its_column_keeps_whole_items_and_a_count() -> None:
    from sim.tui.common.fit import fit_list

    items = ["Health care", "Data", "Funding"]
    assert fit_list(items, 40, "interests") == "Health care, Data, Funding"
    assert fit_list(items, 20, "interests") == "Health care, Data +1"
    assert fit_list(items, 14, "interests") == "Health care +2"
    assert fit_list(items, 12, "interests") == "3 interests"


def test_the_allocation_editor_names_the_unit_in_whole_words_that_fit() -> None:
    """'homes made healthy/unit' and '$ per homes made healthy' overflowed 80 columns."""
    from sim.tui.game.allocation import unit_headings

    assert unit_headings("tons/year", 80) == ("tons/unit", "$ per ton")
    assert unit_headings("homes made healthy/year", 80) == ("homes/unit", "$ per home")
    assert unit_headings("homes made healthy/year", 120) == (
        "homes made healthy/unit",
        "$ per homes made healthy",
    )


async def test_the_project_detail_shows_its_whole_text_at_80x24(catalog: Path) -> None:
    from tests.tui.seats import in_stage, member_driver

    driver = member_driver(5, in_stage("performing"), seat="tenants-union")
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await pilot.pause()
        detail = app.screen.query_one("#project-detail")
        for _ in driver.view.scenario.projects:
            width = detail.content_size.width
            needed = detail.get_content_height(detail.container_size, detail.container_size, width)
            assert needed <= detail.content_size.height
            await pilot.press("down")
            await pilot.pause()
