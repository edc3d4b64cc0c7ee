"""An organization's seat played by keys: answer an invitation, ask to join, vote with a
forecast, propose as a voter, pledge with a preview, deliver, strike and answer side deals,
raise a tension, walk out. Every refused move says why, in names, never ids.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from sim.engine import Game
from sim.engine import actions as A
from sim.play.driver import Driver
from sim.scenario.load import load_scenario
from sim.tui.app import make_app
from sim.tui.common.dialogs import ChoiceDialog
from sim.tui.game.agreement import AgreementScreen
from sim.tui.game.member_panel import MemberPanel
from sim.tui.game.scorecard import ScorecardScreen
from sim.tui.game.table import TableScreen
from sim.tui.game.widgets.stage_bar import move_on_text
from tests.tui.conftest import DEMO, screen_text
from tests.tui.seats import (
    HEALTH,
    HOMES,
    at_table,
    in_stage,
    kind_on,
    member_driver,
    offering_convener,
    paired_driver,
    play_seat_by_keys,
)

SMALL = (80, 24)
WIDE = (120, 40)


def no_ids(text: str, *ids: str) -> None:
    for found in ids:
        assert found not in text, f"the id {found!r} reached the screen"


@pytest.mark.parametrize("seat", ["county", "foundation"])
async def test_a_whole_game_at_an_organization_seat_with_a_side_deal(
    seat: str, catalog: Path
) -> None:
    """Two different seats, each played by keys from the first round to the scorecard:
    it joins, accepts the side deal the convener offers, votes and pledges."""
    game = Game(load_scenario(DEMO))
    session = game.new_session(7, {seat: "human"})
    driver = Driver(session, seat, convener=offering_convener(DEMO, seat))
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        seen = await play_seat_by_keys(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        assert {"vote", "pledge", "deal"} <= seen
        [deal] = [d for d in driver.view.deals if d.partner == seat]
        assert deal.status in ("accepted", "kept")  # kept once the traded vote was cast
        mine = {a.kind for a in session.history if a.seat == seat}
        assert {"vote", "pledge"} <= mine
        assert any(a.kind == "answer_deal" and a.accept for a in session.history if a.seat == seat)
        assert session.is_over


async def test_an_invited_seat_chooses_whom_it_sends(catalog: Path, tmp_path: Path) -> None:
    app = make_app(HOMES, catalog, seat=HEALTH, seed=7, saves_folder=tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("escape")  # the briefing; the invitation opens next
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChoiceDialog) and screen.purpose == "join"
        text = screen_text(app)
        assert "You are invited by a call from a champion" in text
        assert "Send your decision-maker" in text and "Decline" in text
        no_ids(text, HEALTH, "decision_maker")
        await pilot.press("2")  # a doer
        await pilot.pause()
        member = app.driver.view.member[HEALTH]
        assert (member.status, member.representative) == ("table", "doer")
        assert any(a.kind == "join" and a.seat == HEALTH for a in app.driver.session.history)


async def test_a_seat_that_declines_asks_to_join_and_is_admitted(
    catalog: Path, tmp_path: Path
) -> None:
    app = make_app(HOMES, catalog, seat=HEALTH, seed=7, saves_folder=tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("4")  # decline
        await pilot.pause()
        assert app.driver.view.member[HEALTH].status == "declined"
        assert isinstance(app.screen, TableScreen)
        assert "k  Ask to join" in screen_text(app)
        await pilot.press("k")
        await pilot.pause()
        assert "Ask to join the partnership" in screen_text(app)
        await pilot.press("3")  # offer a designee
        await pilot.pause()
        history = app.driver.session.history
        assert any(a.kind == "ask_to_join" for a in history)
        assert app.driver.view.member[HEALTH].requested == "designee"
        assert "asks to join" in screen_text(app)
        # The careful convener admits a member that asks (when it has the time): it comes
        # as it offered.
        for _ in range(3):
            if app.driver.view.member[HEALTH].status == "table":
                break
            await pilot.press("e")
            await pilot.pause()
        member = app.driver.view.member[HEALTH]
        assert (member.status, member.representative) == ("table", "designee")


async def vote_dialog(pilot: Pilot[None]) -> str:
    """The vote dialog's text, once the screen that opens by itself for a vote shows."""
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ChoiceDialog) and screen.purpose == "vote"
    return screen_text(pilot.app)


