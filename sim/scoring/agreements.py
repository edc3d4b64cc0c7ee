"""Agreement analytics over the whole agreement space: who gains, what passes, who blocks.

The best packages are chosen among those that pass the rule (rule-aware feasibility),
because an agreement that cannot pass is no benchmark for one that did:

- welfare: the most total points;
- Nash: the largest product of gains over BATNA, i.e. the largest sum of log(points −
  BATNA), among packages where every member gains (> 0); when none does, the package
  leaving the most members strictly above BATNA, then the largest sum of logs over them;
- max-min: the largest smallest gain over BATNA (ties: more total points).

Ties go to the first package in `itertools.product` order (for Nash, the first within
1e-9 of the best, since sums of logs carry rounding). See `coalitions` for veto players
and blocking coalitions, and `pareto` for the frontier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from sim.scenario.models import DecisionRuleSpec, Scenario
from sim.scoring.coalitions import blocking_coalitions
from sim.scoring.pareto import pareto_mask
from sim.scoring.rowstats import RowStats, row_stats
from sim.scoring.rules import Voting, passing, voting_for
from sim.scoring.space import Space, scenario_space

NASH_TOLERANCE = 1e-9
# Above this many packages the frontier is not computed (its cost grows with the square).
PARETO_LIMIT = 120_000
PARETO_NOTE = (
    "With many parties almost every package is Pareto-optimal (NegMAS measured all 4,096 "
    "of 4,096 with 48 utilities), so the frontier says little; welfare, the Nash product, "
    "rule-aware passing and blocking coalitions say more."
)


@dataclass(frozen=True)
class Package:
    """One package of the space with what it gives each member."""

    index: int
    options: dict[str, str]
    points: dict[str, int]
    welfare: int
    min_gain: int
    nash: float | None  # sum of log gains, when every member gains
    below_batna: list[str]

    def as_json(self) -> dict[str, object]:
        return {
            "options": self.options,
            "welfare": self.welfare,
            "min_gain": self.min_gain,
            "nash_log": None if self.nash is None else round(self.nash, 6),
            "above_batna": len(self.points) - len(self.below_batna),
            "below_batna": self.below_batna,
            "points": self.points,
        }


@dataclass(frozen=True)
class AgreementAnalysis:
    """Everything `sim analyze` and the agreement dimension need about one space and rule."""

    members: tuple[str, ...]
    rule: str
    n_outcomes: int
    n_passing: int
    n_above_all: int  # packages that put every member at or above its BATNA
    welfare_best: Package | None
    nash_best: Package | None
    nash_fallback: bool
    maxmin_best: Package | None
    pareto_count: int | None
    pareto_passing: int | None
    veto_players: list[str]
    blocking_coalitions: list[list[str]]
    max_coalition: int
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        def pack(p: Package | None) -> dict[str, object] | None:
            return None if p is None else p.as_json()

        return {
            "members": list(self.members),
            "rule": self.rule,
            "n_outcomes": self.n_outcomes,
            "n_passing": self.n_passing,
            "n_above_all": self.n_above_all,
            "welfare_best": pack(self.welfare_best),
            "nash_best": pack(self.nash_best),
            "nash_fallback": self.nash_fallback,
            "maxmin_best": pack(self.maxmin_best),
            "pareto_count": self.pareto_count,
            "pareto_passing": self.pareto_passing,
            "pareto_note": PARETO_NOTE,
            "notes": self.notes,
        }


def welfare_best(points: np.ndarray, mask: np.ndarray) -> int | None:
    """Row with the most total points among `mask` (first on ties), or None."""
    return _welfare_pick(points.sum(axis=1), mask)


def nash_best(gains: np.ndarray, mask: np.ndarray) -> tuple[int | None, bool]:
    """Row maximizing the Nash product among `mask`, and whether the fallback was used."""
    return _nash_pick(row_stats(gains), mask)


def maxmin_best(gains: np.ndarray, mask: np.ndarray) -> int | None:
    """Row maximizing the smallest gain among `mask` (ties: more welfare, then first)."""
    return _maxmin_pick(row_stats(gains), mask)


def _welfare_pick(welfare: np.ndarray, mask: np.ndarray) -> int | None:
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return None
    return int(rows[int(np.argmax(welfare[rows]))])


def _nash_pick(stats: RowStats, mask: np.ndarray) -> tuple[int | None, bool]:
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return None, False
    everyone = rows[stats.all_gain()[rows]]
    if everyone.size:
        return int(everyone[_first_near_max(stats.log_gains(everyone))]), False
    # Fallback: most members strictly above BATNA, then the product of their gains.
    gaining = stats.gaining(rows)
    top = rows[gaining == gaining.max()]
    return int(top[_first_near_max(stats.log_gains(top))]), True


def _maxmin_pick(stats: RowStats, mask: np.ndarray) -> int | None:
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return None
    worst = stats.worst[rows]
    # The best smallest gain, then the most welfare among those, then the first row.
    tied = rows[worst == worst.max()]
    return int(tied[int(np.argmax(stats.welfare[tied]))])


def _first_near_max(values: np.ndarray) -> int:
    best = values.max()
    return int(np.flatnonzero(values >= best - NASH_TOLERANCE)[0])


def package(space: Space, index: int) -> Package:
    """Describe package `index` of the space."""
    pts = space.points[index]
    gains = pts - space.batna
    nash = float(np.log(gains.astype(np.float64)).sum()) if (gains > 0).all() else None
    return Package(
        index=int(index),
        options=space.package(index),
        points={m: int(p) for m, p in zip(space.members, pts, strict=True)},
        welfare=int(pts.sum()),
        min_gain=int(gains.min()) if gains.size else 0,
        nash=nash,
        below_batna=[m for m, g in zip(space.members, gains, strict=True) if g < 0],
    )


def analyze_space(
    space: Space,
    voting: Voting,
    *,
    max_coalition: int = 3,
    frontier: bool = True,
) -> AgreementAnalysis:
    """Run every analytic on a space under a voting model."""
    stats = row_stats(space.points, space.batna)
    yes = stats.yes
    ok = passing(yes, voting)
    n_passing = int(ok.sum())
    w_row = _welfare_pick(stats.welfare, ok)
    n_row, fallback = _nash_pick(stats, ok)
    m_row = _maxmin_pick(stats, ok)
    notes: list[str] = []
    pareto_count = pareto_passing = None
    if frontier and space.n_outcomes <= PARETO_LIMIT:
        front = pareto_mask(space.points)
        pareto_count = int(front.sum())
        pareto_passing = int((front & ok).sum())
    elif frontier:
        notes.append(
            f"Pareto frontier not computed: {space.n_outcomes:,} packages is over the "
            f"{PARETO_LIMIT:,} limit."
        )
    coalitions = blocking_coalitions(yes, voting, max_coalition, passes=ok)
    names = space.members
    if n_passing == 0:
        notes.append("No package passes this rule, so there is nothing to block.")
    if fallback:
        notes.append(
            "No passing package leaves every member strictly above its BATNA; the Nash "
            "choice is the one leaving the most members above, by the product of their gains."
        )
    return AgreementAnalysis(
        members=names,
        rule=voting.label(),
        n_outcomes=space.n_outcomes,
        n_passing=n_passing,
        n_above_all=int((stats.worst >= 0).sum()),
        welfare_best=None if w_row is None else package(space, w_row),
        nash_best=None if n_row is None else package(space, n_row),
        nash_fallback=fallback,
        maxmin_best=None if m_row is None else package(space, m_row),
        pareto_count=pareto_count,
        pareto_passing=pareto_passing,
        veto_players=[names[c[0]] for c in coalitions if len(c) == 1],
        blocking_coalitions=[[names[m] for m in c] for c in coalitions],
        max_coalition=max_coalition,
        notes=notes,
    )


def analyze_agreements(
    scenario: Scenario,
    members: Sequence[str] | None = None,
    rule: DecisionRuleSpec | None = None,
    *,
    max_coalition: int = 3,
    frontier: bool = True,
) -> AgreementAnalysis:
    """Agreement analytics for a scenario: `members` default to every organization, the
    rule to consensus (the convener's rule before one is adopted)."""
    space = scenario_space(scenario, members)
    voting = voting_for(scenario, space.members, rule)
    return analyze_space(space, voting, max_coalition=max_coalition, frontier=frontier)
