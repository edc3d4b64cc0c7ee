"""Brute-force references for the scoring analytics: slow, obvious, and independent.

Every function here loops over packages, members and coalitions in plain Python, reading
the definitions in the docstrings of `sim.scoring.agreements`, `coalitions`, `rules` and
`optimizer` literally, so the vectorized code can be checked against it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sim.scoring.optimizer import AllocationProblem, StreamSpec

NASH_TOLERANCE = 1e-9


@dataclass(frozen=True)
class Instance:
    """A small agreement problem: per-issue points tables and a voting model."""

    tables: list[list[list[int]]]  # issue -> option -> member -> points
    batna: list[int]
    rule: str
    threshold: float
    veto: list[bool]
    weights: list[int]
    committee: list[bool]
    body: list[bool] | None = None  # who votes (None: everyone); veto holders always do

    @property
    def members(self) -> int:
        return len(self.batna)


def packages(inst: Instance) -> list[tuple[int, ...]]:
    return list(itertools.product(*(range(len(t)) for t in inst.tables)))


def points(inst: Instance, package: tuple[int, ...]) -> list[int]:
    return [sum(inst.tables[i][k][m] for i, k in enumerate(package)) for m in range(inst.members)]


def passes(inst: Instance, yes: Sequence[bool]) -> bool:
    """One whole-package vote read under the rule, veto holders' no blocking it."""
    if any(inst.veto[m] and not yes[m] for m in range(inst.members)):
        return False
    body = [inst.body is None or inst.body[m] or inst.veto[m] for m in range(inst.members)]
    if inst.rule == "executive_committee":
        voters = [m for m in range(inst.members) if body[m] and (inst.committee[m] or inst.veto[m])]
    else:
        voters = [m for m in range(inst.members) if body[m]]
    n_yes = sum(1 for m in voters if yes[m])
    n_no = len(voters) - n_yes
    if n_yes == 0:
        return False
    if inst.rule == "consensus":
        return n_no == 0
    if inst.rule == "consensus_minus_one":
        return n_no <= 1
    if inst.rule == "supermajority":
        return n_yes / (n_yes + n_no) >= inst.threshold
    if inst.rule in ("majority", "executive_committee"):
        return n_yes / (n_yes + n_no) > 0.5
    yes_w = sum(inst.weights[m] for m in voters if yes[m])
    no_w = sum(inst.weights[m] for m in voters if not yes[m])
    return yes_w > no_w


def sincere(
    inst: Instance, package: tuple[int, ...], forced_no: frozenset[int] = frozenset()
) -> list[bool]:
    pts = points(inst, package)
    return [pts[m] >= inst.batna[m] and m not in forced_no for m in range(inst.members)]


def passing(inst: Instance) -> list[bool]:
    return [passes(inst, sincere(inst, p)) for p in packages(inst)]


def welfare_best(inst: Instance) -> int | None:
    best: tuple[int, int] | None = None
    for k, (p, ok) in enumerate(zip(packages(inst), passing(inst), strict=True)):
        if ok:
            w = sum(points(inst, p))
            if best is None or w > best[0]:
                best = (w, k)
    return None if best is None else best[1]


def maxmin_best(inst: Instance) -> int | None:
    best: tuple[int, int, int] | None = None
    for k, (p, ok) in enumerate(zip(packages(inst), passing(inst), strict=True)):
        if ok:
            gains = [x - b for x, b in zip(points(inst, p), inst.batna, strict=True)]
            key = (min(gains) if gains else 0, sum(points(inst, p)))
            if best is None or key > best[:2]:
                best = (*key, k)
    return None if best is None else best[2]


def nash_candidates(inst: Instance) -> tuple[set[int], bool]:
    """Every package within 1e-9 of the best Nash value, and whether it is the fallback."""
    values: dict[int, float] = {}
    fallback: dict[int, tuple[int, float]] = {}
    for k, (p, ok) in enumerate(zip(packages(inst), passing(inst), strict=True)):
        if not ok:
            continue
        gains = [x - b for x, b in zip(points(inst, p), inst.batna, strict=True)]
        if all(g > 0 for g in gains):
            values[k] = math.fsum(math.log(g) for g in gains)
        positive = [g for g in gains if g > 0]
        fallback[k] = (len(positive), math.fsum(math.log(g) for g in positive))
    if values:
        top = max(values.values())
        return {k for k, v in values.items() if v >= top - NASH_TOLERANCE}, False
    if not fallback:
        return set(), False
    most = max(c for c, _ in fallback.values())
    top = max(v for c, v in fallback.values() if c == most)
    return {k for k, (c, v) in fallback.items() if c == most and v >= top - NASH_TOLERANCE}, True