async def test_the_vote_shows_points_batna_and_forecast(catalog: Path) -> None:
    driver = member_driver(7, lambda d: d.waiting_for() == "vote")
    # The stage bar names the seat 'you' among the votes the table waits for.
    assert "waiting for you" in move_on_text(driver.view)
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        text = await vote_dialog(pilot)
        assert "Your points for it" in text and "Your BATNA:" in text
        assert "Forecast: about" in text and "% to pass" in text
        await pilot.press("1")
        await pilot.pause()
        last = [a for a in app.driver.session.history if a.seat == HEALTH][-1]
        assert last == A.Vote(seat=HEALTH, choice="yes")


def packaging(path: Path = HOMES) -> Callable[[A.Action], A.Action | None]:
    """The convener's first proposal goes out as a package: its option, and the first
    option of another issue not yet settled, to pass or fail together."""
    scenario = load_scenario(path)
    sent = False

    def convener(action: A.Action) -> A.Action | None:
        nonlocal sent
        if sent or not isinstance(action, A.Propose):
            return action
        other = next(i for i in scenario.issues if i.id != action.issue)
        sent = True
        return A.Propose(
            issue=action.issue, option=action.option, package={other.id: other.options[0].id}
        )

    return convener


async def test_a_package_vote_shows_every_issue_it_settles(catalog: Path) -> None:
    def package_waits(d: Driver) -> bool:
        pending = d.view.pending
        return d.waiting_for() == "vote" and pending is not None and bool(pending.package)

    driver = paired_driver(7, package_waits, convener=packaging())
    pending = driver.view.pending
    assert pending is not None
    names = [driver.view.scenario.issue[i].name for i in pending.options]
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        text = await vote_dialog(pilot)
        for name in names:  # both issues, each with the seat's own points
            assert f"{name} — " in text, name
        assert text.count("Your points for it") == 2
        assert "A package: the 2 issues pass or fail together" in text
        await pilot.resize_terminal(80, 24)
        prompt = app.screen.query_one(".dialog-prompt")
        width = prompt.content_size.width
        needed = prompt.get_content_height(prompt.container_size, prompt.container_size, width)
        assert needed <= prompt.content_size.height, "the prompt scrolls at 80×24"
        assert "↑↓ enter or 1–9 choose" in screen_text(app)
        await pilot.resize_terminal(*WIDE)
        await pilot.press("escape")
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        assert "Package open: " in screen_text(app)


async def test_a_voter_proposes_and_a_refused_proposal_says_why(catalog: Path) -> None:
    # The bot convener has used the round's agenda: the editor says so, in words. (In
    # seed 6 the table is still norming when the member's turn comes.)
    busy = member_driver(6, in_stage("norming"))
    app = make_app(scenarios_folder=catalog, driver=busy)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, AgreementScreen)
        await pilot.press("1", "down", "p")
        await pilot.pause()
        assert any(t.startswith("Cannot propose now: ") for t in app.toasts), app.toasts
        assert not any(a.kind == "propose" and a.seat == HEALTH for a in busy.session.history)
    # With the agenda free, the member puts an option to the body it sits on.
    free = paired_driver(
        7, in_stage("norming"), convener=lambda a: None if a.kind == "propose" else a
    )
    app = make_app(scenarios_folder=catalog, driver=free)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert "Forecast: about" in screen_text(app)
        assert "p proposes it now." in screen_text(app)
        await pilot.press("1", "p")
        await pilot.pause()
        proposed = [a for a in free.session.history if a.kind == "propose"]
        assert proposed and proposed[-1].seat == HEALTH


