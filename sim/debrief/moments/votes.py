"""Whether a failed vote failed by one: would one more yes (one "no" changing its mind)
have carried it under the DecisionRule in force?

The vote event keeps the counts, the rule and who blocked, not every ballot, so this reads
the tally with the engine's own `sim.engine.decide.carried`, from the counts.
"""

from __future__ import annotations

from sim.engine.decide import carried
from sim.engine.game import Game
from sim.engine.notices import ProposalVoted
from sim.scenario.models import DecisionRuleIssue, DecisionRuleSpec


def passes_counts(yes: int, no: int, rule: str, threshold: float) -> bool:
    """A tally without vetoes, read by the engine's `carried` (weighted votes are not
    judged: the notice keeps counts, not weights)."""
    if rule == "weighted":
        return False
    spec = DecisionRuleSpec(rule=rule, threshold=threshold)  # type: ignore[arg-type]
    return bool(carried(spec, yes, no))


def short_by_one(game: Game, vote: ProposalVoted, threshold: float) -> bool:
    """True when one blocker voting yes instead would have adopted the proposal."""
    if vote.adopted or vote.no == 0 or vote.rule == "weighted":
        return False
    vetoes = [m for m in vote.blockers if m in game.orgs and game.orgs[m].veto]
    if len(vetoes) > 1:
        return False
    return passes_counts(vote.yes + 1, vote.no - 1, vote.rule, threshold)


def rule_threshold(game: Game, agreement: dict[str, str]) -> float:
    """The supermajority threshold of the adopted DecisionRule (2/3 when none is set)."""
    for issue in game.scenario.issues:
        if isinstance(issue, DecisionRuleIssue) and issue.id in agreement:
            option = next((o for o in issue.options if o.id == agreement[issue.id]), None)
            if option is not None and option.decision.threshold:
                return float(option.decision.threshold)
    return 2 / 3
