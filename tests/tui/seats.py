"""Games with a person at an organization's seat, played forward without the screens, for
the Pilot tests and snapshots that start from a given moment of such a game."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from sim.engine import Game
from sim.engine import actions as A
from sim.play.driver import Driver
from sim.scenario.load import load_scenario

ROOT = Path(__file__).resolve().parents[2]
HOMES = ROOT / "scenarios" / "healthy-homes.toml"
# A member of Healthy Homes party to a tension, that the careful convener invites.
HEALTH = "health-system"
MAX_STEPS = 600


def answer(driver: Driver) -> A.Action | None:
    """What the seat owes now, answered the plain way: come as senior as asked, vote yes,
    pledge half, keep its pledge, take any deal offered; None when it owes nothing."""
    view = driver.view
    member = view.member[view.seat]
    if member.invited is not None:
        for rep in ("decision_maker", "doer", "designee"):
            join = A.Join(seat=view.seat, representative=rep)  # type: ignore[arg-type]
            if view.why_not(join) is None:
                return join
    for deal in view.deals:
        if deal.partner == view.seat and deal.status == "offered":
            return A.AnswerDeal(seat=view.seat, deal=deal.number, accept=True)
    due = driver.waiting_for()
    if due == "vote":
        return A.Vote(seat=view.seat, choice="yes")
    if due == "pledge":
        return driver.pledge_action(0.5)
    return None


def member_driver(
    seed: int = 7, done: Callable[[Driver], bool] = lambda d: False, seat: str = HEALTH
) -> Driver:
    """A person's game at `seat` of Healthy Homes, unsaved, played until `done`."""
    game = Game(load_scenario(HOMES))
    driver = Driver(game.new_session(seed, {seat: "human"}), seat)
    driver.start()
    for _ in range(MAX_STEPS):
        if done(driver) or driver.session.is_over:
            return driver
        driver.submit(answer(driver) or A.EndRound(seat=seat))
    raise AssertionError("the game did not reach the moment asked for")


def at_table(d: Driver) -> bool:
    return d.view.member[d.seat].status == "table"


def in_stage(stage: str) -> Callable[[Driver], bool]:
    return lambda d: at_table(d) and d.view.stage == stage and answer(d) is None


def kind_on(kind: str) -> Callable[[Driver], bool]:
    """The seat may take an action of this kind now (and owes nothing first)."""
    return lambda d: kind in d.view.kinds and answer(d) is None


def passive(session: object) -> A.Action:
    """A convener that leaves the table to the test: it only ever ends its turn."""
    return A.EndRound()


def paired_driver(
    seed: int = 7,
    done: Callable[[Driver], bool] = lambda d: False,
    seat: str = HEALTH,
    convener: Callable[[A.Action], A.Action | None] = lambda a: a,
    path: Path = HOMES,
) -> Driver:
    """A game where a person holds `seat` and the test holds the convener: the careful
    convener's moves, each passed through `convener` (which may swap or drop it), until
    `done`; then a driver whose own convener stays passive, for the app."""
    from sim.engine.policies import ConvenerBot

    game = Game(load_scenario(path))
    session = game.new_session(seed, {"convener": "human", seat: "human"})
    driver = Driver(session, seat, convener=passive)
    policy = ConvenerBot(game, "full")
    for _ in range(MAX_STEPS):
        if done(driver) or session.is_over:
            return driver
        owed = answer(driver)
        if owed is not None:
            driver.submit(owed)
            continue
        action = policy(session)
        if action.kind != "end_round" and session.why_illegal(action) is None:
            swapped = convener(action)
            if swapped is not None and session.why_illegal(swapped) is None:
                session.apply(swapped)
                continue
        driver.submit(A.EndRound(seat=seat))
    raise AssertionError("the game did not reach the moment asked for")


def offering_convener(path: Path, seat: str) -> Callable[[object], A.Action]:
    """The careful convener, who also offers `seat` one side deal as soon as it may: its
    organization backs the first option of one open issue if the seat backs the first
    option of another (the test's own convener, so it may read the session)."""
    from sim.engine.policies import ConvenerBot

    game = Game(load_scenario(path))
    careful = ConvenerBot(game, "full")
    offered = False

    def convener(session: object) -> A.Action:
        nonlocal offered
        if not offered:
            agreed = session.state.agreement  # type: ignore[attr-defined]
            issues = [i for i in game.scenario.issues if i.id not in agreed]
            if len(issues) >= 2:
                deal = A.OfferDeal(
                    partner=seat,
                    give_issue=issues[0].id,
                    give_option=issues[0].options[0].id,
                    want_issue=issues[1].id,
                    want_option=issues[1].options[0].id,
                )
                if session.why_illegal(deal) is None:  # type: ignore[attr-defined]
                    offered = True
                    return deal
        return careful(session)  # type: ignore[arg-type]

    return convener


async def play_seat_by_keys(
    pilot: object, on_table: Callable[[], Awaitable[None]] | None = None
) -> set[str]:
    """Play an organization's seat to the scorecard by keys, the plain way: come as senior
    as asked, take any deal, vote yes, pledge half, and end each round. `on_table` runs
    on the table screen before the round is ended. Returns the dialogs answered."""
    from sim.tui.common.dialogs import ChoiceDialog
    from sim.tui.game.briefing import GameBriefingScreen
    from sim.tui.game.scorecard import ScorecardScreen
    from sim.tui.game.stage import StageDialog
    from sim.tui.game.table import TableScreen

    app = pilot.app  # type: ignore[attr-defined]
    seen: set[str] = set()
    for _ in range(MAX_STEPS):
        await pilot.pause()  # type: ignore[attr-defined]
        screen = app.screen
        if isinstance(screen, ScorecardScreen):
            return seen
        if isinstance(screen, GameBriefingScreen):
            await pilot.press("escape")  # type: ignore[attr-defined]
        elif isinstance(screen, StageDialog):
            await pilot.press("enter")  # type: ignore[attr-defined]
        elif isinstance(screen, ChoiceDialog) and screen.purpose in ("vote", "pledge"):
            seen.add(screen.purpose)
            await pilot.press("1" if screen.purpose == "vote" else "2")  # type: ignore[attr-defined]
        elif isinstance(screen, ChoiceDialog) and screen.purpose in ("join", "deal"):
            seen.add(screen.purpose)
            first = next(n for n, c in enumerate(screen.choices, start=1) if c.ok)
            await pilot.press(str(first))  # type: ignore[attr-defined]
        else:
            assert isinstance(screen, TableScreen), f"an unexpected screen: {screen!r}"
            if on_table is not None:
                await on_table()
            await pilot.press("e")  # type: ignore[attr-defined]
    raise AssertionError("the game did not reach its scorecard")
