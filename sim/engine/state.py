"""The mutable play state of a session: plain dataclasses, hashed canonically.

Everything random comes from `rng`, which lives here so that the whole state,
generator included, is what a hash (and a save) pins down.
"""

from __future__ import annotations

import hashlib
import json
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
        text = json.dumps(self.canonical(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 9)
    if isinstance(value, dict):
        return {str(k): _rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_rounded(v) for v in value]
    return value
