"""`Session`: one play of a scenario. Actions go in, notices come out, state is hashed.

A small facade over the rule families: each action kind has one `Rule` (its "why not"
and its effect, side by side in its family's module) in `RULES`, and the candidates a
seat may consider come from each family in `CANDIDATES` order. Every action is checked
in full before anything changes, so an illegal action raises `IllegalAction` naming why
and leaves the state exactly as it was.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sim.engine import actions as A
from sim.engine import (
    deals,
    forming,
    joining,
    measurement,
    norming,
    performing,
    reflection,
    rounds,
    scenario_events,
    sounding,
    stages,
    storming,
)
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.delivery import achieved, draw_luck, draw_truth, effectiveness
from sim.engine.facts import Facts
from sim.engine.money import affordable_units
from sim.engine.state import Member, SessionState, StreamState, TensionState
from sim.engine.trust import density, initial_trust, partnership_trust
from sim.engine.view import Move, SeatView, observe
from sim.scenario.models import GrantStream, LoanStream
from sim.scenario.words import BEHAVIOR_DOING


class IllegalAction(ValueError):
    """An action the rules do not allow now; the message says why in one sentence."""


@dataclass(frozen=True)
class Rule:
    """One action kind: why it may not be taken now, and what taking it does.

    `convener_only` kinds are refused to organization seats, and `member_only` kinds to
    the convener's seat, before `why_not` is asked; `during_vote` kinds may be taken while
    a proposal waits for votes.
    """

    why_not: Callable[[Context, Any], str | None]
    apply: Callable[[Context, Any], None]
    convener_only: bool = True
    during_vote: bool = False
    member_only: bool = False


RULES: dict[str, Rule] = {
    "invite": Rule(forming.why_not_invite, forming.invite, during_vote=True),
    "choose_result": Rule(forming.why_not_choose_result, forming.choose_result),
    "skip": Rule(forming.why_not_skip, forming.skip),
    "name_steering": Rule(forming.why_not_name_steering, forming.name_steering),
    "advance": Rule(stages.why_not_advance, stages.advance),
    "handle_tension": Rule(storming.why_not_handle, storming.handle),
    "propose": Rule(norming.why_not_propose, norming.propose, convener_only=False),
    "sound_out": Rule(sounding.why_not_sound_out, sounding.sound_out),
    "vote": Rule(norming.why_not_vote, norming.vote, convener_only=False, during_vote=True),
    "pledge": Rule(performing.why_not_pledge, performing.pledge, convener_only=False),
    "fund": Rule(performing.why_not_fund, performing.fund),
    "stop": Rule(performing.why_not_stop, performing.stop),
    "measure": Rule(measurement.why_not_measure, measurement.measure),
    "reflect": Rule(reflection.why_not_reflect, reflection.reflect),
    "respond": Rule(scenario_events.why_not_respond, scenario_events.respond),
    # Taking a seat and giving it up are an organization's own; the convener has no seat.
    "join": Rule(
        joining.why_not_join, joining.join, convener_only=False, during_vote=True, member_only=True
    ),
    "ask_to_join": Rule(
        joining.why_not_ask_to_join,
        joining.ask_to_join,
        convener_only=False,
        during_vote=True,
        member_only=True,
    ),
    "walk_out": Rule(
        joining.why_not_walk_out, joining.walk_out, convener_only=False, member_only=True
    ),
    "raise_tension": Rule(storming.why_not_raise, storming.raise_tension, convener_only=False),
    "deliver": Rule(
        performing.why_not_deliver, performing.deliver, convener_only=False, during_vote=True
    ),
    "offer_deal": Rule(deals.why_not_offer, deals.offer, convener_only=False),
    "answer_deal": Rule(deals.why_not_answer, deals.answer, convener_only=False, during_vote=True),
    "end_round": Rule(
        rounds.why_not_end_round, rounds.end_round, convener_only=False, during_vote=True
    ),
}
# The order candidates are offered in (bots that pick among legal actions depend on it).
CANDIDATES: tuple[Callable[[Context, str], Iterator[A.Action]], ...] = (
    rounds.candidates,
    stages.candidates,
    forming.candidates,
    storming.candidates,
    norming.candidates,
    sounding.candidates,
    performing.candidates,
    measurement.candidates,
    reflection.candidates,
    scenario_events.candidates,
    joining.candidates,
    deals.candidates,
    rounds.member_candidates,
)


class Session:
    """One game in progress: the OpenSpiel-shaped API the UI, bots and saves use."""

    def __init__(self, game: Facts, seed: int, seats: dict[str, str]) -> None:
        self.game = game
        self.seats = seats
        for seat in seats:
            if seat != A.CONVENER and seat not in game.orgs:
                raise IllegalAction(f"unknown seat '{seat}'")
        scenario = game.scenario
        self.state = SessionState(
            seed=seed,
            rng=random.Random(seed),
            total_rounds=scenario.timeline.years * scenario.timeline.rounds_per_year,
            rounds_per_year=scenario.timeline.rounds_per_year,
            convener_time=scenario.convener.time_per_round,
            convener_budget=scenario.convener.budget,
        )
        s = self.state
        s.members = {org: Member(human=seats.get(org) == "human") for org in game.orgs}
        s.trust = initial_trust(game)
        s.tensions = {t.id: TensionState() for t in scenario.tensions}
        s.streams = {st.id: StreamState() for st in scenario.streams}
        for st in scenario.streams:
            if isinstance(st, GrantStream | LoanStream):
                first = st.amount
                if st.release == "measured":
                    # Results-only money: a year's share now, the rest once results show.
                    first = round(st.amount / scenario.timeline.years, 2)
                    s.held[st.id] = round(st.amount - first, 2)
                s.streams[st.id].balance = s.streams[st.id].received = first
        # What each project really does, hidden until measured: the table must learn it.
        failure = scenario.dynamics.failure_chance
        s.truth = {p.id: draw_truth(s, p.uncertainty, failure) for p in scenario.projects}
        s.batch_luck = {p.id: draw_luck(s) for p in scenario.projects}
        s.measure_luck = {p.id: draw_luck(s) for p in scenario.projects}
        s.problem_solving = {behavior: 0 for behavior in BEHAVIOR_DOING}
        self.history: list[A.Action] = []
        self.feed: list[N.Notice] = []
        self._ctx = Context(game, s, seats)
        stages.attach(self._ctx)

    @classmethod
    def restore(
        cls,
        game: Facts,
        seed: int,
        seats: dict[str, str],
        state: SessionState,
        history: Sequence[A.Action],
        feed: Sequence[N.Notice],
    ) -> Session:
        """A new, independent session positioned at a snapshot; the snapshot is not shared."""
        session = cls(game, seed, seats)
        session.state = session._ctx.state = copy.deepcopy(state)
        session.history = list(history)
        session.feed = list(feed)
        return session

    # ------------------------------------------------------------------ public API

    @property
    def stage(self) -> str:
        return self.state.stage

    @property
    def round(self) -> int:
        return self.state.round

    @property
    def is_over(self) -> bool:
        return self.state.stage == "adjourning"

    def state_hash(self) -> str:
        return self.state.digest()

    def view(self, seat: str, *, for_bot: bool = False) -> SeatView:
        """Everything `seat` may see now, and every move it might make with why it is off.

        `for_bot` leaves out the feed and the list of moves, which a bot never reads, and
        lets the view ask the engine why a move is off: the same answers, far faster.
        """
        if for_bot:
            view = observe(self._ctx, seat, (), (), len(self.history), self._stage_holds())
            view._judge = self.why_illegal
            view._afford = self._affordable
            view._consider = lambda: list(self.candidates(seat))
            return view
        moves = [Move(action=a, reason=self.why_illegal(a)) for a in self.candidates(seat)]
        return observe(self._ctx, seat, self.feed, moves, len(self.history), self._stage_holds())

    def _affordable(self, project: str, stream: str) -> int:
        return affordable_units(self.game, self.state, self.game.projects[project], stream)

    def _stage_holds(self) -> str | None:
        """What keeps the table in its stage, whoever holds the convener seat."""
        pending = self.state.pending
        if pending is not None:
            return self._waiting(A.CONVENER)
        return stages.why_not_advance(self._ctx, A.Advance())

    def _waiting(self, seat: str) -> str:
        """Whose votes the open proposal waits for, by name ('you' to the seat itself)."""
        pending = self.state.pending
        assert pending is not None
        missing = [m for m in pending.voters if m not in pending.votes]
        names = ["you" if m == seat else self.game.short_name(m) for m in missing]
        return f"a vote is open; waiting for {', '.join(names)}"

    def legal_actions(self, seat: str = A.CONVENER) -> list[A.Action]:
        """Every action the seat may take now (fund offers 1 unit and the most affordable)."""
        return [a for a in self.candidates(seat) if self.why_illegal(a) is None]

    def candidates(self, seat: str = A.CONVENER) -> Iterator[A.Action]:
        """Every action the seat might consider now, legal or not, in a stable order."""
        if seat != A.CONVENER and seat not in self.game.orgs:
            return  # an observer or a mistyped seat can do nothing
        for family in CANDIDATES:
            yield from family(self._ctx, seat)

    def why_illegal(self, action: A.Action) -> str | None:
        """None when the action is legal now, else the reason in one sentence."""
        ctx, s = self._ctx, self.state
        if s.stage == "adjourning":
            return "the game is over: the partnership has adjourned"
        if action.seat != A.CONVENER:
            if action.seat not in self.game.orgs:
                return f"unknown seat '{action.seat}'"
            if not ctx.human(action.seat):
                return f"{self.game.orgs[action.seat].name} is played by a bot"
        elif not ctx.convener_is_human() and action.kind != "end_round":
            return "the convener seat is played by a bot"
        rule = RULES[action.kind]
        if s.pending is not None and not rule.during_vote:
            return self._waiting(action.seat)
        if rule.convener_only and action.seat != A.CONVENER:
            return f"only the convener can {action.kind.replace('_', ' ')}"
        if rule.member_only and action.seat == A.CONVENER:
            return f"only an organization's own seat can {action.kind.replace('_', ' ')}"
        return rule.why_not(ctx, action)

    def apply(self, action: A.Action) -> list[N.Notice]:
        """Apply a legal action and return what happened; raise IllegalAction otherwise."""
        reason = self.why_illegal(action)
        if reason is not None:
            raise IllegalAction(reason)
        self._ctx.notices = []
        RULES[action.kind].apply(self._ctx, action)
        self.history.append(action)
        out, self._ctx.notices = self._ctx.notices, []
        self.feed.extend(out)
        return out

    # ------------------------------------------------------------------ read models

    def summary(self) -> dict[str, Any]:
        """Headline figures for autoplay, the UI meters and the scorecard."""
        s, game = self.state, self.game
        metric, target = s.result or (game.scenario.results[0].id, 0.0)
        return {
            "stage": s.stage,
            "round": s.round,
            "year": s.year,
            "members": len(s.at_table()),
            "density": round(density(game, s), 4),
            "partnership_trust": round(partnership_trust(s), 4),
            "effectiveness": round(effectiveness(game, s), 4),
            "result": {
                "metric": metric,
                "target": target,
                "achieved": round(
                    s.year_results[-1] if s.over and s.year_results else achieved(game, s), 3
                ),
            },
        }
