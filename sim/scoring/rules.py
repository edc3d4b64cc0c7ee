"""Whole-package voting under each decision rule, vectorized over every package at once.

The model (docs/sources.md#the-rules-starting-model, simplified for analysis): each member votes yes on a
package iff its total points reach its BATNA; nobody stands aside. The rule reads the
tally as `sim.engine.voting.passes` does, and a veto holder's no blocks whatever the rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args

import numpy as np

from sim.engine.decide import carried, member_weight
from sim.engine.decide import vote_weight as vote_weight
from sim.engine.voting import EXECUTIVE_SIZE
from sim.scenario.models import DecisionRuleSpec, Scenario
from sim.scenario.words import RULE
from sim.scoring.patterns import yes_weights

RuleName = Literal[
    "consensus",
    "consensus_minus_one",
    "supermajority",
    "majority",
    "weighted",
    "executive_committee",
]
RULES: tuple[str, ...] = get_args(RuleName)
# Packages tallied together by `passing`.
PASSING_CHUNK = 65_536


@dataclass(frozen=True)
class Voting:
    """Who decides and how: the rule plus each member's veto, vote weight and committee seat."""

    rule: RuleName
    threshold: float
    veto: np.ndarray  # (M,) bool
    weights: np.ndarray  # (M,) int64, see `sim.engine.decide.WEIGHT_SCALE`
    committee: np.ndarray  # (M,) bool: the executive committee (used by that rule only)
    # Who may vote at all (None: every member). A session's body can be narrower than its
    # table: a policy board of decision-makers, or a committee the engine already chose.
    body: np.ndarray | None = None

    @property
    def voters(self) -> np.ndarray:
        """Members whose vote counts: the body (veto holders always), narrowed to the
        committee under the executive-committee rule."""
        body = np.ones_like(self.veto, dtype=bool) if self.body is None else self.body | self.veto
        if self.rule == "executive_committee":
            return body & (self.committee | self.veto)
        return body

    def label(self) -> str:
        if self.rule == "supermajority":
            return f"supermajority ({self.threshold:.0%})"
        return RULE[self.rule]


def committee_of(scenario: Scenario, members: Sequence[str]) -> np.ndarray:
    """The executive committee: the most influential members, ranked as the engine ranks them."""
    index = {org.id: n for n, org in enumerate(scenario.organizations)}
    orgs = {org.id: org for org in scenario.organizations}
    ranked = sorted(
        members,
        key=lambda m: (-orgs[m].assets.influence, -orgs[m].assets.money, index[m]),
    )
    chosen = set(ranked[:EXECUTIVE_SIZE])
    return np.array([m in chosen for m in members], dtype=bool)


def voting_for(
    scenario: Scenario,
    members: Sequence[str],
    spec: DecisionRuleSpec | None = None,
    body: Sequence[str] | None = None,
) -> Voting:
    """The voting model of `members` under a rule (default: the convener's consensus).

    `body` names who votes, when not everyone does: pass the engine's `voters(game, state)`,
    which already applies the policy board and picks the executive committee.
    """
    spec = spec or DecisionRuleSpec(rule="consensus")
    orgs = {org.id: org for org in scenario.organizations}
    body_mask = None if body is None else np.array([m in set(body) for m in members], dtype=bool)
    return Voting(
        rule=spec.rule,
        threshold=spec.threshold,
        veto=np.array([orgs[m].veto for m in members], dtype=bool),
        weights=np.array(
            [member_weight(orgs[m]) for m in members],
            dtype=np.int64,
        ),
        committee=committee_of(scenario, members) if body_mask is None else body_mask,
        body=body_mask,
    )