def pareto(inst: Instance) -> list[bool]:
    all_points = [points(inst, p) for p in packages(inst)]
    out = []
    for a in all_points:
        dominated = any(
            all(x >= y for x, y in zip(b, a, strict=True))
            and any(x > y for x, y in zip(b, a, strict=True))
            for b in all_points
        )
        out.append(not dominated)
    return out


def blocks(inst: Instance, coalition: frozenset[int]) -> bool:
    return not any(passes(inst, sincere(inst, p, coalition)) for p in packages(inst))


def blocking_coalitions(inst: Instance, max_size: int) -> list[tuple[int, ...]]:
    """Minimal blocking coalitions, by checking every proper subset explicitly."""
    if not any(passing(inst)):
        return []
    out = []
    for size in range(1, max_size + 1):
        for combo in itertools.combinations(range(inst.members), size):
            if not blocks(inst, frozenset(combo)):
                continue
            minimal = not any(
                blocks(inst, frozenset(sub))
                for r in range(size)
                for sub in itertools.combinations(combo, r)
            )
            if minimal:
                out.append(combo)
    return out


# --------------------------------------------------------------------------- allocation


def _match_sources(problem: AllocationProblem, grant: StreamSpec) -> list[str]:
    if grant.match_from:
        return [s for s in grant.match_from if s != grant.id]
    return [s.id for s in problem.streams if s.kind == "pooled" and s.id != grant.id]


def feasible(
    problem: AllocationProblem, units: dict[tuple[str, str], int], slack: float = 0.01
) -> bool:
    """Whether units by (project, stream) fit every rule; at most one grant may need a match."""
    projects = {p.id: p for p in problem.projects}
    streams = {s.id: s for s in problem.streams}
    total: dict[str, int] = {}
    for (p, s), n in units.items():
        if n <= 0:
            continue
        stream, project = streams[s], projects[p]
        if stream.eligible and p not in stream.eligible:
            return False
        if stream.kind == "loan" and project.revenue <= 0:
            return False
        total[p] = total.get(p, 0) + n
    if any(n > projects[p].max_units for p, n in total.items()):
        return False
    direct = {s.id: 0.0 for s in problem.streams}
    for (p, s), n in units.items():
        direct[s] += projects[p].cost * n * (1 - streams[s].match_share)
    if any(direct[s] > streams[s].budget + slack for s in direct):
        return False
    for grant in problem.streams:
        if grant.match_share <= 0:
            continue
        need = sum(
            projects[p].cost * n * grant.match_share for (p, s), n in units.items() if s == grant.id
        )
        if need <= 0:
            continue
        room = sum(
            max(0.0, streams[t].budget - direct[t])
            for t in _match_sources(problem, grant)
            if t in streams
        )
        if room + slack < need:
            return False
    funded = [p for p, n in total.items() if n > 0]
    return _leads_fit(problem, funded)


def _leads_fit(problem: AllocationProblem, funded: list[str]) -> bool:
    projects = {p.id: p for p in problem.projects}
    options = [projects[p].leads for p in funded]
    if any(not o for o in options):
        return False
    for choice in itertools.product(*options):
        used: dict[str, float] = {}
        for p, lead in zip(funded, choice, strict=True):
            used[lead] = used.get(lead, 0.0) + projects[p].staff
        if all(used[lead] <= problem.staff.get(lead, 0.0) + 1e-9 for lead in used):
            return True
    return False


def best_value(problem: AllocationProblem) -> float:
    """The best portfolio value by trying every assignment of units to streams."""
    keys = [(p.id, s.id) for p in problem.projects for s in problem.streams]
    ranges = [range(p.max_units + 1) for p in problem.projects for _ in problem.streams]
    best = 0.0
    values = {p.id: p.value for p in problem.projects}
    for combo in itertools.product(*ranges):
        units = dict(zip(keys, combo, strict=True))
        per_project: dict[str, int] = {}
        for (p, _), n in units.items():
            per_project[p] = per_project.get(p, 0) + n
        if any(per_project[p.id] > p.max_units for p in problem.projects):
            continue
        value = sum(values[p] * n for p, n in per_project.items())
        if value > best + 1e-12 and feasible(problem, units):
            best = value
    return best
