"""Playing a game in the app, driven by a Pilot: new game, whole games by keyboard, an
organization's seat, stage moments, resume, the mouse, help and the palette.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Markdown

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.policies import ConvenerBot, plan_table
from sim.play.driver import Driver
from sim.record import load_save, verify
from sim.scenario.load import load_scenario
from sim.tui.app import CommonTableApp, make_app
from sim.tui.common.dialogs import ChoiceDialog
from sim.tui.common.help import HelpScreen
from sim.tui.game.agreement import AgreementScreen
from sim.tui.game.allocation import AllocationScreen
from sim.tui.game.briefing import GameBriefingScreen
from sim.tui.game.scorecard import ScorecardScreen
from sim.tui.game.stage import StageDialog
from sim.tui.game.table import TableScreen
from sim.tui.home.new_game import NewGameDialog
from sim.tui.home.saves import SavesScreen
from sim.tui.home.scenario import ScenarioScreen
from tests.tui.conftest import BIG, DEMO, screen_text
from tests.tui.fixtures.make_fixtures import SECRET
from tests.tui.keyplay import keys_for, play_by_keys
from tests.tui.seats import play_seat_by_keys

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios").glob("*.toml"))
HOMES = ROOT / "scenarios" / "healthy-homes.toml"
FLAGSHIP = ROOT / "scenarios" / "clean-air-compact.toml"
SMALL = (80, 24)


def solo(path: Path = DEMO, seed: int = 7) -> Driver:
    return Driver(Game(load_scenario(path)).new_session(seed, {"convener": "human"}))


async def to_stage(pilot: object, stage: str) -> None:
    """Press the policy's keys until the game reaches a stage."""
    app: CommonTableApp = pilot.app  # type: ignore[attr-defined]
    driver = app.driver
    policy = ConvenerBot(driver.game, "full")
    place = "table"
    while driver.session.stage != stage:
        action = policy(driver.session)
        if driver.why_illegal(action) is not None:
            action = A.EndRound()
        keys, place = keys_for(driver.session, action, place)
        await pilot.press(*keys)  # type: ignore[attr-defined]
        while isinstance(app.screen, StageDialog):
            await pilot.press("enter")  # type: ignore[attr-defined]
    if place != "table":
        await pilot.press("escape")  # type: ignore[attr-defined]


async def test_new_game_asks_seat_and_seed_then_briefs(catalog: Path, tmp_path: Path) -> None:
    app = make_app(scenario_file=DEMO, scenarios_folder=catalog, saves_folder=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ScenarioScreen)
        assert "Press n to start a new game" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewGameDialog)
        seed = app.screen.query_one("#seed", Input)
        assert seed.value.isdigit()  # a random seed, shown
        await pilot.press(*"42", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GameBriefingScreen)
        briefing = app.screen.query_one(Markdown).source
        assert "Your confidential brief" in briefing and "Convening budget" in briefing
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert app.driver.session.state.seed == 42
        text = screen_text(app)
        assert "FORMING" in text
        assert "To move on to storming: name the specific measurable result" in text
        assert list(tmp_path.glob("demo-*-convener.toml"))


