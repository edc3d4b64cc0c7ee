"""The driver without Textual: one way in, saves as it goes, and a bot convener that waits its turn."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.policies import ConvenerBot, plan_table
from sim.play.choices import ask_choices, how_choices, result_choices, stream_choices
from sim.play.driver import Driver
from sim.play.launch import list_saves, new_game, resume_game
from sim.play.words import describe
from sim.record import load_save, verify
from sim.scenario.load import load_scenario
from sim.tui.game.invite import invitable
from tests.tui.conftest import DEMO
from tests.tui.seats import answer

HOMES = Path(__file__).resolve().parents[2] / "scenarios" / "healthy-homes.toml"


def member_game(driver: Driver) -> None:
    """Play an organization's seat to the end: vote yes, pledge half, end each round."""
    for _ in range(500):
        if driver.session.is_over:
            return
        owed = answer(driver)
        due = driver.waiting_for()
        if owed is not None and owed.kind in ("join", "answer_deal"):
            driver.submit(owed)
        elif due == "vote":
            driver.submit(A.Vote(choice="yes"))
        elif due == "pledge":
            driver.submit(driver.pledge_action(0.5))
        else:
            driver.submit(A.EndRound())
    raise AssertionError("the game did not end")


def test_a_convener_game_saves_every_action(tmp_path: Path) -> None:
    started = new_game(DEMO, A.CONVENER, 7, tmp_path)
    driver = started.driver
    assert started.warning is None and driver.saver is not None
    game = driver.game
    policy = ConvenerBot(game, "full")
    while not driver.session.is_over:
        action = policy(driver.session)
        if driver.why_illegal(action) is not None:
            action = A.EndRound()
        turn = driver.submit(action)
        assert turn.actions == [action]
        assert driver.saver.steps == driver.steps
    driver.close()
    save = load_save(driver.saver.path)
    assert len(save.entries) == driver.steps
    assert verify(save).state_hash() == driver.session.state_hash()
    assert [s.path for s in list_saves(tmp_path)] == [driver.saver.path]


def test_the_bot_convener_waits_for_the_member_and_never_ends_a_round(tmp_path: Path) -> None:
    game = Game(load_scenario(HOMES))
    seat = plan_table(game)[1]
    driver = new_game(HOMES, seat, 7, tmp_path).driver
    first = driver.start()
    assert first.actions, "the convener acts first"
    assert all(a.seat == A.CONVENER for a in first.actions)
    member_game(driver)
    history = driver.session.history
    assert all(a.seat == seat for a in history if a.kind == "end_round")
    assert any(a.kind == "vote" and a.seat == seat for a in history)
    pledges = [p for p in driver.session.state.ledger if p.organization == seat]
    assert pledges and all(p.pledged > 0 for p in pledges)
    driver.close()
    header = load_save(driver.saver.path).header  # type: ignore[union-attr]
    players = {s.seat: s.player for s in header.seats}
    assert players[seat] == "person" and players[A.CONVENER] == "script"
    assert verify(load_save(driver.saver.path)).is_over  # type: ignore[union-attr]


def test_resume_continues_with_the_same_seat(tmp_path: Path) -> None:
    game = Game(load_scenario(HOMES))
    seat = plan_table(game)[1]
    driver = new_game(HOMES, seat, 3, tmp_path).driver
    driver.start()
    for _ in range(3):
        driver.submit(A.Vote(choice="yes") if driver.vote_due() else A.EndRound())
    digest, steps, path = driver.session.state_hash(), driver.steps, driver.saver.path  # type: ignore[union-attr]
    driver.close()
    again = resume_game(path).driver
    assert again.seat == seat and again.steps == steps
    assert again.session.state_hash() == digest
    member_game(again)
    again.close()


def test_an_unwritable_folder_plays_unsaved(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    started = new_game(DEMO, A.CONVENER, 1, blocker / "saves")
    assert started.driver.saver is None
    assert started.warning and started.warning.startswith("Autosave is off")
    started.driver.submit(A.EndRound())
    assert started.driver.steps == 1


def test_an_illegal_action_changes_nothing() -> None:
    driver = Driver(Game(load_scenario(DEMO)).new_session(1, {"convener": "human"}))
    digest = driver.session.state_hash()
    with pytest.raises(ValueError, match="name the specific measurable result"):
        driver.submit(A.Advance())
    assert driver.session.state_hash() == digest and driver.steps == 0


def test_choices_say_why_they_are_off() -> None:
    session = Game(load_scenario(DEMO)).new_session(1, {"convener": "human"})
    org = invitable(session.view("convener"))[0]
    asks = ask_choices(session.view("convener"), org)
    assert asks[0].label == "By letter"
    assert all(c.detail.startswith("takes ") for c in asks)
    results = result_choices(session.view("convener"))
    assert results and all(c.ok for c in results)
    session.apply(results[1].value)
    # A stream in forming cannot fund anything, and says so.
    project = session.game.scenario.projects[0].id
    assert all(c.reason for c in stream_choices(session.view("convener"), project))
    assert describe(session.game, results[1].value).startswith("Name the result: 35")


def test_handling_choices_price_mediation() -> None:
    game = Game(load_scenario(HOMES))
    session = game.new_session(2, {"convener": "human"})
    tension = game.scenario.tensions[0].id
    hows = {c.value: c for c in how_choices(session.view("convener"), tension)}
    assert set(hows) == {"open", "mediate", "defer", "override", "side_deal"}
    assert "$" in hows["mediate"].detail and "time" in hows["defer"].detail


def test_invite_filter_ranks_an_exact_id_first() -> None:
    session = Game(load_scenario(DEMO)).new_session(1, {"convener": "human"})
    view = session.view("convener")
    for org in session.game.orgs:
        assert invitable(view, org)[0] == org
    assert invitable(view, "zzz-no-such") == []