async def test_pledge_with_a_preview_then_deliver_half(catalog: Path) -> None:
    driver = member_driver(7, lambda d: d.waiting_for() == "pledge")
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChoiceDialog) and screen.purpose == "pledge"
        assert "would hold" in screen_text(app) and "yours alone pays" in screen_text(app)
        await pilot.press("2")  # half
        await pilot.pause()
        line = next(p for p in driver.view.ledger if p.organization == HEALTH)
        assert line.delivered is None and line.pledged > 0
        assert "d  Deliver your pledge" in screen_text(app)
        await pilot.press("d")
        await pilot.pause()
        text = screen_text(app)
        assert "Deliver your pledge of" in text and "reneges on" in text
        await pilot.press("2")  # half of it
        await pilot.pause()
        line = next(p for p in driver.view.ledger if p.organization == HEALTH)
        assert line.delivered is not None and abs(line.delivered - line.pledged / 2) < 0.01


async def test_offer_a_side_deal_by_keys(catalog: Path) -> None:
    driver = member_driver(7, kind_on("offer_deal"))
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        assert "Side deals" in screen_text(app)
        await pilot.press("1")  # offer one
        await pilot.pause()
        assert "Offer a side deal to whom?" in screen_text(app)
        no_ids(screen_text(app), "city-housing", "county-health")
        for _ in range(5):  # partner, your issue, your option, their issue, their option
            await pilot.press("1")
            await pilot.pause()
        deals = driver.view.deals
        assert deals and deals[-1].offerer == HEALTH
        assert deals[-1].status in ("accepted", "declined")  # a bot answers at once


async def test_with_one_issue_left_the_deals_dialog_says_so(catalog: Path) -> None:
    def one_left(d: Driver) -> bool:
        unsettled = [i for i in d.view.scenario.issues if i.id not in d.view.agreement]
        return in_stage("norming")(d) and len(unsettled) == 1

    driver = member_driver(41, one_left, seat="tenants-union")
    (last,) = [i for i in driver.view.scenario.issues if i.id not in driver.view.agreement]
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("x")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog)
        offer = next(c for c in dialog.choices if c.value == "offer")
        assert (
            offer.reason == f"only {last.name} is still open, and a deal trades across two issues"
        )


async def test_answer_a_side_deal_offered_to_you(catalog: Path) -> None:
    seat = "neighbors"

    def ready(d: Driver) -> bool:
        time = d.session.state.convener_time  # the test's own convener: offering takes time
        return at_table(d) and d.view.stage in ("storming", "norming") and time >= 1

    driver = paired_driver(7, ready, seat, path=DEMO)
    view = driver.view
    issues = [i for i in view.scenario.issues if i.id not in view.agreement]
    driver.session.apply(
        A.OfferDeal(
            partner=seat,
            give_issue=issues[0].id,
            give_option=issues[0].options[0].id,
            want_issue=issues[1].id,
            want_option=issues[1].options[0].id,
        )
    )
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChoiceDialog) and screen.purpose == "deal"
        text = screen_text(app)
        assert "A side deal from" in text and "You gain backing for" in text
        no_ids(text, "city", seat)
        await pilot.press("1")  # accept
        await pilot.pause()
        assert driver.view.deals[-1].status == "accepted"


async def test_raise_a_deferred_tension(catalog: Path) -> None:
    def defer(action: A.Action) -> A.Action | None:
        if isinstance(action, A.HandleTension) and action.tension == "patient-data":
            return A.HandleTension(tension="patient-data", how="defer")
        return action

    driver = paired_driver(7, kind_on("raise_tension"), convener=defer)
    assert driver.view.tension["patient-data"].status == "deferred"
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        text = screen_text(app)
        assert "Raise a tension" in text and "Patient data at the kitchen table" in text
        no_ids(text, "patient-data")
        await pilot.press("1")
        await pilot.pause()
        assert driver.view.tension["patient-data"].status == "open"


async def test_a_pledge_key_with_no_pledge_due_says_why(catalog: Path) -> None:
    """In the allocation editor the key used to be greyed out and did nothing when pressed."""
    from sim.play.driver import pledge_due

    driver = member_driver(
        7, lambda d: in_stage("performing")(d) and not pledge_due(d.view), seat=HEALTH
    )
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        await pilot.pause()
        steps = driver.steps
        await pilot.press("p")
        await pilot.pause()
        assert any(t.startswith("Not now: ") for t in app.toasts), app.toasts
        assert driver.steps == steps


