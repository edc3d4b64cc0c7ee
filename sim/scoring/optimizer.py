"""The optimal allocation: the best portfolio the money could have bought, by exact MILP.

Variables (scipy.optimize.milp, HiGHS):

- x[p, s] integer: units of project p paid from stream s, for every stream allowed to
  fund p (its `eligible` list, and a loan only for a project with revenue);
- m[g, t] ≥ 0: money stream t puts up as the local match of grant g (sources: the
  grant's `match_from`, or every pooled stream when that is empty, as in `plan_spend`);
- z[p, l] binary: member l leads project p.

Constraints: each stream spends at most its money (a matching grant pays (1 − share) of
its projects' cost and the match sources the rest); units ≤ max_units; a funded project
has a lead; a lead's staff covers the projects it leads. A project is funded in one batch
here, so it takes its lead's staff once, as one `Fund` action does in the engine. The
objective is the portfolio's nominal yearly effect on the named metric.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from sim.engine.streams import Terms, matching, stream_allows
from sim.scoring.quiet import stdout_silenced

# A cent of slack on every budget, as the engine allows 1e-6 when it checks a balance.
BUDGET_SLACK = 0.01


@dataclass(frozen=True)
class StreamSpec:
    """A stream's money and rules, as the optimizer sees them."""

    id: str
    kind: str
    budget: float
    eligible: frozenset[str] = frozenset()  # empty: any project
    match_share: float = 0.0
    match_from: tuple[str, ...] = ()
    rate: float = 0.0  # a loan's interest rate


@dataclass(frozen=True)
class ProjectSpec:
    """A project's price, limits, value and who may lead it."""

    id: str
    cost: float  # per unit, at today's prices
    max_units: int
    value: float  # nominal yearly effect per unit on the metric
    revenue: float = 0.0
    lifetime: int = 50  # years a unit runs: a loan is repaid over them
    staff: float = 0.0  # staff the lead commits
    leads: tuple[str, ...] = ()  # members able to lead it


@dataclass(frozen=True)
class AllocationProblem:
    """Money by stream, projects, and each possible lead's staff."""

    streams: tuple[StreamSpec, ...]
    projects: tuple[ProjectSpec, ...]
    staff: Mapping[str, float]


@dataclass(frozen=True)
class Line:
    """One project of a portfolio: units by stream, what they cost, what they do."""

    project: str
    units: int
    cost: float
    value: float
    by_stream: dict[str, int]
    leads: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, object]:
        return {
            "project": self.project,
            "units": self.units,
            "cost": round(self.cost, 2),
            "value": round(self.value, 6),
            "by_stream": self.by_stream,
            "leads": self.leads,
        }


@dataclass(frozen=True)
class Portfolio:
    """A set of funded projects with its total cost and nominal value."""

    lines: tuple[Line, ...]
    value: float
    cost: float
    match: dict[str, float] = field(default_factory=dict)  # match money drawn, by stream

    def units(self) -> dict[str, int]:
        return {line.project: line.units for line in self.lines}

    def as_json(self) -> dict[str, object]:
        return {
            "value": round(self.value, 6),
            "cost": round(self.cost, 2),
            "projects": [line.as_json() for line in self.lines],
            "match": {k: round(v, 2) for k, v in self.match.items()},
        }


EMPTY = Portfolio((), 0.0, 0.0)


def allowed(stream: StreamSpec, project: ProjectSpec) -> bool:
    """Whether a stream may pay for a project, by the engine's own stream rules."""
    terms = Terms(stream.kind, stream.eligible, stream.rate)
    return stream_allows(terms, project.id, project.revenue, project.cost, project.lifetime)


def match_sources(problem: AllocationProblem, grant: StreamSpec) -> list[str]:
    """The streams that may match a grant, by the engine's own rule."""
    pooled = [s.id for s in problem.streams if s.kind == "pooled"]
    return matching(grant.id, grant.match_from, pooled)