def parse_rule(text: str, scenario: Scenario | None = None) -> DecisionRuleSpec:
    """A rule from the command line: a rule name, `supermajority:0.75`, or a scenario option id.

    Raises ValueError with a one-line message naming what is accepted.
    """
    name, _, rest = text.partition(":")
    if name in RULES:
        threshold = 2 / 3 if name == "supermajority" else 0.5
        if rest:
            try:
                threshold = float(rest)
            except ValueError:
                raise ValueError(f"'{rest}' is not a threshold (e.g. supermajority:0.75)") from None
        if name == "supermajority" and not 0.5 < threshold <= 1.0:
            raise ValueError(
                f"a supermajority threshold must be above 0.5 and at most 1, not {rest}"
            )
        return DecisionRuleSpec(rule=name, threshold=threshold)  # type: ignore[arg-type]
    for issue in scenario.issues if scenario is not None else ():
        if issue.kind == "decision_rule":
            for option in issue.options:
                if option.id == text:
                    return option.decision
    raise ValueError(
        f"unknown rule '{text}' (use {', '.join(RULES)}, supermajority:0.75, "
        "or a decision-rule option id of the scenario)"
    )


def yes_votes(gains: np.ndarray) -> np.ndarray:
    """Sincere whole-package votes: yes iff the package reaches the member's BATNA."""
    return gains >= 0


def passing(yes: np.ndarray, voting: Voting) -> np.ndarray:
    """Which packages pass, given each member's yes (True) or no (False): (N, M) -> (N,)."""
    ok = np.empty(yes.shape[0], dtype=bool)
    # A slice at a time: the weighted tally works in float64, 8 bytes a vote.
    for lo in range(0, yes.shape[0], PASSING_CHUNK):
        ok[lo : lo + PASSING_CHUNK] = _passing(yes[lo : lo + PASSING_CHUNK], voting)
    return ok


def _passing(yes: np.ndarray, voting: Voting) -> np.ndarray:
    counts = voting.voters
    votes = yes if counts.all() else yes[:, counts]  # no copy when every vote counts
    n = int(votes.shape[1])
    if n == 0:
        return np.zeros(yes.shape[0], dtype=bool)
    n_yes = np.count_nonzero(votes, axis=1)
    ok = _tally(voting, n, n_yes, votes, None)
    if voting.veto.any():
        ok &= yes[:, voting.veto].all(axis=1)
    return ok


def _tally(
    voting: Voting,
    n: int,
    n_yes: np.ndarray,
    votes: np.ndarray | None,
    yes_weight: np.ndarray | None,
) -> np.ndarray:
    """Read a tally under the rule (no vetoes) by the engine's `carried`: n_yes may be any
    array shape; n voters in all, each a yes or a no."""
    spec = DecisionRuleSpec(rule=voting.rule, threshold=voting.threshold)
    if voting.rule != "weighted":
        return np.asarray(carried(spec, n_yes, n - n_yes))
    total = voting.weights[voting.voters].astype(np.float64).sum()
    if yes_weight is None:
        assert votes is not None
        yes_weight = yes_weights(votes, voting.weights[voting.voters])
    return np.asarray(carried(spec, n_yes, n - n_yes, yes_weight, total - yes_weight))


def survives(yes: np.ndarray, voting: Voting, coalitions: np.ndarray) -> np.ndarray:
    """For passing packages `yes` (P, M) and coalitions (B, M) forced to vote no: (B, P) pass?

    Every rule here is monotone (more yes votes never hurt), so a coalition can only
    kill packages, never revive them; this is the inner loop of the blocking search.
    """
    voters = voting.voters
    # float64, as the engine counts: a float32 share misreads thresholds such as 2/3.
    votes = yes[:, voters].astype(np.float64)
    members = coalitions[:, voters].astype(np.float64)
    n = int(votes.shape[1])
    if n == 0:
        return np.zeros((coalitions.shape[0], yes.shape[0]), dtype=bool)
    removed = members @ (votes.T)  # (B, P): the coalition's yes votes turned to no
    n_yes = votes.sum(axis=1)[None, :] - removed
    yes_weight = None
    if voting.rule == "weighted":
        w = voting.weights[voters].astype(np.float64)
        base = yes[:, voters].astype(np.float64) @ w
        yes_weight = base[None, :] - (coalitions[:, voters].astype(np.float64) * w) @ (
            yes[:, voters].astype(np.float64).T
        )
    ok = _tally(voting, n, n_yes, None, yes_weight)
    vetoed = (coalitions & voting.veto).any(axis=1)
    ok[vetoed] = False
    if voting.veto.any():
        ok &= yes[:, voting.veto].all(axis=1)[None, :]
    return ok