async def test_walk_out_says_what_it_costs_and_asks_first(catalog: Path) -> None:
    driver = member_driver(7, in_stage("storming"))
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("w")
        await pilot.pause()
        text = screen_text(app)
        assert "Walk out of the partnership?" in text
        assert "Your BATNA is worth" in text and "You leave for good" in text
        await pilot.press("2")  # stay
        await pilot.pause()
        assert driver.view.member[HEALTH].status == "table"
        await pilot.press("w", "1")
        await pilot.pause()
        assert driver.view.member[HEALTH].status == "left"
        await pilot.press("w")
        await pilot.pause()
        assert any(t.startswith("Not now: you are not at the table") for t in app.toasts)


async def test_the_member_panel_shows_what_the_seat_knows(catalog: Path) -> None:
    driver = member_driver(7, in_stage("storming"))
    app = make_app(scenarios_folder=catalog, driver=driver)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1", "m")
        await pilot.pause()
        assert isinstance(app.screen, MemberPanel)
        text = screen_text(app)
        assert "What you learned" in text and "Pledges" in text
        assert "Tensions it is party to" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TableScreen)


def test_the_palette_names_a_seat_s_moves_and_leaves_dialog_moves_to_their_dialogs() -> None:
    from sim.tui.commands import DIALOG_ONLY, palette_words

    view = member_driver(7, in_stage("storming")).view
    words = {a.kind: palette_words(view, a) for a in view.legal}
    assert all(words[k] is None for k in words if k in DIALOG_ONLY)
    shown = [w for w in words.values() if w]
    assert shown and not any("_" in w for w in shown), shown


def test_a_member_reads_what_it_can_do_from_where_it_sits() -> None:
    """Outside, invited, seated or gone, the stage bar says the seat's own next move."""
    from sim.scenario.words import MEMBER_HINT, MEMBER_PLACE_HINT
    from sim.tui.game.widgets.stage_bar import stage_hint

    game = Game(load_scenario(HOMES))
    before = game.new_session(7, {HEALTH: "human"}).view(HEALTH)  # nobody invited yet
    assert before.member[HEALTH].status == "outside"
    assert stage_hint(before) == MEMBER_PLACE_HINT["outside"]
    invited = member_driver(7, lambda d: d.view.member[d.seat].invited is not None)
    assert stage_hint(invited.view) == MEMBER_PLACE_HINT["invited"]
    seated = member_driver(7, lambda d: at_table(d) and d.view.stage == "forming")
    assert stage_hint(seated.view) == MEMBER_HINT["forming"]
    assert "ask the convener" not in move_on_text(seated.view)
    seated.submit(A.WalkOut(seat=seated.seat))
    assert stage_hint(seated.view) == MEMBER_PLACE_HINT["left"]


def test_the_convener_is_not_told_to_name_a_result_it_has_named() -> None:
    from sim.scenario.words import FORMING_NAMED_HINT, STAGE_HINT
    from sim.tui.game.widgets.stage_bar import stage_hint

    session = Game(load_scenario(HOMES)).new_session(7, {"convener": "human"})
    assert stage_hint(session.view("convener")) == STAGE_HINT["forming"]
    session.apply(next(a for a in session.view("convener").legal if a.kind == "choose_result"))
    assert stage_hint(session.view("convener")) == FORMING_NAMED_HINT


def test_a_member_reads_the_stage_bar_as_what_the_table_waits_for() -> None:
    """The convener's tasks are not the member's: a member reads what the convener must do
    before the table moves on, and its own moves when the table is ready."""
    from sim.scenario.words import MEMBER_HINT, STAGE_HINT

    holding = member_driver(7, lambda d: d.view.stage_holds is not None)
    text = move_on_text(holding.view)
    assert text.startswith("Next, storming: the convener must "), text
    assert STAGE_HINT["forming"] not in text
    ready = member_driver(
        6, lambda d: d.view.stage in ("storming", "norming") and d.view.stage_holds is None
    )
    text = move_on_text(ready.view)
    assert "the convener may move on" in text and MEMBER_HINT[ready.view.stage] in text, text
