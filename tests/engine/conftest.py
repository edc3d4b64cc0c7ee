"""Shared fixtures for the engine tests: scenarios loaded once, and small scripted steps.

Scenarios are cached for the whole test session (`load_game`), so every module,
parametrized test and hypothesis example shares one parsed copy of each.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest

from sim.engine import Game, Session
from sim.engine import actions as A
from sim.engine import notices as E
from sim.scenario import load_scenario, parse_scenario
from sim.scenario.starter import starter_text

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
FLAGSHIP = "clean-air-compact"
# Every shipped scenario present now (the flagship joins this list once its file exists).
SHIPPED = sorted(p.stem for p in SCENARIOS.glob("*.toml"))
ALL_SCENARIOS = ["starter", *SHIPPED]
SHORT_SCENARIOS = ["starter", *(name for name in SHIPPED if name != FLAGSHIP)]
STARTER_TEXT = starter_text("demo", "Demo", "demo.toml")


@cache
def load_game(name: str) -> Game:
    """The `Game` for a scenario name ('starter' or a file stem under scenarios/), parsed once."""
    if name == "starter":
        return Game(parse_scenario(STARTER_TEXT, "demo.toml"))
    return Game(load_scenario(SCENARIOS / f"{name}.toml"))


@cache
def starter_variant(extra_toml: str = "", replace: tuple[tuple[str, str], ...] = ()) -> Game:
    """The starter scenario with TOML appended (a loan stream, a second tension, ...)
    and, optionally, some of its text replaced (each `old` must occur)."""
    text = STARTER_TEXT
    for old, new in replace:
        assert old in text, f"the starter no longer contains {old!r}"
        text = text.replace(old, new)
    return Game(parse_scenario(text + "\n" + extra_toml, "variant.toml"))


def flagship_exists() -> bool:
    return (SCENARIOS / f"{FLAGSHIP}.toml").exists()


@pytest.fixture(scope="session")
def starter_game() -> Game:
    return load_game("starter")


@pytest.fixture(scope="session")
def flagship_game() -> Game:
    if not flagship_exists():
        pytest.skip(f"scenarios/{FLAGSHIP}.toml does not exist yet (the flagship is being written)")
    return load_game(FLAGSHIP)


# ---------------------------------------------------------------------- scripted steps


def apply_all(session: Session, actions: Iterable[A.Action]) -> list[E.Event]:
    """Apply actions in order, failing the test with the engine's reason if one is illegal."""
    out: list[E.Event] = []
    for action in actions:
        reason = session.why_illegal(action)
        assert reason is None, f"{action!r} should be legal here, but: {reason}"
        out += session.apply(action)
    return out


def name_result(session: Session) -> list[E.Event]:
    metric = session.game.scenario.results[0]
    return apply_all(session, [A.ChooseResult(metric=metric.id, target=metric.targets[0])])


ASKS = ("letter", "staff_call", "convener_meeting", "champion")  # cheapest first


def sends(game: Game, org: str, ask: str) -> str | None:
    """Whom an organization sends to an ask, or None when it turns that ask down."""
    kind = getattr(game.orgs[org].sends, ask)
    return None if kind in (None, "nobody") else kind


def cheapest_ask(game: Game, org: str) -> str:
    """The cheapest ask that brings the organization to the table at all."""
    return next(ask for ask in ASKS if sends(game, org, ask) is not None)


def invite(session: Session, orgs: Iterable[str], ask: str | None = None) -> list[E.Event]:
    """Invite each organization, by `ask` or else by the cheapest ask it accepts; a person
    holding an invited organization answers by sending whom its brief is willing to."""
    from sim.engine.joining import willing

    events: list[E.Event] = []
    for org in orgs:
        events += apply_all(
            session, [A.Invite(organization=org, ask=ask or cheapest_ask(session.game, org))]
        )
        if session.state.members[org].invited is not None:
            send = willing(session._ctx, org)
            events += apply_all(session, [A.Join(seat=org, representative=send)])
    return events


def to_storming(session: Session, orgs: Iterable[str], ask: str | None = None) -> list[E.Event]:
    """Forming done the plain way: name the result, invite, advance."""
    events = name_result(session) + invite(session, orgs, ask)
    return events + apply_all(session, [A.Advance()])


def settle_tensions(session: Session, how: str = "mediate") -> list[E.Event]:
    """Handle every open tension (mediation always settles one) and advance to norming."""
    events: list[E.Event] = []
    for tension, state in list(session.state.tensions.items()):
        if state.status == "open":
            events += apply_all(session, [A.HandleTension(tension=tension, how=how)])
    return events + apply_all(session, [A.Advance()])


def events_of(events: Iterable[E.Event], kind: type) -> list:
    return [e for e in events if isinstance(e, kind)]
