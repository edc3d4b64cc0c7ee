"""Re-simulate a save: rebuild its game from the embedded scenario, re-apply every action and
compare each recorded state hash. `sim verify`, replay and resume all stand on this.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from sim.engine.game import Game
from sim.engine.notices import Notice
from sim.engine.session import IllegalAction, Session
from sim.engine.version import RULES_VERSION
from sim.record.errors import Mismatch, OtherRules, SaveError
from sim.record.model import Entry, Header, Save
from sim.scenario.errors import ScenarioInvalid
from sim.scenario.load import parse_scenario

OnStep = Callable[[Session, Entry, list[Notice]], None]

# Parsed scenarios by sha256: a debrief opens many saves of one scenario, and parsing a
# 48-organization scenario costs far more than re-simulating a short game.
_GAMES: OrderedDict[str, Game] = OrderedDict()
_GAMES_KEPT = 8


def require_same_rules(header: Header) -> None:
    """Raise OtherRules unless the save was played under the rules this engine plays."""
    if header.rules != RULES_VERSION:
        raise OtherRules(header.rules, RULES_VERSION)


def game_of(header: Header) -> Game:
    """The game the save was played with, parsed from its embedded text (cached by sha256).

    Every re-simulation starts here, so a save from other rules stops here, said as such.
    """
    require_same_rules(header)
    key = header.scenario.sha256
    if key in _GAMES:
        _GAMES.move_to_end(key)
        return _GAMES[key]
    try:
        scenario = parse_scenario(header.scenario.text.encode("utf-8"), "<scenario in save>")
    except ScenarioInvalid as exc:
        raise SaveError(
            "scenario", f"the embedded scenario is not valid: {exc.errors[0]}"
        ) from None
    game = Game(scenario)
    _GAMES[key] = game
    if len(_GAMES) > _GAMES_KEPT:
        _GAMES.popitem(last=False)
    return game


def fresh_session(header: Header) -> Session:
    """A session at step 0 of the save's game, seed and seats."""
    game = game_of(header)
    try:
        return game.new_session(header.seed, header.engine_seats())
    except IllegalAction as exc:
        raise SaveError("header", f"seats: {exc}") from None


def step(session: Session, entry: Entry, program: str, check_hash: bool = True) -> list[Notice]:
    """Re-apply one recorded action, checking where it was taken and the hash after it."""
    n = entry.step
    if session.is_over:
        raise Mismatch(f"step {n}", "recorded after the game had ended", n)
    if (session.stage, session.round) != (entry.stage, entry.round):
        raise Mismatch(
            f"step {n}",
            f"recorded in {entry.stage}, round {entry.round}, but re-simulated the game is in "
            f"{session.stage}, round {session.round}",
            n,
        )
    try:
        reason = session.why_illegal(entry.action)
        if reason is not None:
            raise Mismatch(f"step {n}", f"the action is not legal when re-simulated: {reason}", n)
        events = session.apply(entry.action)
    except SaveError:
        raise
    except Exception as exc:  # the engine is still being tuned: a save must never crash us
        raise Mismatch(
            f"step {n}", f"the engine failed on this action ({type(exc).__name__}: {exc})", n
        ) from None
    if check_hash:
        got = session.state_hash()
        if got != entry.hash:
            raise Mismatch(
                f"step {n}",
                f"the re-simulated state differs from the recording (hash {got[:12]}, recorded "
                f"{entry.hash[:12]}): the rules changed since {program} recorded it, or the "
                "entry was rewritten",
                n,
            )
    return events


def run(save: Save, upto: int | None = None, on_step: OnStep | None = None) -> Session:
    """Re-apply the first `upto` entries (all by default), checking each; return the session."""
    session = fresh_session(save.header)
    for entry in save.entries[:upto]:
        events = step(session, entry, save.header.program)
        if on_step is not None:
            on_step(session, entry, events)
    return session


def verify(save: Save) -> Session:
    """Check every recorded hash; raise Mismatch at the first step that differs."""
    return run(save)
