"""One definition of a vote count: the engine's tally and the vectorized analysis agree.

The engine reads one tally (`voting.passes`); the agreement analysis reads a million at
once (`scoring.rules.passing`, and `survives` inside the blocking-coalition search). Both
go through `sim.engine.decide.carried`; these tests prove they read every rule the same.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from sim.engine.decide import carried
from sim.engine.voting import passes
from sim.scenario.models import DecisionRuleSpec
from sim.scoring.rules import passing, survives, voting_for
from tests.engine.conftest import load_game

GAME = load_game("clean-air-compact")
ORGS = list(GAME.orgs)
RULE_SPECS = [
    DecisionRuleSpec(rule="consensus"),
    DecisionRuleSpec(rule="consensus_minus_one"),
    DecisionRuleSpec(rule="majority"),
    DecisionRuleSpec(rule="weighted"),
    DecisionRuleSpec(rule="executive_committee"),
    *(
        DecisionRuleSpec(rule="supermajority", threshold=t)
        for t in (0.6, 2 / 3, 0.6666667, 0.75, 1.0)
    ),
]


@st.composite
def tallies(draw: st.DrawFn) -> tuple[DecisionRuleSpec, list[str], list[bool]]:
    rule = draw(st.sampled_from(RULE_SPECS))
    members = draw(st.lists(st.sampled_from(ORGS), min_size=1, max_size=12, unique=True))
    yes = draw(st.lists(st.booleans(), min_size=len(members), max_size=len(members)))
    return rule, members, yes


@given(tallies())
def test_the_engine_and_the_analysis_read_every_tally_alike(
    tally: tuple[DecisionRuleSpec, list[str], list[bool]],
) -> None:
    rule, members, yes = tally
    votes = {m: "yes" if y else "no" for m, y in zip(members, yes, strict=True)}
    engine, _ = passes(GAME, None, votes, rule)  # type: ignore[arg-type]
    voting = voting_for(GAME.scenario, members, rule, body=members)
    vectorized = bool(passing(np.array([yes]), voting)[0])
    assert engine == vectorized, (rule, votes)


@given(tallies(), st.data())
def test_a_blocking_coalition_is_read_as_its_members_voting_no(
    tally: tuple[DecisionRuleSpec, list[str], list[bool]], data: st.DataObject
) -> None:
    rule, members, yes = tally
    coalition = data.draw(st.lists(st.booleans(), min_size=len(members), max_size=len(members)))
    voting = voting_for(GAME.scenario, members, rule, body=members)
    sincere = np.array([yes])
    block = np.array([coalition])
    after = np.array([[y and not c for y, c in zip(yes, coalition, strict=True)]])
    assert bool(survives(sincere, voting, block)[0, 0]) == bool(passing(after, voting)[0])


def test_a_two_thirds_supermajority_of_three_passes_with_two() -> None:
    rule = DecisionRuleSpec(rule="supermajority", threshold=0.6666667)
    assert not carried(rule, 2, 1)
    rule = DecisionRuleSpec(rule="supermajority", threshold=2 / 3)
    assert carried(rule, 2, 1)
    assert bool(carried(rule, np.array([2, 1]), np.array([1, 2])).tolist() == [True, False])


def test_nobody_voting_yes_carries_nothing_and_a_veto_blocks_all() -> None:
    for rule in RULE_SPECS:
        assert not carried(rule, 0, 0)
        assert not carried(rule, 3, 0, 3, 0, vetoed=True)
