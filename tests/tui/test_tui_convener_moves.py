"""The convener's new moves by keys: the vote forecast in the agreement editor, sounding a
member out, the member panel that keeps what was learned, the invite dialog's typical asks,
stopping a project; and the small fixes (invite search, escape in the members filter).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.policies import ConvenerBot
from sim.play.driver import Driver
from sim.scenario.load import load_scenario
from sim.tui.app import make_app
from sim.tui.game.agreement import AgreementScreen
from sim.tui.game.allocation import AllocationScreen
from sim.tui.game.invite import invitable
from sim.tui.game.member_panel import MemberPanel
from sim.tui.game.table import TableScreen
from tests.tui.conftest import DEMO, screen_text, shown

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "scenarios" / "clean-air-compact.toml"
WIDE = (120, 40)


def convening(
    done: Callable[[Driver], bool], path: Path = DEMO, seed: int = 4, skip: set[str] = frozenset()
) -> Driver:
    """A solo game played by the careful convener (leaving out `skip` kinds) until `done`."""
    game = Game(load_scenario(path))
    driver = Driver(game.new_session(seed, {"convener": "human"}))
    policy = ConvenerBot(game, "full")
    for _ in range(1000):
        if done(driver) or driver.session.is_over:
            return driver
        action = policy(driver.session)
        if action.kind in skip or driver.why_illegal(action) is not None:
            action = A.EndRound()
        driver.submit(action)
    raise AssertionError("the game did not reach the moment asked for")


def norming(d: Driver) -> bool:
    return d.view.stage == "norming" and d.view.pending is None and "sound_out" in d.view.kinds


async def test_the_agreement_editor_forecasts_and_sounding_out_sharpens_it(catalog: Path) -> None:
    driver = convening(norming, skip={"sound_out"})
    assert not driver.view.knowledge
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        text = screen_text(app)
        assert "Forecast: about" in text and "not sounded out on it, so it is rough" in text
        await pilot.press("u")
        await pilot.pause()
        assert "Sound out: whom do you meet?" in screen_text(app)
        await pilot.press("space", "enter")  # the first member alone
        text = await shown(pilot, "about what?")
        assert "about what?" in text and "This meeting takes 1 time" in text
        await pilot.press("a", "enter")  # every open issue
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        own = driver.view.scenario.convener.organization
        first = next(v for v in driver.view.at_table if v != own)
        assert driver.view.knowledge.get(first), "what was learned is kept in the view"
        assert driver.session.history[-1].kind == "sound_out"


async def test_the_member_panel_keeps_what_was_learned(catalog: Path) -> None:
    driver = convening(norming, skip={"sound_out"})
    org = driver.view.at_table[0]
    issues = [i.id for i in driver.view.scenario.issues if i.id not in driver.view.agreement]
    driver.submit(A.SoundOut(members=[org], issues=issues))
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        table = app.screen.query_one("#members-table")
        assert app.screen.focused is table
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MemberPanel) and app.screen.org == org
        text = screen_text(app)
        assert "What you learned" in text and "Cares most about" in text
        assert any(w in text for w in ("acceptable", "needs more", "would block"))
        assert "Pledges" in text and "Tensions it is party to" in text
        assert org not in text  # its name, never its id
        await pilot.press("u")  # sound it out again, from the panel
        await pilot.pause()
        assert "about what?" in screen_text(app)


async def test_the_invite_dialog_says_what_each_ask_tends_to_bring(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=convening(lambda d: True))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Typically:" in text and "letter brings a designee" in text
        assert "Its own brief decides, so it may differ" in text
        assert "typically a decision-maker" in text


def test_invite_search_prefers_a_word_that_starts_with_the_text() -> None:
    view = Game(load_scenario(FLAGSHIP)).new_session(1, {"convener": "human"}).view("convener")
    names = [view.scenario.name(o) for o in invitable(view, "Port")]
    assert names[0].startswith("Port")
    transport = [n for n in names if "Transportation" in n and not n.startswith("Port")]
    assert all(names.index(n) > names.index(names[0]) for n in transport)
    first_word = [n for n in names if any(w.startswith("Port") for w in n.split())]
    assert names[: len(first_word)] == first_word


async def test_escape_clears_the_members_filter_and_keys_work_again(catalog: Path) -> None:
    app = make_app(scenarios_folder=catalog, driver=convening(lambda d: True))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "z", "z")
        await pilot.pause()
        name = app.screen.query_one("#members-name", Input)
        assert name.value == "zz"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen), "escape in the filter does not leave"
        assert name.value == ""
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)


async def test_stop_a_project_in_the_allocation_editor(catalog: Path) -> None:
    driver = convening(lambda d: any(not b.stopped for b in d.view.batches) and d.steps > 0)
    running = next(b.project for b in driver.view.batches if not b.stopped)
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, AllocationScreen)
        row = [p.id for p in driver.view.scenario.projects].index(running)
        await pilot.press(*["down"] * row, "s")
        text = await shown(pilot, "not yet paid to it")
        assert "Stop " in text and "not yet paid to it" in text
        await pilot.press("2")  # keep it running
        await pilot.pause()
        assert not all(b.stopped for b in driver.view.batches if b.project == running)
        await pilot.press("s", "1")
        await pilot.pause()
        assert all(b.stopped for b in driver.view.batches if b.project == running)
        assert driver.session.history[-1] == A.Stop(project=running)
