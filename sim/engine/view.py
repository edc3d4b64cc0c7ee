"""What one seat may see: `SeatView`, built by one function, `observe` (OpenSpiel's observer).

A seat view holds the public state of the game, the public scenario, every move the seat
could consider now with the reason it is off, and that seat's own confidential sheet,
nothing more: other organizations' points, BATNAs, briefs and personalities never appear
here, and neither does the truth about unmeasured projects. It is what the terminal UI
reads, what the seminar network sends, and what fair bots play from.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from sim.engine import actions as A
from sim.engine.context import Context
from sim.engine.delivery import delivered_rate, effectiveness, nominal_rate, norm_clarity
from sim.engine.facts import Facts
from sim.engine.money import find_lead, funded_units, unit_cost
from sim.engine.notices import Notice
from sim.engine.pledges import capacity, pledge_stream
from sim.engine.public import PublicScenario
from sim.engine.storming import HANDLE_TIME, handling_cost
from sim.engine.trust import density, partnership_trust
from sim.engine.voting import agenda_size, rule_in_force, voters
from sim.scenario.models import DecisionRuleSpec


class Seen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class MemberView(Seen):
    """An organization's public place in the partnership."""

    organization: str
    status: str
    representative: str | None
    trust: float  # its trust in the partnership, τ
    joined_round: int


class TensionView(Seen):
    """A tension that has surfaced (latent ones are nobody's knowledge yet)."""

    tension: str
    status: str
    heat: float
    returns: int
    handled: tuple[str, ...]


class PendingView(Seen):
    """The proposal waiting for votes: who votes and who has voted (never how)."""

    issue: str
    option: str
    voters: tuple[str, ...]
    voted: tuple[str, ...]


class StreamView(Seen):
    stream: str
    balance: float
    received: float
    spent: float


class PledgeLine(Seen):
    """A line of the commitment ledger, public to everyone."""

    organization: str
    stream: str
    year: int
    pledged: float
    delivered: float | None


class BatchView(Seen):
    """Units of a project funded in one go; its true yield shows only once measured."""

    project: str
    units: int
    cost: float
    stream: str
    lead: str
    round: int
    measured: bool


class ProjectView(Seen):
    """A project now: its unit cost, units funded, and who would lead more of it."""

    project: str
    unit_cost: float
    funded: int
    lead: str | None


class Move(Seen):
    """An action the seat might take now; `reason` says why it is off, None when it is on."""

    action: A.Action
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.reason is None


class ConvenerSheet(Seen):
    """The convener's confidential sheet and means this round."""

    brief: str
    goals: tuple[str, ...]
    time_left: int
    budget: float


class MemberSheet(Seen):
    """An organization seat's confidential sheet: its points, BATNA and means."""

    organization: str
    brief: str
    goals: tuple[str, ...]
    points: dict[str, dict[str, int]]
    batna: int
    best: dict[str, int]  # its best points on each issue
    reserve: dict[str, float]  # the share of its BATNA each issue must carry
    capacity: float  # what it could pledge in a year
    pledge_stream: str


