"""A vote forecast from what a seat knows: the stances it learned by sounding members out.

A seat never sees another member's points. What it has are rough reads (acceptable,
needs more, would block) for the members and issues it asked about; for the rest it
assumes nothing. Each voter becomes odds of yes, stand aside and no, and the chance the
proposal passes under the DecisionRule in force is read exactly from those odds (the
counts' distribution, with veto holders apart). The UI's agreement editor and the fair bot
convener use this same forecast.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from sim.engine.decide import carried
from sim.scenario.models import DecisionRuleSpec

Odds = tuple[float, float, float]  # yes, stand aside, no

# What a read tends to mean in a vote.
STANCE_ODDS: dict[str, Odds] = {
    "acceptable": (0.85, 0.10, 0.05),
    "needs_more": (0.25, 0.45, 0.30),
    "would_block": (0.05, 0.15, 0.80),
}
UNKNOWN: Odds = (0.5, 0.2, 0.3)
SURE_YES: Odds = (1.0, 0.0, 0.0)
# A read on the issue a member cares most about counts this much more in a package.
CARES_WEIGHT = 2.0
STANCE_SCORE = {"acceptable": 1.0, "needs_more": 0.0, "would_block": -1.0}


@dataclass(frozen=True)
class Read:
    """One learned stance, as the forecast needs it (the view's `StanceView` has these)."""

    options: Mapping[str, str]
    cares_most: str


def voter_odds(reads: Mapping[str, Read], options: Mapping[str, str]) -> Odds:
    """The odds of one voter's vote on a proposal, from its reads on the issues in it."""
    known = [(issue, reads[issue]) for issue in options if issue in reads]
    if not known:
        return UNKNOWN
    score = weight = 0.0
    for issue, read in known:
        stance = read.options.get(options[issue])
        if stance is None:
            continue
        w = CARES_WEIGHT if read.cares_most == issue else 1.0
        score += w * STANCE_SCORE[stance]
        weight += w
    if weight == 0:
        return UNKNOWN
    mean = score / weight
    if mean >= 0.5:
        return STANCE_ODDS["acceptable"]
    if mean >= -0.25:
        return STANCE_ODDS["needs_more"]
    return STANCE_ODDS["would_block"]


# A bot weighing packages asks the same question many times in a round; the answer is a
# pure function of its inputs, so remembering recent ones changes no result.
FORECAST_CACHE = 4096


def pass_chance(rule: DecisionRuleSpec, odds: Sequence[Odds], vetoes: Sequence[bool]) -> float:
    """The chance a proposal passes, given each voter's odds (weighted votes are read by
    heads: the forecast knows no one's weight)."""
    return _pass_chance(rule.rule, float(rule.threshold), tuple(odds), tuple(vetoes))


@lru_cache(maxsize=FORECAST_CACHE)
def _pass_chance(
    rule_name: str, threshold: float, odds: tuple[Odds, ...], vetoes: tuple[bool, ...]
) -> float:
    name = "majority" if rule_name == "weighted" else rule_name
    spec = DecisionRuleSpec(rule=name, threshold=threshold)  # type: ignore[arg-type]
    counts: dict[tuple[int, int], float] = {(0, 0): 1.0}
    clear = 1.0  # no veto holder says no
    for (p_yes, p_aside, p_no), veto in zip(odds, vetoes, strict=True):
        if veto:
            clear *= 1 - p_no
            total = p_yes + p_aside
            p_yes, p_aside, p_no = (p_yes / total, p_aside / total, 0.0) if total else (0, 1, 0)
        step: dict[tuple[int, int], float] = {}
        for (yes, no), p in counts.items():
            for (dy, dn), q in (((1, 0), p_yes), ((0, 0), p_aside), ((0, 1), p_no)):
                if q:
                    key = (yes + dy, no + dn)
                    step[key] = step.get(key, 0.0) + p * q
        counts = step
    passing = sum(p for (yes, no), p in counts.items() if carried(spec, yes, no))
    return clear * passing


def expected_votes(odds: Sequence[Odds]) -> tuple[float, float, float]:
    """Expected yes, stand-aside and no votes."""
    return (
        sum(o[0] for o in odds),
        sum(o[1] for o in odds),
        sum(o[2] for o in odds),
    )
