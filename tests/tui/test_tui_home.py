"""The home screen, driven by a Pilot: listing, opening, empty folders, mouse and palette."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.scenario.starter import starter_text
from sim.tui.app import CommonTableApp, make_app
from sim.tui.home.home import TAGLINE, HomeScreen
from sim.tui.home.problems import ProblemList
from sim.tui.home.scenario import ScenarioScreen
from sim.tui.home.scenario_list import INVALID, ScenarioDetails, ScenarioTable
from tests.tui.conftest import SIZES, screen_text


@pytest.mark.parametrize("size", SIZES)
async def test_home_lists_every_scenario_file(catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one(ScenarioTable)
        assert table.row_count == 3
        text = screen_text(app)
        assert "Common Table" in text
        assert TAGLINE in text
        assert "Big Table" in text
        assert "Demo Starter" in text
        assert f"{INVALID} · broken.toml" in text
        # The highlighted scenario's summary is in the details panel.
        details = str(app.screen.query_one(ScenarioDetails).content)
        assert "Forty-eight organizations must agree" in details
        assert "48 organizations" in details


@pytest.mark.parametrize("size", SIZES)
async def test_enter_opens_and_escape_returns(catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down", "down")
        await pilot.pause()
        assert "Demo Starter" in str(app.screen.query_one(ScenarioDetails).content)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.title == "Demo Starter"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(ScenarioTable).cursor_row == 2


@pytest.mark.parametrize("size", SIZES)
async def test_an_invalid_file_shows_its_error_lines(catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.press("down")
        await pilot.pause()
        assert "does not validate" in str(app.screen.query_one(ScenarioDetails).content)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        problems = app.screen.query_one(ProblemList)
        entry = app.catalog[1]
        assert entry.errors
        shown = [str(line.content) for line in problems.query(".problem-line")]
        assert shown == [str(error) for error in entry.errors]
        assert any(":8:1: scenario.minutes:" in line for line in shown)
        # No tabs, no play note: nothing to read in a file that does not load.
        assert not app.screen.query("TabbedContent")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_an_empty_folder_says_where_it_looked(tmp_path: Path, size: tuple[int, int]) -> None:
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    app = make_app(scenarios_folder=empty)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        state = str(app.screen.query_one("#empty-state").content)
        assert "No scenarios found" in state
        assert str(empty) in state
        assert "sim new NAME" in state
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        # A facilitator writes a starter, then presses r to look again.
        (empty / "river.toml").write_text(
            starter_text("river", "River Cleanup", "river.toml"), encoding="utf-8"
        )
        await pilot.press("r")
        await pilot.pause()
        assert app.screen.query_one(ScenarioTable).row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.title == "River Cleanup"


async def test_a_missing_folder_is_an_empty_state(tmp_path: Path) -> None:
    app = make_app(scenarios_folder=tmp_path / "does-not-exist")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "No scenarios found" in str(app.screen.query_one("#empty-state").content)


@pytest.mark.parametrize("size", SIZES)
async def test_mouse_highlights_then_opens(catalog: Path, size: tuple[int, int]) -> None:
    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        # Row 0 is the header; the third scenario sits on line 3 of the table.
        assert await pilot.click(ScenarioTable, offset=(4, 3))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Demo Starter" in str(app.screen.query_one(ScenarioDetails).content)
        # A second click on the highlighted row opens it.
        assert await pilot.click(ScenarioTable, offset=(4, 3))
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.title == "Demo Starter"
        await pilot.press("escape")
        await pilot.pause()
        # The Open button does the same for the highlighted row.
        await pilot.click("#open-button")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        # Click the Roster tab, then a row of the roster.
        await pilot.click("#--content-tab-roster")
        await pilot.pause()
        assert app.screen.query_one("TabbedContent").active == "roster"
        await pilot.click("#roster-table", offset=(4, 2))
        await pilot.pause()
        assert app.screen.query_one("#roster-table").cursor_row == 1


async def test_palette_opens_a_scenario_by_title(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Open scenario: Demo")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert app.screen.title == "Demo Starter"


async def test_palette_offers_every_scenario(catalog: Path) -> None:
    from sim.tui.commands import OpenScenarioCommands

    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        provider = OpenScenarioCommands(app.screen)
        texts = [text for text, _, _ in provider.commands()]
        assert texts == [
            "Open scenario: Big Table",
            f"Open scenario: {INVALID} · broken.toml",
            "Open scenario: Demo Starter",
        ]


async def test_theme_toggles_between_light_and_dark(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        dark = app.current_theme.dark
        await pilot.press("t")
        await pilot.pause()
        assert app.current_theme.dark is not dark
        await pilot.press("t")
        await pilot.pause()
        assert app.current_theme.dark is dark


async def test_q_quits(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


def test_make_app_defaults_to_the_scenarios_folder(
    monkeypatch: pytest.MonkeyPatch, catalog: Path
) -> None:
    monkeypatch.setenv("SIM_SCENARIOS", str(catalog))
    app = make_app()
    assert isinstance(app, CommonTableApp)
    assert app.scenarios_folder == catalog
    assert len(app.catalog) == 3
