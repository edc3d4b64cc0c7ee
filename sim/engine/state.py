"""The mutable play state of a session: plain dataclasses, hashed canonically.

Everything random comes from `rng`, which lives here so that the whole state,
generator included, is what a hash (and a save) pins down.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

MemberStatus = Literal["outside", "table", "declined", "left"]
TensionStatus = Literal["latent", "open", "resolved", "deferred"]


@dataclass
class Member:
    """One organization's place in the partnership."""

    status: MemberStatus = "outside"
    representative: str | None = None
    tau: float = 0.5  # trust toward the partnership
    staff_used: float = 0.0
    joined_round: int = 0
    human: bool = False
    invited: str | None = None  # the ask a person's seat has yet to answer
    requested: str | None = None  # whom it would send, having asked to join


@dataclass
class TensionState:
    status: TensionStatus = "latent"
    heat: float = 0.0
    returns: int = 0
    handled: list[str] = field(default_factory=list)


@dataclass
class Proposal:
    issue: str
    option: str
    voters: list[str]
    votes: dict[str, str] = field(default_factory=dict)
    # More issues settled by the same vote (a package), issue -> option.
    package: dict[str, str] = field(default_factory=dict)

    @property
    def options(self) -> dict[str, str]:
        """Every issue the vote settles, the main one first."""
        return {self.issue: self.option, **self.package}


@dataclass
class Stance:
    """What a seat learned by sounding a member out on one issue, in the round it asked."""

    issue: str
    options: dict[str, str]  # option -> acceptable | needs_more | would_block
    cares_most: str  # the issue the member cares most about
    round: int


@dataclass
class Deal:
    """A side deal: `offerer` backs `give` if `partner` backs `want` (issue, option)."""

    offerer: str
    partner: str
    give: tuple[str, str]
    want: tuple[str, str]
    round: int
    status: str = "offered"  # offered, accepted, declined, kept, broken
    kept_by: list[str] = field(default_factory=list)  # who has voted as promised


@dataclass
class PledgeRecord:
    """A line of the commitment ledger: what was promised and what arrived."""

    organization: str
    stream: str
    year: int
    pledged: float
    delivered: float | None = None


@dataclass
class Batch:
    """Units of one project funded in one go; its true yield is hidden until measured."""

    project: str
    units: int
    cost: float
    stream: str
    lead: str
    round_funded: int
    noise: float
    measured: bool = False
    # Where the money came from (stream, amount), so a stop returns it there.
    draws: tuple[tuple[str, float], ...] = ()
    # Paid in yearly tranches: what is not yet paid out, and one year's tranche.
    escrow: float = 0.0
    tranche: float = 0.0
    stopped: bool = False
    launched: float = 1.0  # the partnership's effectiveness when it was funded


@dataclass
class StreamState:
    balance: float = 0.0
    received: float = 0.0  # grants plus delivered pledges, ever
    spent: float = 0.0