class SeatView(Seen):
    """Everything `seat` may see now."""

    seat: str
    scenario: PublicScenario
    seed: int
    stage: str
    round: int
    year: int
    round_in_year: int
    rounds_per_year: int
    total_rounds: int
    over: bool
    steps: int
    result: tuple[str, float] | None
    nominal_rate: float  # what the funded projects promise a year
    measured_rate: float | None  # what the measured ones deliver a year, once measured
    year_results: tuple[float, ...]
    trust_history: tuple[float, ...]
    density: float
    partnership_trust: float
    norm_clarity: float
    rule: DecisionRuleSpec
    rule_adopted: bool
    voters: tuple[str, ...]
    agenda: int
    proposals_this_round: int
    members: tuple[MemberView, ...]
    tensions: tuple[TensionView, ...]
    agreement: dict[str, str]
    failed_votes: dict[str, int]
    pending: PendingView | None
    streams: tuple[StreamView, ...]
    ledger: tuple[PledgeLine, ...]
    batches: tuple[BatchView, ...]
    projects: tuple[ProjectView, ...]
    awaiting: tuple[str, ...]
    event_titles: dict[str, str]
    problem_solving: dict[str, int]
    handle_time: dict[str, int]
    # The convening money each way of handling each tension costs (mediators are paid).
    handling_cost: dict[str, dict[str, float]]
    feed: tuple[Notice, ...]
    moves: tuple[Move, ...]
    stage_holds: str | None  # why the table cannot move to the next stage now, if it cannot
    convener: ConvenerSheet | None = None
    sheet: MemberSheet | None = None

    # ------------------------------------------------------------------ lookups

    @cached_property
    def member(self) -> dict[str, MemberView]:
        return {m.organization: m for m in self.members}

    @cached_property
    def tension(self) -> dict[str, TensionView]:
        return {t.tension: t for t in self.tensions}

    @cached_property
    def stream(self) -> dict[str, StreamView]:
        return {s.stream: s for s in self.streams}

    @cached_property
    def project(self) -> dict[str, ProjectView]:
        return {p.project: p for p in self.projects}

    @cached_property
    def at_table(self) -> tuple[str, ...]:
        return tuple(m.organization for m in self.members if m.status == "table")

    @property
    def is_convener(self) -> bool:
        return self.seat == A.CONVENER

    @property
    def legal(self) -> list[A.Action]:
        return [m.action for m in self.moves if m.ok]

    @property
    def kinds(self) -> set[str]:
        """The kinds of action the seat can take now."""
        return {m.action.kind for m in self.moves if m.ok}

    def why_not(self, action: A.Action) -> str | None:
        """Why an action is off now, in the engine's words; None when it is on.

        Answered from the moves: the exact candidate, else for a fund or a pledge of
        another amount the candidate it is bounded by.
        """
        same = [m for m in self.moves if m.action == action]
        if same:
            return same[0].reason
        if isinstance(action, A.Fund):
            return _within(
                self.moves,
                lambda a: (
                    isinstance(a, A.Fund)
                    and (a.project, a.stream) == (action.project, action.stream)
                ),
                lambda a: a.units >= action.units,  # type: ignore[attr-defined]
                f"at most {self.fundable(action.project, action.stream)} units can be paid now",
            )
        if isinstance(action, A.Pledge):
            return _within(
                self.moves,
                lambda a: isinstance(a, A.Pledge) and a.stream == action.stream,
                lambda a: a.amount + 0.01 >= action.amount,  # type: ignore[attr-defined]
                "that is more than you can pledge in a year",
            )
        return "that is not something this seat can do now"

    def fundable(self, project: str, stream: str) -> int:
        """The most units of a project a stream can pay for now (0 when none)."""
        units = [
            m.action.units
            for m in self.moves
            if m.ok
            and isinstance(m.action, A.Fund)
            and (m.action.project, m.action.stream) == (project, stream)
        ]
        return max(units, default=0)

    def voted_on(self, issue: str) -> list[Notice]:
        """The vote notices of an issue, oldest first."""
        return [n for n in self.feed if n.kind == "proposal_voted" and n.issue == issue]  # type: ignore[union-attr]


def _within(moves: Iterable[Move], same_kind, big_enough, too_much: str) -> str | None:  # type: ignore[no-untyped-def]
    related = [m for m in moves if same_kind(m.action)]
    if not related:
        return "that is not something this seat can do now"
    if any(m.ok and big_enough(m.action) for m in related):
        return None
    off = [m.reason for m in related if not m.ok]
    return off[0] if off and not any(m.ok for m in related) else too_much


