"""The vectorized agreement analytics against the brute-force reference, on many small
instances: passing, welfare, Nash, max-min, Pareto, veto players and blocking coalitions
must match exactly."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.scoring.agreements import analyze_space, maxmin_best, nash_best, welfare_best
from sim.scoring.coalitions import blocking_coalitions, veto_players
from sim.scoring.pareto import pareto_mask
from sim.scoring.rules import RULES, Voting, passing, vote_weight, yes_votes
from sim.scoring.space import space_from_tables
from tests.scoring import brute


@st.composite
def instances(draw: st.DrawFn, max_members: int = 5) -> brute.Instance:
    m = draw(st.integers(1, max_members))
    n_issues = draw(st.integers(1, 3))
    sizes = [draw(st.integers(2, 3)) for _ in range(n_issues)]
    value = st.integers(-2, 9)
    tables = [[[draw(value) for _ in range(m)] for _ in range(n)] for n in sizes]
    return brute.Instance(
        tables=tables,
        batna=[draw(st.integers(0, 6 * n_issues)) for _ in range(m)],
        rule=draw(st.sampled_from(RULES)),
        threshold=draw(st.sampled_from([0.6, 2 / 3, 0.75, 1.0])),
        veto=[draw(st.booleans()) and draw(st.booleans()) for _ in range(m)],
        weights=[
            vote_weight(
                draw(st.sampled_from([0.0, 250_000.0, 1_500_000.0])), draw(st.integers(0, 5))
            )
            for _ in range(m)
        ],
        committee=[draw(st.booleans()) for _ in range(m)],
        body=[draw(st.booleans()) for _ in range(m)] if draw(st.booleans()) else None,
    )


def vectorized(inst: brute.Instance) -> tuple[np.ndarray, np.ndarray, Voting]:
    space = space_from_tables([np.array(t) for t in inst.tables], inst.batna)
    voting = Voting(
        rule=inst.rule,  # type: ignore[arg-type]
        threshold=inst.threshold,
        veto=np.array(inst.veto, dtype=bool),
        weights=np.array(inst.weights, dtype=np.int64),
        committee=np.array(inst.committee, dtype=bool),
        body=None if inst.body is None else np.array(inst.body, dtype=bool),
    )
    return space.points, space.gains, voting


FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(instances())
def test_points_and_passing_match(inst: brute.Instance) -> None:
    points, gains, voting = vectorized(inst)
    assert points.tolist() == [brute.points(inst, p) for p in brute.packages(inst)]
    assert passing(yes_votes(gains), voting).tolist() == brute.passing(inst)


@FAST
@given(instances())
def test_welfare_nash_maxmin_match(inst: brute.Instance) -> None:
    points, gains, voting = vectorized(inst)
    ok = passing(yes_votes(gains), voting)
    assert welfare_best(points, ok) == brute.welfare_best(inst)
    assert maxmin_best(gains, ok) == brute.maxmin_best(inst)
    chosen, fallback = nash_best(gains, ok)
    candidates, brute_fallback = brute.nash_candidates(inst)
    if not candidates:
        assert chosen is None
    else:
        assert chosen in candidates
        assert chosen == min(candidates)  # ties go to the first package
        assert fallback == brute_fallback


@FAST
@given(instances())
def test_pareto_frontier_matches(inst: brute.Instance) -> None:
    points, _, _ = vectorized(inst)
    assert pareto_mask(points).tolist() == brute.pareto(inst)


@FAST
@given(instances())
def test_veto_players_and_blocking_coalitions_match(inst: brute.Instance) -> None:
    _, gains, voting = vectorized(inst)
    yes = yes_votes(gains)
    ok = passing(yes, voting)
    expected = brute.blocking_coalitions(inst, inst.members)
    assert blocking_coalitions(yes[ok], voting, inst.members) == expected
    assert veto_players(yes[ok], voting) == [c[0] for c in expected if len(c) == 1]


@settings(max_examples=60, deadline=None)
@given(st.integers(2, 40), st.integers(1, 6), st.integers(0, 2**32 - 1))
def test_pareto_on_larger_random_tables(n: int, m: int, seed: int) -> None:
    """Many ties and many dominated rows: the bitset search against all-pairs comparison."""
    rng = np.random.default_rng(seed)
    points = rng.integers(0, 4, size=(n * 7, m))
    expected = [
        not any(
            (points[j] >= points[i]).all() and (points[j] > points[i]).any()
            for j in range(len(points))
        )
        for i in range(len(points))
    ]
    assert pareto_mask(points).tolist() == expected


def test_consensus_makes_everyone_a_veto_player() -> None:
    tables = [np.array([[5, 5, 5], [1, 9, 0]])]
    space = space_from_tables(tables, [4, 4, 4])
    voting = Voting("consensus", 0.5, np.zeros(3, bool), np.ones(3, np.int64), np.ones(3, bool))
    analysis = analyze_space(space, voting, max_coalition=3)
    assert analysis.n_passing == 1
    assert analysis.veto_players == ["m0", "m1", "m2"]
    assert analysis.blocking_coalitions == [["m0"], ["m1"], ["m2"]]


def test_nothing_passing_means_nothing_to_block() -> None:
    space = space_from_tables([np.array([[1, 1], [2, 0]])], [5, 5])
    voting = Voting("majority", 0.5, np.zeros(2, bool), np.ones(2, np.int64), np.ones(2, bool))
    analysis = analyze_space(space, voting, max_coalition=2)
    assert analysis.n_passing == 0
    assert analysis.welfare_best is None and analysis.nash_best is None
    assert analysis.veto_players == [] and analysis.blocking_coalitions == []
    assert any("nothing to block" in note for note in analysis.notes)


def test_nash_falls_back_when_nobody_can_gain_everywhere() -> None:
    # Member 1 never gains; the fallback keeps member 0's gain as large as possible.
    space = space_from_tables([np.array([[3, 1], [9, 1], [6, 1]])], [1, 1])
    voting = Voting("majority", 0.5, np.zeros(2, bool), np.ones(2, np.int64), np.ones(2, bool))
    analysis = analyze_space(space, voting, max_coalition=1)
    assert analysis.nash_fallback
    assert analysis.nash_best is not None and analysis.nash_best.options == {"issue0": "o1"}