async def whole_game(path: Path, seed: int, tmp_path: Path) -> Driver:
    """Play a solo game to the scorecard by keys as the careful convener; check the save."""
    app = make_app(scenario_file=path, seed=seed, saves_folder=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GameBriefingScreen)
        await pilot.press("escape")
        keys = await play_by_keys(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        text = screen_text(app)
        assert "Final score" in text and "result" in text
        driver = app.driver
        assert keys > driver.steps
        saved = driver.saver.path  # type: ignore[union-attr]
        await pilot.press("h")
        await pilot.pause()
    assert verify(load_save(saved)).state_hash() == driver.session.state_hash()
    return driver


@pytest.mark.parametrize("path", [p for p in SHIPPED if p != FLAGSHIP], ids=lambda p: p.stem)
async def test_a_whole_solo_game_by_keyboard(path: Path, tmp_path: Path) -> None:
    await whole_game(path, 7, tmp_path)


async def test_the_careful_convener_negotiates_the_flagship_by_keyboard(tmp_path: Path) -> None:
    """It sounds out, carries a package, adopts the whole agreement and reaches performing,
    by keys alone. Its forecasts pass most packages of two issues, so it bundles them to
    settle more of the agreement with each vote."""
    driver = await whole_game(FLAGSHIP, 3, tmp_path)
    history = driver.session.history
    assert "sound_out" in {a.kind for a in history}
    package = next(a for a in history if isinstance(a, A.Propose) and a.package)
    state = driver.session.state
    assert {package.issue: package.option, **package.package}.items() <= state.agreement.items()
    assert set(state.agreement) == {issue.id for issue in driver.game.scenario.issues}
    assert "performing" in state.stages_visited


async def test_an_organization_seat_votes_pledges_and_ends_rounds(
    catalog: Path, tmp_path: Path
) -> None:
    game = Game(load_scenario(HOMES))
    seat = plan_table(game)[1]
    app = make_app(HOMES, catalog, seat=seat, seed=7, saves_folder=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        briefing = app.screen.query_one(Markdown).source
        assert "Your BATNA" in briefing and "Your points" in briefing
        assert game.orgs[seat].brief.strip()[:30] in briefing
        checked = False

        async def look_at_the_agreement() -> None:
            nonlocal checked
            assert "you: " in screen_text(app)
            # The bot convener may settle the terms within one round, so the seat reads
            # them at its first table once there are terms to read.
            if not checked and app.driver.session.stage in ("norming", "performing"):
                checked = True
                await pilot.press("g")
                await pilot.pause()
                table = app.screen.query_one("#options-table", DataTable)
                assert "Your points" in [str(c.label) for c in table.columns.values()]
                await pilot.press("escape")

        seen = await play_seat_by_keys(pilot, look_at_the_agreement)
        assert isinstance(app.screen, ScorecardScreen)
        assert {"vote", "pledge"} <= seen and checked
        history = app.driver.session.history
        assert {a.seat for a in history if a.kind in ("vote", "pledge", "end_round")} == {seat}
        await pilot.pause(0.3)  # let the scorecard's charts finish mounting
        await pilot.press("3")
        await pilot.pause()
        assert "Your seat scores" in screen_text(app)
        assert "The partnership you are part of scores" in screen_text(app)


async def test_stage_moment_says_what_changed(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=solo(HOMES, 3))
    async with app.run_test(size=(120, 40)) as pilot:
        driver = app.driver
        policy = ConvenerBot(driver.game, "full")
        while True:
            action = policy(driver.session)
            if driver.why_illegal(action) is not None:
                action = A.EndRound()
            if action.kind == "advance":
                break
            await pilot.press(*keys_for(driver.session, action)[0])
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, StageDialog)
        text = screen_text(app)
        assert "▲ Storming" in text
        assert "What changed:" in text and "Tension surfaces" in text
        assert "To move on to norming: handle every open tension first" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        await pilot.press("2")
        await pilot.pause()
        assert app.screen.query_one("#tensions-table", DataTable).row_count >= 1


async def test_quit_and_resume_land_on_the_same_screen(catalog: Path, tmp_path: Path) -> None:
    app = make_app(DEMO, catalog, seed=5, saves_folder=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("escape")
        await to_stage(pilot, "norming")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        digest, steps = app.driver.session.state_hash(), app.driver.steps
        saved = app.driver.saver.path  # type: ignore[union-attr]
        await pilot.press("q")
        await pilot.pause()
    # The home screen lists the save; enter resumes it where it stopped.
    again = make_app(scenarios_folder=catalog, saves_folder=tmp_path)
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(again.screen, SavesScreen)
        assert saved.stem in screen_text(again)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(again.screen, AgreementScreen)
        assert again.driver.steps == steps
        assert again.driver.session.state_hash() == digest
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(again.screen, TableScreen)
        await pilot.press("q")
    # `sim play --resume SAVE` does the same through make_app(resume=...).
    third = make_app(scenarios_folder=catalog, resume=saved, saves_folder=tmp_path)
    async with third.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert isinstance(third.screen, TableScreen)
        await play_by_keys(pilot)
        assert isinstance(third.screen, ScorecardScreen)
    assert verify(load_save(saved)).is_over


async def test_a_damaged_save_is_reported_not_resumed(catalog: Path, tmp_path: Path) -> None:
    bad = tmp_path / "demo-20250101-000000-convener.toml"
    bad.write_text("this is not a save\n")
    app = make_app(scenarios_folder=catalog, resume=bad, saves_folder=tmp_path)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        assert not app.in_game
        messages = app.toasts
        assert any(m.startswith(f"Cannot resume {bad.name}:") for m in messages), messages


async def test_the_mouse_plays_too(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=solo())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # "Name the result" is the second line of the decision list (inside its border).
        assert await pilot.click("#decisions", offset=(4, 2))
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert await pilot.click(".dialog-list", offset=(6, 2))
        await pilot.pause()
        assert app.driver.session.state.result is not None
        # Click the second member's row, then again to invite it; then click an ask.
        assert await pilot.click("#members-table", offset=(4, 2))
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)
        assert await pilot.click("#members-table", offset=(4, 2))
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert await pilot.click(".dialog-list", offset=(6, 2))
        await pilot.pause()
        assert app.driver.session.history[-1].kind == "invite"
        assert await pilot.click("#--content-tab-feed")
        await pilot.pause()
        assert "joins and sends" in screen_text(app)


async def test_help_has_the_rules_and_every_game_key(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=solo())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rules = [str(r.content) for r in app.screen.query(".help-rule")]
        assert any("Storming" in r for r in rules)
        keys = {str(row.query_one(".key").content) for row in app.screen.query(".help-row")}
        for key in ("i", "r", "h", "g", "f", "c", "n", "a", "s", "e", "v", "p", "b", "m", "d"):
            assert key in keys, key


def test_every_game_binding_has_an_id_and_a_tooltip() -> None:
    from sim.tui.common.dialogs import AmountDialog, PickManyDialog
    from sim.tui.game.invite import InviteDialog
    from sim.tui.game.member_panel import MemberPanel
    from sim.tui.home.home import HomeScreen

    owners = (
        HomeScreen,
        TableScreen,
        AgreementScreen,
        AllocationScreen,
        ScorecardScreen,
        GameBriefingScreen,
        StageDialog,
        NewGameDialog,
        SavesScreen,
        ChoiceDialog,
        AmountDialog,
        InviteDialog,
        MemberPanel,
        PickManyDialog,
    )
    for owner in owners:
        for binding in owner.BINDINGS:
            assert getattr(binding, "id", None), (owner, binding)
            if owner not in (ChoiceDialog, InviteDialog):
                assert getattr(binding, "tooltip", ""), (owner, binding)


async def test_the_palette_offers_every_legal_action(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=solo())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Do: Name the result: 35")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.driver.session.state.result == ("nox-voc", 35.0)


async def test_a_convener_never_sees_a_member_sheet(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=solo(BIG, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        seen = [screen_text(app)]
        for keys in (["g"], ["escape", "1"], ["2"], ["3"]):
            await pilot.press(*keys)
            await pilot.pause()
            seen.append(screen_text(app))
        text = "\n".join(seen)
        assert SECRET not in text
        assert "Your points" not in text and "batna" not in text.lower()


async def test_light_theme_and_48_rows(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=solo(BIG, 2))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("t")
        await pilot.pause()
        assert not app.current_theme.dark
        table = app.screen.query_one("#members-table", DataTable)
        assert table.row_count == 48
        await pilot.press("o", "o", "o")  # sort by trust
        await pilot.pause()
        assert "by trust (o)" in screen_text(app)
        await pilot.press("slash", *"county")
        await pilot.pause()
        assert table.row_count == 4


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["play", "--seed", "3"], 2, "give the SCENARIO to play"),
        (["play", str(DEMO), "--seat", "nobody"], 2, "unknown seat 'nobody'"),
        (["play", str(DEMO), "--resume", "x.toml"], 2, "--resume continues a save"),
        (["play", "--resume", "missing.toml"], 1, "missing.toml: file: cannot read it"),
    ],
)
def test_play_refuses_what_it_cannot_start(
    argv: list[str], code: int, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from sim.cli import main

    assert main(argv) == code
    assert message in capsys.readouterr().err
