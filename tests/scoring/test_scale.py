"""What makes the agreement analysis fast at a million packages must not change its answers.

The brute-force tests use spaces of a few dozen packages, which never cross a slice
boundary, never need more than one packed word per pattern and always fit 16-bit cells.
These tests force each of those paths on instances the brute force can still check.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.scoring import rowstats, rules
from sim.scoring.agreements import analyze_space
from sim.scoring.patterns import distinct, pack, unique_rows, yes_weights
from sim.scoring.space import cell_type, space_from_tables
from tests.scoring import brute
from tests.scoring.test_agreements import instances, vectorized


@settings(max_examples=80, deadline=None)
@given(st.integers(0, 300), st.integers(0, 140), st.floats(0.0, 1.0), st.integers(0, 2**32 - 1))
def test_unique_rows_are_numpys(n: int, m: int, density: float, seed: int) -> None:
    """Any width, including more than one 64-bit word and none at all, in numpy's order."""
    yes = np.random.default_rng(seed).random((n, m)) < density
    expected = np.unique(yes, axis=0)
    got = unique_rows(yes)
    assert got.dtype == bool and got.shape == expected.shape
    assert (got == expected).all()


def test_support_and_anyone_count_the_packed_votes() -> None:
    rng = np.random.default_rng(5)
    yes = rng.random((200, 70)) < 0.3
    who = rng.random(70) < 0.5
    patterns = distinct(pack(yes), 70)
    rows = patterns.rows(0, len(patterns))
    assert patterns.support(who).tolist() == rows[:, who].sum(axis=1).tolist()
    assert patterns.anyone().tolist() == yes.any(axis=0).tolist()


def _as_answers(inst: brute.Instance) -> tuple[object, ...]:
    *_, voting = vectorized(inst)
    space = space_from_tables([np.array(t) for t in inst.tables], inst.batna)
    analysis = analyze_space(space, voting, max_coalition=inst.members)
    best = analysis.welfare_best, analysis.nash_best, analysis.maxmin_best
    return (
        analysis.n_passing,
        analysis.n_above_all,
        tuple(None if p is None else p.index for p in best),
        analysis.nash_fallback,
        tuple(map(tuple, analysis.blocking_coalitions)),
    )


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_tiny_slices_give_the_brute_force_answers(inst: brute.Instance) -> None:
    """Every statistic and tally cut into slices of a few packages, against the reference."""
    whole = _as_answers(inst)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(rowstats, "ROW_CHUNK", 2)
        patch.setattr(rules, "PASSING_CHUNK", 3)
        sliced = _as_answers(inst)
    assert sliced == whole
    assert whole[0] == sum(brute.passing(inst))
    assert whole[2][0] == brute.welfare_best(inst)
    assert whole[2][2] == brute.maxmin_best(inst)
    expected = brute.blocking_coalitions(inst, inst.members)
    assert whole[4] == tuple(tuple(f"m{k}" for k in c) for c in expected)


@pytest.mark.parametrize(
    ("largest", "expected"),
    [(1_000, np.int16), (20_000, np.int32), (2**31, np.int64)],
)
def test_cells_are_as_narrow_as_the_totals_allow(largest: int, expected: type) -> None:
    tables = [np.array([[largest, 0], [0, -largest]]), np.array([[largest, 1], [2, 3]])]
    space = space_from_tables(tables, [largest // 2, 0])
    assert space.points.dtype == expected == space.batna.dtype
    wide = [[a + b for a, b in zip(r1, r2, strict=True)] for r1 in tables[0] for r2 in tables[1]]
    assert space.points.tolist() == [list(map(int, row)) for row in wide]
    assert space.gains.tolist() == [[row[0] - largest // 2, row[1]] for row in wide]


def test_the_bound_counts_the_batna_too() -> None:
    """Totals fit 16 bits but a gain would not: the cells widen."""
    assert cell_type([np.array([[30_000]])], np.array([-10_000])) is np.int32
    assert cell_type([np.array([[30_000]])], np.array([2_000])) is np.int16


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 200), st.integers(0, 70), st.integers(0, 2**32 - 1))
def test_weighted_tallies_are_the_matrix_products(n: int, m: int, seed: int) -> None:
    """Byte tables over packed votes sum exactly what the float64 product sums."""
    rng = np.random.default_rng(seed)
    yes = rng.random((n, m)) < 0.6
    weights = rng.integers(10**8, 10**10, size=m)
    expected = yes.astype(np.float64) @ weights.astype(np.float64)
    assert yes_weights(yes, weights).tolist() == expected.tolist()
