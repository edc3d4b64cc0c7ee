"""The scenario screen, driven by a Pilot: tabs, the 48-row roster and its filters, help."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Markdown, Select, TabbedContent

from sim.scenario.models import Scenario
from sim.tui.app import CommonTableApp, make_app
from sim.tui.common.help import HelpScreen
from sim.tui.home.home import HomeScreen
from sim.tui.home.problems import ProblemList
from sim.tui.home.roster import RosterView
from sim.tui.home.scenario import PLAY_NOTE, ScenarioScreen
from tests.tui.conftest import BIG, BROKEN, SIZES, screen_text
from tests.tui.fixtures.make_fixtures import SECRET


def count_line(app: CommonTableApp) -> str:
    return str(app.screen.query_one("#roster-count").content)


def roster(app: CommonTableApp) -> DataTable[object]:
    return app.screen.query_one("#roster-table", DataTable)


def row_ids(app: CommonTableApp) -> list[str]:
    table = roster(app)
    return [str(table.coordinate_to_cell_key((n, 0)).row_key.value) for n in range(table.row_count)]


async def choose(pilot: Pilot[None], select_id: str, *keys: str) -> None:
    """Pick an option of a Select with the keyboard, as a person would."""
    pilot.app.screen.query_one(select_id, Select).focus()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press(*keys, "enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
async def test_opening_a_file_lands_on_its_briefing(size: tuple[int, int], catalog: Path) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.title == "Big Table"
        assert app.screen.query_one(TabbedContent).active == "briefing"
        briefing = app.screen.query_one("#briefing-text", Markdown).source
        assert "The Harbor City region fails the federal ozone standard." in briefing
        text = screen_text(app)
        assert "Harbor City region" in text
        assert "Briefing" in text and "Roster" in text and "Tensions & issues" in text
        assert PLAY_NOTE in text
        # Escape goes back to the home screen even though we started on the scenario.
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_roster_shows_all_48_and_filters(
    size: tuple[int, int], catalog: Path, big: Scenario
) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "roster"
        assert roster(app).row_count == 48
        assert count_line(app) == "Showing 48 of 48 organizations"

        # Sector: the options are All, then the sectors in order; private is the second.
        await choose(pilot, "#roster-sector", "down", "down")
        private = [o.id for o in big.organizations if o.sector == "private"]
        assert row_ids(app) == private
        assert count_line(app).startswith(f"Showing {len(private)} of 48 organizations")
        assert "sector Private" in count_line(app)

        # Interest combines with sector: public organizations serving community voice.
        await choose(pilot, "#roster-sector", "up")
        await choose(pilot, "#roster-interest", "down", "down", "down")
        both = [
            o.id
            for o in big.organizations
            if o.sector == "public" and "community-voice" in o.interests
        ]
        assert row_ids(app) == both == ["health-dept"]
        assert count_line(app) == (
            "Showing 1 of 48 organizations · sector Public, interest Community voice"
        )

        # Back to all, then `/` jumps to the name filter and typing narrows the rows.
        await choose(pilot, "#roster-sector", "home")
        await choose(pilot, "#roster-interest", "home")
        assert roster(app).row_count == 48
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"county")
        await pilot.pause()
        assert set(row_ids(app)) == {"county", "north-county", "south-county", "health-dept"}
        assert count_line(app) == "Showing 4 of 48 organizations · name contains “county”"

        # Typing q in the filter types a q; it does not quit.
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running
        assert row_ids(app) == []
        assert "no match" in count_line(app)

        app.screen.clear_filters()  # type: ignore[attr-defined]
        await pilot.pause()
        assert roster(app).row_count == 48


@pytest.mark.parametrize("size", SIZES)
async def test_slash_from_the_briefing_goes_to_the_name_filter(
    size: tuple[int, int], catalog: Path
) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "roster"
        assert app.focused is app.screen.query_one("#roster-name", Input)
        await pilot.press(*"airport", "tab")
        await pilot.pause()
        assert row_ids(app) == ["airport"]
        assert app.focused is roster(app)


async def test_keys_typed_straight_after_slash_reach_the_filter(catalog: Path) -> None:
    """A fast typist's `/county` arrives in one burst; none of it may hit the table."""
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        theme = app.theme
        for key, char in [("slash", "/"), *((c, c) for c in "county")]:
            app.post_message(events.Key(key, char))
        await pilot.pause()
        assert app.screen.query_one("#roster-name", Input).value == "county"
        assert app.theme == theme  # the "t" did not toggle the theme
        assert count_line(app).startswith("Showing 4 of 48")
        # Inside the filter, / is an ordinary character.
        await pilot.press("slash")
        assert app.screen.query_one("#roster-name", Input).value == "county/"


