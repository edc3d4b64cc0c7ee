"""The typed seat view: what one seat may see, as frozen models (see `sim.engine.view`).

Everything here is public state or the seat's own sheet; nothing has a field for another
seat's points, BATNA, brief or personality, or for the truth about unmeasured projects.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from pydantic import BaseModel, ConfigDict, PrivateAttr

from sim.engine import actions as A
from sim.engine.decide import override_tally
from sim.engine.forecast import SURE_YES, Read, expected_votes, pass_chance, voter_odds
from sim.engine.notices import Notice
from sim.engine.public import PublicScenario
from sim.scenario.models import DecisionRuleSpec


class Seen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True, slots=True)
class MemberView:
    """An organization's public place in the partnership."""

    organization: str
    status: str
    representative: str | None
    trust: float  # its trust in the partnership, τ
    joined_round: int
    person: bool = False  # a person holds its seat (everyone at the table can see who)
    invited: str | None = None  # the ask its person has yet to answer
    requested: str | None = None  # whom it offers to send, having asked to join


@dataclass(frozen=True, slots=True)
class DealView:
    """A side deal the seat is party to (nobody else learns its terms)."""

    number: int
    offerer: str
    partner: str
    give: tuple[str, str]  # the offerer backs this (issue, option) ...
    want: tuple[str, str]  # ... if the partner backs this one
    round: int
    status: str


@dataclass(frozen=True, slots=True)
class TensionView:
    """A tension that has surfaced (latent ones are nobody's knowledge yet)."""

    tension: str
    status: str
    heat: float
    returns: int
    handled: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OverrideForecast:
    """An override's ballot before it is called: votes for and against, whether it would
    carry, and the veto holders on the losing side (any one of them sinks it)."""

    yes: int
    no: int
    carries: bool
    vetoes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PendingView:
    """The proposal waiting for votes: what it settles, who votes and who has voted (never
    how). A package settles more issues by the same vote, so every voter sees all of them."""

    issue: str
    option: str
    voters: tuple[str, ...]
    voted: tuple[str, ...]
    package: tuple[tuple[str, str], ...] = ()  # more issues settled by the vote: (issue, option)

    @property
    def options(self) -> dict[str, str]:
        """Every issue the vote settles, the main one first."""
        return {self.issue: self.option, **dict(self.package)}


@dataclass(frozen=True, slots=True)
class StreamView:
    stream: str
    balance: float
    received: float
    spent: float
    held: float = 0.0  # waiting for a measured result before it reaches the table
    closed: str | None = None  # why its money cannot be spent now, if it cannot


@dataclass(frozen=True, slots=True)
class PledgeLine:
    """A line of the commitment ledger, public to everyone."""

    organization: str
    stream: str
    year: int
    pledged: float
    delivered: float | None


@dataclass(frozen=True, slots=True)
class BatchView:
    """Units of a project funded in one go; its true yield shows only once measured."""

    project: str
    units: int
    cost: float
    stream: str
    lead: str
    round: int
    measured: bool
    escrow: float = 0.0  # paid out to it in the years to come, unless it is stopped
    stopped: bool = False


@dataclass(frozen=True, slots=True)
class ProjectView:
    """A project now: its unit cost, units funded, who would lead more of it, what the
    table measured it to deliver, and whether an interest it needs is missing."""

    project: str
    unit_cost: float
    funded: int
    running: bool
    lead: str | None
    estimate: float | None = None  # measured delivery a year, of all its running units
    studied: int | None = None  # the round of its last measurement study
    factor: float = 1.0  # share of its effect it delivers with the interests at the table
    closed: str | None = None  # why it cannot be funded now for want of an interest


@dataclass(frozen=True, slots=True)
class StanceView:
    """A stance learned by sounding a member out: a read on each option of one issue."""

    options: dict[str, str]
    cares_most: str
    round: int


@dataclass(frozen=True, slots=True)
class GovernanceView:
    """What the governance form does for the table now."""

    form: str  # convener (none adopted yet), shared, lead_organization, ...
    capacity: float  # projects it can keep running well at once
    running: int
    coordination_lost: int  # convener time shared governance has spent so far
    paid: float  # share of this year's cost that was paid
    cost: float  # paid for governance over the game
    steering: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Move:
    """An action the seat might take now; `reason` says why it is off, None when it is on."""

    action: A.Action
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.reason is None


@dataclass(frozen=True, slots=True)
class ConvenerSheet:
    """The convener's confidential sheet and means this round."""

    brief: str
    goals: tuple[str, ...]
    time_left: int
    budget: float


