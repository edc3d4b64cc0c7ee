"""What every dimension reads, computed once per scorecard from the session's state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sim.engine.delivery import effectiveness, norm_clarity
from sim.engine.game import Game
from sim.engine.session import Session
from sim.engine.state import SessionState
from sim.engine.trust import density, partnership_trust
from sim.engine.voting import rule_in_force, voters
from sim.scenario.models import DecisionRuleSpec
from sim.scoring.portfolios import Comparison, compare


@dataclass(frozen=True)
class Context:
    """The session plus the derived figures several dimensions share."""

    session: Session
    table: list[str]
    voters: list[str]
    rule: DecisionRuleSpec
    density: float
    partnership: float
    effectiveness: float
    norm_clarity: float
    comparison: Comparison

    @property
    def game(self) -> Game:
        return self.session.game

    @property
    def state(self) -> SessionState:
        return self.session.state

    def has_issue(self, kind: str) -> bool:
        """Whether the scenario negotiates an issue of this kind at all."""
        return any(issue.kind == kind for issue in self.game.scenario.issues)

    def adopted(self, kind: str) -> Any | None:
        """The adopted option of the first issue of this kind, or None."""
        for issue in self.game.scenario.issues:
            if issue.kind == kind and issue.id in self.state.agreement:
                chosen = self.state.agreement[issue.id]
                return next((o for o in issue.options if o.id == chosen), None)
        return None

    def name(self, org: str) -> str:
        profile = self.game.orgs[org]
        return profile.short or profile.name


def build_context(session: Session) -> Context:
    game, state = session.game, session.state
    return Context(
        session=session,
        table=state.at_table(),
        voters=voters(game, state),
        rule=rule_in_force(game, state),
        density=density(game, state),
        partnership=partnership_trust(state),
        effectiveness=effectiveness(game, state),
        norm_clarity=norm_clarity(game, state),
        comparison=compare(session),
    )
