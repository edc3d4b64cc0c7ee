"""Governance fit after Provan & Kenis (2008): each form suits some networks and not others.

Their table (docs/sources.md#governance, recalled) gives, per form, the trust density, number of
participants, goal consensus and need for network-level competencies it fits. Each is an
interval here; inside it the fit is 1, and it falls off linearly over a margin outside
(sizes on a log scale: three times past the bound is no fit at all). Decision rules are
fitted to the size of the body that votes, after Wheelan (2009) on group size.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from sim.scoring.parts import clamp01


@dataclass(frozen=True)
class Ideal:
    """Where a form works best, with the words Provan & Kenis use for it."""

    size: tuple[float, float]
    density: tuple[float, float]
    consensus: tuple[float, float]
    need: tuple[float, float]
    words: dict[str, str]


IDEALS: dict[str, Ideal] = {
    "shared": Ideal(
        size=(2, 8),
        density=(0.6, 1.0),
        consensus=(0.75, 1.0),
        need=(0.0, 1 / 3),
        words={
            "size": "few members",
            "density": "dense, high trust",
            "consensus": "high goal consensus",
            "need": "a low need for network-level competencies",
        },
    ),
    "lead_organization": Ideal(
        size=(6, 20),
        density=(0.0, 0.45),
        consensus=(0.3, 0.6),
        need=(1 / 3, 2 / 3),
        words={
            "size": "a moderate number of members",
            "density": "low, centralized trust",
            "consensus": "moderately low goal consensus",
            "need": "a moderate need for network-level competencies",
        },
    ),
    "network_administrative_organization": Ideal(
        size=(9, 10_000),
        density=(0.35, 0.65),
        consensus=(0.5, 0.8),
        need=(2 / 3, 1.0),
        words={
            "size": "a moderate to large number of members",
            "density": "moderate trust",
            "consensus": "moderately high goal consensus",
            "need": "a high need for network-level competencies",
        },
    ),
}
MARGIN = {"density": 0.25, "consensus": 0.3, "need": 0.34}
SIZE_MARGIN = math.log(3.0)

# Sizes of the voting body each rule suits (Wheelan 2009: 3–8 work best; big bodies stall
# under unanimity, threshold rules and committees keep them moving).
RULE_SIZES: dict[str, tuple[float, float]] = {
    "consensus": (2, 8),
    "consensus_minus_one": (3, 16),
    "supermajority": (5, 10_000),
    "majority": (4, 10_000),
    "weighted": (4, 10_000),
    "executive_committee": (12, 10_000),
}


def interval_fit(value: float, bounds: tuple[float, float], margin: float) -> float:
    """1 inside [lo, hi], falling linearly to 0 at `margin` outside."""
    lo, hi = bounds
    if lo <= value <= hi:
        return 1.0
    gap = lo - value if value < lo else value - hi
    return clamp01(1.0 - gap / margin)


def size_fit(n: float, bounds: tuple[float, float]) -> float:
    """Like interval_fit on a log scale: three times past a bound is no fit."""
    lo, hi = bounds
    if n <= 0:
        return 0.0
    if lo <= n <= hi:
        return 1.0
    gap = math.log(lo / n) if n < lo else math.log(n / hi)
    return clamp01(1.0 - gap / SIZE_MARGIN)


def form_fit(
    form: str, size: int, density: float, consensus: float, need: float
) -> dict[str, float]:
    """Fit of a governance form to each of the four conditions, 0–1."""
    ideal = IDEALS[form]
    return {
        "size": size_fit(size, ideal.size),
        "density": interval_fit(density, ideal.density, MARGIN["density"]),
        "consensus": interval_fit(consensus, ideal.consensus, MARGIN["consensus"]),
        "need": interval_fit(need, ideal.need, MARGIN["need"]),
    }


def best_form(size: int, density: float, consensus: float, need: float) -> str:
    """The form that fits these conditions best (mean of the four fits)."""
    return max(
        IDEALS,
        key=lambda f: sum(form_fit(f, size, density, consensus, need).values()),
    )


def rule_fit(rule: str, voters: int) -> float:
    return size_fit(voters, RULE_SIZES[rule])


def goal_consensus(favorites: Sequence[Sequence[str]]) -> float:
    """How close members' favorites are: per issue, the share backing the most popular
    favorite, averaged over issues (1: everyone wants the same thing)."""
    shares: list[float] = []
    for issue in favorites:
        if not issue:
            continue
        counts: dict[str, int] = {}
        for option in issue:
            counts[option] = counts.get(option, 0) + 1
        shares.append(max(counts.values()) / len(issue))
    return sum(shares) / len(shares) if shares else 1.0