def observe(
    ctx: Context,
    seat: str,
    feed: Sequence[Notice],
    moves: Sequence[Move],
    steps: int,
    stage_holds: str | None,
) -> SeatView:
    """The seat view of `seat` now; `moves` are its candidates with their reasons."""
    game, s = ctx.game, ctx.state
    rule = rule_in_force(game, s)
    body = voters(game, s)
    return SeatView.model_construct(
        seat=seat,
        scenario=game.public,
        seed=s.seed,
        stage=s.stage,
        round=s.round,
        year=s.year,
        round_in_year=s.round_in_year,
        rounds_per_year=s.rounds_per_year,
        total_rounds=s.total_rounds,
        over=s.stage == "adjourning",
        steps=steps,
        result=s.result,
        nominal_rate=round(sum(nominal_rate(game, s, b) for b in s.batches), 3),
        measured_rate=_measured_rate(game, ctx),
        year_results=tuple(s.year_results),
        trust_history=tuple(s.trust_history),
        density=round(density(game, s), 4),
        partnership_trust=round(partnership_trust(s), 4),
        norm_clarity=round(norm_clarity(game, s), 4),
        rule=rule,
        rule_adopted=any(
            i.kind == "decision_rule" and i.id in s.agreement for i in game.scenario.issues
        ),
        voters=tuple(body),
        agenda=agenda_size(len(body)) if body else 0,
        proposals_this_round=s.proposals_this_round,
        members=tuple(
            MemberView.model_construct(
                organization=org,
                status=m.status,
                representative=m.representative,
                trust=round(m.tau, 3),
                joined_round=m.joined_round,
            )
            for org, m in s.members.items()
        ),
        tensions=tuple(
            TensionView.model_construct(
                tension=t,
                status=st.status,
                heat=round(st.heat, 3),
                returns=st.returns,
                handled=tuple(st.handled),
            )
            for t, st in s.tensions.items()
            if st.status != "latent"
        ),
        agreement=dict(s.agreement),
        failed_votes=dict(s.failed_votes),
        pending=None
        if s.pending is None
        else PendingView.model_construct(
            issue=s.pending.issue,
            option=s.pending.option,
            voters=tuple(s.pending.voters),
            voted=tuple(sorted(s.pending.votes)),
        ),
        streams=tuple(
            StreamView.model_construct(
                stream=k, balance=round(v.balance, 2), received=v.received, spent=v.spent
            )
            for k, v in s.streams.items()
        ),
        ledger=tuple(
            PledgeLine.model_construct(
                organization=p.organization,
                stream=p.stream,
                year=p.year,
                pledged=p.pledged,
                delivered=p.delivered,
            )
            for p in s.ledger
        ),
        batches=tuple(
            BatchView.model_construct(
                project=b.project,
                units=b.units,
                cost=b.cost,
                stream=b.stream,
                lead=b.lead,
                round=b.round_funded,
                measured=b.measured,
            )
            for b in s.batches
        ),
        projects=tuple(
            ProjectView.model_construct(
                project=p.id,
                unit_cost=unit_cost(s, p),
                funded=funded_units(s, p.id),
                lead=find_lead(game, s, p),
            )
            for p in game.scenario.projects
        ),
        awaiting=tuple(s.awaiting),
        event_titles={e.id: e.title for e in game.scenario.events if e.id in s.fired},
        problem_solving=dict(s.problem_solving),
        handle_time=dict(HANDLE_TIME),
        handling_cost={
            t.id: {how: handling_cost(ctx, t.id, how) for how in HANDLE_TIME}
            for t in game.scenario.tensions
        },
        feed=tuple(feed),
        moves=tuple(moves),
        stage_holds=stage_holds,
        convener=_convener_sheet(ctx) if seat == A.CONVENER else None,
        sheet=_member_sheet(game, seat) if seat in game.orgs else None,
    )


def _convener_sheet(ctx: Context) -> ConvenerSheet:
    convener = ctx.game.scenario.convener
    return ConvenerSheet.model_construct(
        brief=convener.brief,
        goals=tuple(convener.goals),
        time_left=ctx.state.convener_time,
        budget=round(ctx.state.convener_budget, 2),
    )


def _member_sheet(game: Facts, seat: str) -> MemberSheet:
    org = game.orgs[seat]
    return MemberSheet.model_construct(
        organization=seat,
        brief=org.brief,
        goals=tuple(org.goals),
        points={k: dict(v) for k, v in org.points.items()},
        batna=org.batna,
        best=dict(game.issue_max[seat]),
        reserve=dict(game.reservation[seat]),
        capacity=capacity(game, seat),
        pledge_stream=pledge_stream(game, seat),
    )


def _measured_rate(game: Facts, ctx: Context) -> float | None:
    """The delivered rate of measured projects, or None when nothing was measured."""
    s = ctx.state
    if not any(b.measured for b in s.batches):
        return None
    e = effectiveness(game, s)
    return round(sum(delivered_rate(game, s, b, e) for b in s.batches if b.measured), 3)
