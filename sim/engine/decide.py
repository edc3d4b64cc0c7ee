"""How a DecisionRule reads a tally: the one definition of a vote count.

Written with arithmetic and comparisons only, so the same function reads one tally in
the engine (plain numbers) and a million packages at once in the agreement analysis
(NumPy arrays). A veto holder's no blocks whatever the rule says.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from sim.scenario.models import DecisionRuleSpec, Organization

T = TypeVar("T")

# A weighted vote gives each member 1 + its money in millions + its influence (0–5). The
# weights are held as integers in units of 1e-8, so sums compare exactly in any order.
WEIGHT_SCALE = 100_000_000
WEIGHT_MONEY_UNIT = 1_000_000
# A simple majority needs more than half of those voting yes or no.
MAJORITY = 0.5
# An override carries by a simple majority of the body that decides, whatever rule the
# table has adopted for its agreement: it is a ruling on one dispute, not a founding term.
OVERRIDE_RULE = DecisionRuleSpec(rule="majority")


def vote_weight(money: float, influence: int) -> int:
    """A member's weight in a weighted vote, as an exact integer (see WEIGHT_SCALE)."""
    return round(WEIGHT_SCALE * (1.0 + influence)) + round(
        money * (WEIGHT_SCALE / WEIGHT_MONEY_UNIT)
    )


def member_weight(org: Organization) -> int:
    return vote_weight(org.assets.money, org.assets.influence)


def carried(
    rule: DecisionRuleSpec,
    yes: T,
    no: T,
    yes_weight: Any = 0,
    no_weight: Any = 0,
    vetoed: Any = False,
) -> T:
    """Whether a tally carries: `yes`/`no` count votes (stand-asides count in neither),
    the weights sum `vote_weight` over each side, and `vetoed` is a veto holder's no.

    Every argument may be a number or an array of the same shape; so is the result.
    """
    some = yes > 0  # type: ignore[operator]
    if rule.rule == "consensus":
        ok = no == 0
    elif rule.rule == "consensus_minus_one":
        ok = no <= 1  # type: ignore[operator]
    elif rule.rule == "weighted":
        ok = yes_weight > no_weight
    else:
        total = yes + no  # type: ignore[operator]
        share = yes / (total + (total == 0))  # no division by zero; `some` is False there
        # A simple majority (also of an executive committee) needs more than half.
        ok = share >= rule.threshold if rule.rule == "supermajority" else share > MAJORITY
    return some & ok & (vetoed == 0)  # type: ignore[no-any-return]


def override_tally(
    body: Sequence[str], losers: Collection[str], has_veto: Callable[[str], bool]
) -> tuple[int, int, bool]:
    """An override is put to the body that decides: the losing side votes against, the
    rest for, and it carries by a simple majority unless a veto holder is on the losing
    side. Returns the votes for, against, and whether it carries; the seat view forecasts
    with the same function the engine counts with."""
    no = [m for m in body if m in losers]
    yes = len(body) - len(no)
    vetoed = any(has_veto(m) for m in no)
    return yes, len(no), bool(carried(OVERRIDE_RULE, yes, len(no), vetoed=vetoed))