@pytest.mark.parametrize("size", SIZES)
async def test_confidential_fields_never_reach_the_screen(
    size: tuple[int, int], catalog: Path, big: Scenario
) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        seen = []
        for tab in ("1", "2", "3"):
            await pilot.press(tab)
            await pilot.pause()
            seen.append(screen_text(app))
        table = roster(app)
        labels = [str(column.label) for column in table.columns.values()]
        cells = [str(cell) for n in range(table.row_count) for cell in table.get_row_at(n)]
        view = app.screen.query_one(RosterView)
        public = "\n".join([*seen, *labels, *cells, repr(view.rows)])
        public += app.screen.query_one("#briefing-text", Markdown).source
        public += app.screen.query_one("#tensions-text", Markdown).source
        assert SECRET not in public
        for word in ("batna", "personality", "points", "hard_bargainer", "spoiler", "brief for"):
            assert word not in public.lower()
        assert {label.lower() for label in labels} <= {
            "short",
            "name",
            "sector",
            "interests",
            "money",
        }
        assert table.row_count == len(big.organizations) == 48


@pytest.mark.parametrize("size", SIZES)
async def test_tensions_tab_lists_titles_and_options(
    size: tuple[int, int], catalog: Path, big: Scenario
) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tensions"
        source = app.screen.query_one("#tensions-text", Markdown).source
        assert "Trucks on residential streets" in source
        assert "Suburban counties paying for city transit" in source
        assert "Shared governance" in source and "Simple majority" in source
        assert "Trucks on residential streets" in screen_text(app)


@pytest.mark.parametrize("size", SIZES)
async def test_tabs_switch_with_arrows_when_the_tab_bar_has_focus(
    size: tuple[int, int], catalog: Path
) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("shift+tab")
        await pilot.pause()
        assert type(app.focused).__name__ == "ContentTabs"
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "roster"
        await pilot.press("right")
        await pilot.pause()
        assert app.screen.query_one(TabbedContent).active == "tensions"


@pytest.mark.parametrize("size", SIZES)
async def test_help_lists_every_key(size: tuple[int, int], catalog: Path) -> None:
    app = make_app(scenario_file=BIG, scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = [
            (str(row.query_one(".key").content), str(row.query_one(".what").content))
            for row in app.screen.query(".help-row")
        ]
        keys = {key for key, _ in rows}
        for expected in ("q", "? / f1", "t", "enter", "r", "escape", "/", "1", "2", "3"):
            assert expected in keys
        assert ("ctrl+p", "Command palette: open a scenario or jump to a tab by name") in rows
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)


def test_every_binding_has_an_id_and_a_tooltip() -> None:
    for owner in (CommonTableApp, HomeScreen, ScenarioScreen, HelpScreen):
        for binding in owner.BINDINGS:
            assert getattr(binding, "id", None), binding
            if owner is not HelpScreen:
                assert getattr(binding, "tooltip", ""), binding


async def test_opening_a_broken_file_directly_shows_its_errors(catalog: Path) -> None:
    app = make_app(scenario_file=BROKEN, scenarios_folder=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        problems = app.screen.query_one(ProblemList)
        assert len(problems.query(".problem-line")) == 8
        assert "cannot be opened: 8 problems" in screen_text(app)
        # The keys that need tabs are off, not broken.
        await pilot.press("slash", "2")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)


async def test_a_generated_file_outside_the_folder_opens(tmp_path: Path) -> None:
    from sim.scenario.starter import starter_text

    file = tmp_path / "demo.toml"
    file.write_text(starter_text("demo", "Demo", "demo.toml"), encoding="utf-8")
    app = make_app(scenario_file=file, scenarios_folder=tmp_path / "none")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert roster(app).row_count == 4
        assert count_line(app) == "Showing 4 of 4 organizations"