@dataclass(frozen=True, slots=True)
class MemberSheet:
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
    delivered_total: float  # what the air got over the whole game so far
    year_delivered: tuple[float, ...]
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
    governance: GovernanceView
    measure_fund: float
    deals: tuple[DealView, ...] = ()
    knowledge: dict[str, dict[str, StanceView]]  # what this seat learned, member -> issue
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
    # A bot's view: no feed and no list of moves (it never reads them), and the engine
    # answers why_not and fundable directly. Never serialized.
    _judge: Callable[[A.Action], str | None] | None = PrivateAttr(default=None)
    _afford: Callable[[str, str], int] | None = PrivateAttr(default=None)
    _consider: Callable[[], list[A.Action]] | None = PrivateAttr(default=None)

    @property
    def candidates(self) -> list[A.Action]:
        """Every move the seat might consider now, on or off."""
        consider = self.__pydantic_private__["_consider"]  # not __getattr__: bots ask often
        if consider is not None:
            return consider()  # type: ignore[no-any-return]
        return [m.action for m in self.moves]

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
        another amount the candidate it is bounded by. A bot's view carries no list of
        moves and asks the engine directly (the answer is the same).
        """
        judge = self.__pydantic_private__["_judge"]  # not __getattr__: bots ask often
        if judge is not None:
            return judge(action)  # type: ignore[no-any-return]
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
        if isinstance(action, A.Propose) and action.package:
            # A package is judged as its main proposal is, once its options are real ones.
            for issue, option in action.package.items():
                spec = self.scenario.issue.get(issue)
                if spec is None or option not in {o.id for o in spec.options}:
                    return f"'{option}' is not an option of that issue"
            return self.why_not(action.model_copy(update={"package": {}}))
        if isinstance(action, A.OfferDeal):
            for issue in (action.give_issue, action.want_issue):
                if issue in self.agreement:
                    return f"{self.scenario.issue[issue].name} is settled already"
            if action.give_issue == action.want_issue:
                return "a deal trades across two different issues"
            template = [
                m
                for m in self.moves
                if isinstance(m.action, A.OfferDeal) and m.action.partner == action.partner
            ]
            return template[0].reason if template else "you cannot offer that member a deal now"
        if isinstance(action, A.Deliver):
            return _within(
                self.moves,
                lambda a: isinstance(a, A.Deliver),
                lambda a: a.amount + 0.01 >= action.amount,  # type: ignore[attr-defined]
                "that is more than you pledged",
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
        afford = self.__pydantic_private__["_afford"]  # not __getattr__: bots ask often
        if afford is not None:
            most = afford(project, stream)
            fund = A.Fund(seat=self.seat, project=project, stream=stream, units=max(1, most))
            return most if most >= 1 and self.why_not(fund) is None else 0
        units = [
            m.action.units
            for m in self.moves
            if m.ok
            and isinstance(m.action, A.Fund)
            and (m.action.project, m.action.stream) == (project, stream)
        ]
        return max(units, default=0)

    def override_ballot(self, tension: str, favor: int) -> OverrideForecast:
        """How an override favoring one side of a tension would be voted now: the body that
        decides, the other sides at the table against (all of it public)."""
        spec = self.scenario.tension[tension]
        sides = spec.sides or [[p] for p in spec.parties]
        table = set(self.at_table)
        losers = {m for k, side in enumerate(sides) if k != favor for m in side if m in table}
        veto = self.scenario.orgs
        yes, no, carries = override_tally(self.voters, losers, lambda m: veto[m].veto)
        vetoes = tuple(m for m in self.voters if m in losers and veto[m].veto)
        return OverrideForecast(yes, no, carries, vetoes)

    def forecast(self, options: dict[str, str]) -> tuple[float, tuple[float, float, float]]:
        """The chance a proposal passes now, and its expected yes, stand-aside and no votes,
        from what this seat knows (see `sim.engine.forecast`)."""
        own = self.scenario.convener.organization if self.is_convener else self.seat
        bound = {
            d.partner if d.offerer == own else d.offerer
            for d in self.deals
            if d.status == "accepted"
            and options.get((d.want if d.offerer == own else d.give)[0])
            == (d.want if d.offerer == own else d.give)[1]
        }
        odds = []
        for voter in self.voters:
            if voter == own or voter in bound:
                odds.append(SURE_YES)
                continue
            reads = {
                issue: Read(st.options, st.cares_most)
                for issue, st in self.knowledge.get(voter, {}).items()
            }
            odds.append(voter_odds(reads, options))
        vetoes = [self.scenario.orgs[v].veto for v in self.voters]
        return pass_chance(self.rule, odds, vetoes), expected_votes(odds)

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