@dataclass
class SessionState:
    seed: int
    rng: random.Random
    total_rounds: int
    rounds_per_year: int
    stage: str = "forming"
    round: int = 1
    convener_time: int = 0
    convener_budget: float = 0.0
    members: dict[str, Member] = field(default_factory=dict)
    trust: list[list[float]] = field(default_factory=list)
    tensions: dict[str, TensionState] = field(default_factory=dict)
    agreement: dict[str, str] = field(default_factory=dict)
    failed_votes: dict[str, int] = field(default_factory=dict)
    proposals_this_round: int = 0
    pending: Proposal | None = None
    result: tuple[str, float] | None = None
    streams: dict[str, StreamState] = field(default_factory=dict)
    ledger: list[PledgeRecord] = field(default_factory=list)
    batches: list[Batch] = field(default_factory=list)
    truth: dict[str, float] = field(default_factory=dict)
    # Each project's luck, drawn as the game opens: the standard-normal draws its batches
    # and its measurements take in turn (`delivery.luck`).
    batch_luck: dict[str, tuple[float, ...]] = field(default_factory=dict)
    measure_luck: dict[str, tuple[float, ...]] = field(default_factory=dict)
    measured_times: dict[str, int] = field(default_factory=dict)
    measured_round: dict[str, int] = field(default_factory=dict)  # its last study, by project
    cost_factor: dict[str, float] = field(default_factory=dict)
    problem_solving: dict[str, int] = field(default_factory=dict)
    fired: list[str] = field(default_factory=list)
    urgency: float = 0.0
    stages_visited: list[str] = field(default_factory=lambda: ["forming"])
    regressions: int = 0
    performing_rounds: int = 0
    year_results: list[float] = field(default_factory=list)
    trust_history: list[float] = field(default_factory=list)
    pledged_years: list[int] = field(default_factory=list)
    over: bool = False
    awaiting: list[str] = field(default_factory=list)  # events the convener may answer now
    delivered_total: float = 0.0  # what the air got, summed over every round played
    year_delivered: list[float] = field(default_factory=list)  # the same, year by year
    estimates: dict[str, float] = field(default_factory=dict)  # measured rate, by project
    measure_fund: float = 0.0  # pooled money set aside for measurement
    held: dict[str, float] = field(default_factory=dict)  # money held until results are measured
    governance_paid: float = 1.0  # share of all governance dues paid so far
    governance_cost: float = 0.0  # paid for governance over the game
    governance_due: float = 0.0  # owed for governance over the game so far
    coordination_lost: int = 0  # convener time shared governance spent coordinating
    managed_rounds: int = 0  # rounds with projects running within the governance's capacity
    overloaded_rounds: int = 0  # rounds running more projects than it could manage
    tau_at_governance: float | None = None  # mean trust in the partnership when a form was adopted
    steering: list[str] = field(default_factory=list)  # the interim steering committee
    strain: float = 0.0  # outvoted members' share of the table, fading round by round
    # What each seat learned by sounding members out: seat -> member -> issue -> stance.
    learned: dict[str, dict[str, dict[str, Stance]]] = field(default_factory=dict)
    deals: list[Deal] = field(default_factory=list)

    @property
    def year(self) -> int:
        return (self.round - 1) // self.rounds_per_year + 1

    @property
    def round_in_year(self) -> int:
        return (self.round - 1) % self.rounds_per_year + 1

    roster_version: int = 0  # bumped whenever a member's status changes

    def at_table(self) -> list[str]:
        """Members at the table, in scenario order, cached until the roster changes."""
        cached: tuple[int, list[str]] | None = self.__dict__.get("_table")
        if cached is None or cached[0] != self.roster_version:
            table = [org for org, m in self.members.items() if m.status == "table"]
            cached = (self.roster_version, table)
            self.__dict__["_table"] = cached
        return list(cached[1])

    def set_status(self, org: str, status: MemberStatus) -> None:
        """Change a member's status; the only way to, so the roster cache stays true."""
        self.members[org].status = status
        self.roster_version += 1

    def canonical(self) -> dict[str, Any]:
        """Plain data for hashing and debugging, with floats rounded to stay stable."""
        data = {k: v for k, v in asdict(self).items() if k != "rng"}
        data["rng"] = hashlib.sha256(repr(self.rng.getstate()).encode()).hexdigest()
        return _rounded(data)

    def digest(self) -> str:
        """A sha256 of the whole state, cheap enough to take after every action.

        Append-only logs are folded into running hashes as they grow, and only
        the trust rows of members who ever sat at the table are read (the others
        cannot change), so the cost stays flat as a game gets long.
        """
        logs = self._fold_logs()
        touched = [n for n, m in enumerate(self.members.values()) if m.status in ("table", "left")]
        trust = [round(self.trust[a][b], 9) for a in touched for b in touched]
        small = (
            self.seed,
            self.total_rounds,
            self.rounds_per_year,
            self.stage,
            self.round,
            self.convener_time,
            round(self.convener_budget, 6),
            self.roster_version,
            [
                (
                    k,
                    m.status,
                    m.representative,
                    round(m.tau, 9),
                    round(m.staff_used, 6),
                    m.joined_round,
                    m.human,
                    m.invited,
                    m.requested,
                )
                for k, m in self.members.items()
            ],
            touched,
            trust,
            [
                (k, t.status, round(t.heat, 9), t.returns, t.handled)
                for k, t in self.tensions.items()
            ],
            sorted(self.agreement.items()),
            sorted(self.failed_votes.items()),
            self.proposals_this_round,
            None
            if self.pending is None
            else (
                self.pending.issue,
                self.pending.option,
                self.pending.voters,
                sorted(self.pending.votes.items()),
                sorted(self.pending.package.items()),
            ),
            self.result,
            [
                (k, round(v.balance, 2), round(v.received, 2), round(v.spent, 2))
                for k, v in self.streams.items()
            ],
            [round(v, 9) for v in self.truth.values()],
            sorted(self.batch_luck.items()),
            sorted(self.measure_luck.items()),
            sorted((k, round(v, 9)) for k, v in self.cost_factor.items()),
            sorted(self.problem_solving.items()),
            round(self.urgency, 9),
            self.regressions,
            self.performing_rounds,
            self.over,
            [(b.measured, round(b.escrow, 2), b.stopped) for b in self.batches],
            round(self.delivered_total, 6),
            [round(v, 6) for v in self.year_delivered],
            sorted((k, round(v, 6)) for k, v in self.estimates.items()),
            sorted(self.measured_times.items()),
            sorted(self.measured_round.items()),
            round(self.measure_fund, 2),
            round(self.governance_paid, 6),
            round(self.governance_cost, 2),
            round(self.governance_due, 2),
            self.coordination_lost,
            self.managed_rounds,
            self.overloaded_rounds,
            None if self.tau_at_governance is None else round(self.tau_at_governance, 9),
            list(self.steering),
            round(self.strain, 9),
            sorted(
                (seat, org, issue, sorted(st.options.items()), st.cares_most, st.round)
                for seat, orgs in self.learned.items()
                for org, issues in orgs.items()
                for issue, st in issues.items()
            ),
            sorted((k, round(v, 2)) for k, v in self.held.items()),
            list(self.awaiting),
            [
                (d.offerer, d.partner, d.give, d.want, d.round, d.status, d.kept_by)
                for d in self.deals
            ],
            self.rng.getstate(),
            logs,
        )
        return hashlib.sha256(repr(small).encode()).hexdigest()

    def _fold_logs(self) -> tuple[str, ...]:
        """Running hashes of the append-only logs, extended by what was added since."""
        folded: dict[str, tuple[int, str]] = self.__dict__.setdefault("_folded", {})
        settled = 0
        while settled < len(self.ledger) and self.ledger[settled].delivered is not None:
            settled += 1
        logs = {
            "trust_history": (self.trust_history, len(self.trust_history)),
            "year_results": (self.year_results, len(self.year_results)),
            "stages_visited": (self.stages_visited, len(self.stages_visited)),
            "fired": (self.fired, len(self.fired)),
            "pledged_years": (self.pledged_years, len(self.pledged_years)),
            "ledger": (self.ledger, settled),  # a line is final once it is settled
            "batches": (self.batches, len(self.batches)),
        }
        out: list[str] = []
        for name, (items, upto) in logs.items():
            count, running = folded.get(name, (0, ""))
            if count > upto:  # the log shrank: only a restored snapshot does that
                count, running = 0, ""
            for item in items[count:upto]:
                running = hashlib.sha256((running + _item_repr(item)).encode()).hexdigest()
            folded[name] = (upto, running)
            out.append(f"{upto}:{running}")
        out.append(repr([_item_repr(p) for p in self.ledger[settled:]]))
        return tuple(out)


def _item_repr(item: object) -> str:
    """A stable text for one log item; a batch leaves out what changes after it is made
    (`measured`, `escrow`, `stopped`), which is hashed apart."""
    if isinstance(item, float):
        return repr(round(item, 9))
    if isinstance(item, Batch):
        return repr(
            (
                item.project,
                item.units,
                round(item.cost, 2),
                item.stream,
                item.lead,
                item.round_funded,
                round(item.noise, 9),
                tuple((k, round(v, 2)) for k, v in item.draws),
                round(item.tranche, 2),
                round(item.launched, 9),
            )
        )
    if isinstance(item, PledgeRecord):
        return repr(
            (
                item.organization,
                item.stream,
                item.year,
                round(item.pledged, 2),
                None if item.delivered is None else round(item.delivered, 2),
            )
        )
    return repr(item)


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value
