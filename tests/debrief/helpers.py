"""Saves for the debrief tests, played in the test from a committed scenario fixture.

The fixture is a copy of the healthy-homes scenario, so tuning the shipped scenarios never
churns the goldens; the "deferring" convener is the careful scripted convener, except that
it defers the first Tension it meets and invites one Member by letter, so the debrief has a
deferral, a designee and (usually) a Tension that comes back to find.
"""

from __future__ import annotations

from pathlib import Path

from sim.engine import actions as A
from sim.engine.autoplay import MAX_ACTIONS_PER_ROUND
from sim.engine.policies import ConvenerBot, make_policy
from sim.engine.session import Session
from sim.record.sessions import start

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCENARIO = FIXTURES / "lakeshore.toml"
SEED = 4


class DeferringConvener:
    """The 'full' convener, but it defers the first Tension and invites by letter once."""

    def __init__(self, session: Session) -> None:
        self.careful = ConvenerBot(session.game, "full")
        self.deferred = False
        self.lettered = False

    def __call__(self, session: Session) -> A.Action:
        s = session.state
        if s.stage == "storming" and not self.deferred:
            open_now = sorted(t for t, st in s.tensions.items() if st.status == "open")
            if open_now:
                self.deferred = True
                return A.HandleTension(tension=open_now[0], how="defer")
        if s.stage == "forming" and not self.lettered and s.result is not None:
            for org in self.careful.table:
                if s.members[org].status == "outside":
                    invite = A.Invite(organization=org, ask="letter")
                    if session.why_illegal(invite) is None:
                        self.lettered = True
                        return invite
        return self.careful(session)


def play_save(folder: Path, name: str, policy: str = "deferring", seed: int = SEED) -> Path:
    """Play the fixture to the end with a scripted convener, saving every action."""
    path = folder / name
    text = SCENARIO.read_text(encoding="utf-8")
    session, recorder = start(text, "lakeshore.toml", seed, {"convener": "script"}, path=path)
    choose = (
        DeferringConvener(session)
        if policy == "deferring"
        else make_policy(policy, session.game, seed)
    )
    in_round = 0
    with recorder:
        while not session.is_over:
            action = choose(session)
            if in_round >= MAX_ACTIONS_PER_ROUND or session.why_illegal(action) is not None:
                action = A.EndRound()
            recorder.apply(session, action)
            in_round = 0 if action.kind == "end_round" else in_round + 1
    return path