def optimal_portfolio(problem: AllocationProblem, exact: bool = True) -> Portfolio:
    """The exact best portfolio under the streams' spending rules (ties: the cheaper, then
    the first found by HiGHS).

    It obeys what the engine spends by: each stream's money, eligibility and loan terms,
    every grant's match from its matching streams, and each project's units, for projects
    some member the table had could lead. Leads' staff are left out (the engine frees
    staff when a project stops, so over a game a lead can run more than it could at once),
    which keeps the optimum a true upper bound on anything the table could fund.

    With `exact=False` units may be fractions: the linear relaxation, found in a fraction
    of the time, is a bound at least as high, so no portfolio the table funds can exceed
    it; its lines show whole units (rounded down) and its value is the bound's.
    """
    projects = [p for p in problem.projects if p.value > 0 and p.max_units > 0 and p.leads]
    streams = list(problem.streams)
    sid = {s.id: k for k, s in enumerate(streams)}
    x_keys = [
        (pi, si)
        for pi, p in enumerate(projects)
        for si, s in enumerate(streams)
        if allowed(s, p) and p.cost * (1 - s.match_share) <= s.budget + BUDGET_SLACK
    ]
    if not x_keys:
        return EMPTY
    m_keys = [
        (si, sid[t])
        for si, s in enumerate(streams)
        if s.match_share > 0
        for t in match_sources(problem, s)
        if t in sid
    ]
    nx, nm = len(x_keys), len(m_keys)
    n = nx + nm
    cost = np.zeros(n)
    value_scale = max(p.value * p.max_units for p in projects) or 1.0
    cost_scale = sum(s.budget for s in streams) or 1.0
    for k, (pi, _) in enumerate(x_keys):
        p = projects[pi]
        # Maximize value; among equal values prefer spending less (a tiny, bounded tie-break).
        cost[k] = -p.value / value_scale + 1e-7 * p.cost / cost_scale
    rows: list[np.ndarray] = []
    lower: list[float] = []
    upper: list[float] = []

    def add(row: np.ndarray, lo: float, hi: float) -> None:
        rows.append(row)
        lower.append(lo)
        upper.append(hi)

    # Budgets: direct spending plus match put up for grants.
    for si, s in enumerate(streams):
        row = np.zeros(n)
        for k, (pi, sj) in enumerate(x_keys):
            if sj == si:
                row[k] = projects[pi].cost * (1 - s.match_share)
        for k, (_, src) in enumerate(m_keys):
            if src == si:
                row[nx + k] = 1.0
        if row.any():
            add(row, -np.inf, s.budget + BUDGET_SLACK)
    # Each matching grant's match is covered by its sources.
    for si, s in enumerate(streams):
        if s.match_share <= 0:
            continue
        row = np.zeros(n)
        for k, (pi, sj) in enumerate(x_keys):
            if sj == si:
                row[k] = -projects[pi].cost * s.match_share
        for k, (grant, _) in enumerate(m_keys):
            if grant == si:
                row[nx + k] = 1.0
        if row.any():
            add(row, -BUDGET_SLACK, np.inf)
    # Units of a project, over every stream that pays for it, stay within its max_units.
    for pi, p in enumerate(projects):
        row = np.zeros(n)
        for k, (pj, _) in enumerate(x_keys):
            if pj == pi:
                row[k] = 1.0
        add(row, -np.inf, float(p.max_units))
    upper_bounds = np.concatenate(
        [[float(projects[pi].max_units) for pi, _ in x_keys], [np.inf] * nm]
    )
    integrality = np.concatenate([np.ones(nx), np.zeros(nm)]) if exact else None
    constraints = LinearConstraint(np.array(rows), np.array(lower), np.array(upper))
    with stdout_silenced():  # HiGHS prints to fd 1 on some inputs (see sim.scoring.quiet)
        result = milp(
            cost,
            constraints=constraints,
            integrality=integrality,
            bounds=Bounds(np.zeros(n), upper_bounds),
            options={"mip_rel_gap": 0.0, "presolve": True},
        )
    if result.x is None:  # pragma: no cover - x = 0 is always feasible
        return EMPTY
    sol = result.x
    whole = np.round(sol) if exact else np.floor(sol + 1e-9)
    lines: list[Line] = []
    for pi, p in enumerate(projects):
        by_stream = {
            streams[si].id: int(whole[k])
            for k, (pj, si) in enumerate(x_keys)
            if pj == pi and whole[k] > 0
        }
        units = sum(by_stream.values())
        if units == 0:
            continue
        lines.append(Line(p.id, units, units * p.cost, units * p.value, by_stream, list(p.leads)))
    match: dict[str, float] = {}
    for k, (_, src) in enumerate(m_keys):
        if sol[nx + k] > 1e-6:
            match[streams[src].id] = match.get(streams[src].id, 0.0) + float(sol[nx + k])
    value = sum(line.value for line in lines)
    if not exact:
        value = float(sum(projects[pi].value * sol[k] for k, (pi, _) in enumerate(x_keys)))
    return Portfolio(tuple(lines), value, sum(line.cost for line in lines), match)


def portfolio_value(units: Mapping[str, int], projects: Sequence[ProjectSpec]) -> float:
    """Nominal value of so many units of each project."""
    per = {p.id: p.value for p in projects}
    return sum(per.get(project, 0.0) * n for project, n in units.items())
