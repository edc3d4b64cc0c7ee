"""What measuring buys, rule by rule: a lead that learns what is not working fixes part of
it, and again at each yearly re-study; results-only money waits only for what it paid for, a stop the data explain costs only
its lead, and each project's luck is its own.

Played on the starter scenario with the helpers of the structure rules.
"""

from __future__ import annotations

import pytest

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.measurement import IMPROVEMENT
from sim.engine.performing import COMMITMENT, UNEXPLAINED_STOP
from sim.engine.trust import BREACH_FLOOR
from tests.engine.conftest import apply_all, events_of, starter_variant
from tests.engine.test_structure_rules import funded, next_round, performing, tau

POOL = 'id = "local-pool"\nkind = "pooled"'
RESULTS_POOL = starter_variant(replace=((POOL, POOL + '\nrelease = "measured"'),))


def test_measuring_a_shortfall_lets_its_lead_fix_part_of_it() -> None:
    session = next_round(funded(performing()))
    session.state.truth["retrofit"] = 0.4
    apply_all(session, [A.Measure(project="retrofit")])
    assert session.state.truth["retrofit"] == pytest.approx(0.4 + 0.6 * IMPROVEMENT)


def test_measuring_a_project_that_does_what_it_promised_changes_nothing() -> None:
    session = next_round(funded(performing()))
    session.state.truth["retrofit"] = 1.2
    apply_all(session, [A.Measure(project="retrofit")])
    assert session.state.truth["retrofit"] == 1.2


def test_a_measured_project_may_be_studied_again_a_year_on_and_improves_again() -> None:
    session = next_round(funded(performing()))
    session.state.truth["retrofit"] = 0.4
    apply_all(session, [A.Measure(project="retrofit")])
    studied = session.state.round
    refusal = session.why_illegal(A.Measure(project="retrofit"))
    assert refusal is not None and f"studied in round {studied}" in refusal
    while session.state.round < studied + session.state.rounds_per_year:
        next_round(session)
        if session.state.round < studied + session.state.rounds_per_year:
            assert session.why_illegal(A.Measure(project="retrofit")) is not None
    assert session.why_illegal(A.Measure(project="retrofit")) is None
    once = 0.4 + 0.6 * IMPROVEMENT
    apply_all(session, [A.Measure(project="retrofit")])
    assert session.state.truth["retrofit"] == pytest.approx(once + (1 - once) * IMPROVEMENT)


def _into_year_two(session):  # type: ignore[no-untyped-def]
    while session.state.year == 1:
        next_round(session)
    return session


def test_results_only_pooled_money_that_paid_for_nothing_is_not_held() -> None:
    session = _into_year_two(performing(RESULTS_POOL))
    assert session.state.held.get("local-pool", 0.0) == 0.0


def test_results_only_pooled_money_waits_once_it_has_paid_for_something() -> None:
    session = performing(RESULTS_POOL)
    apply_all(session, [A.Fund(project="rideshare", stream="local-pool", units=1)])
    _into_year_two(session)
    held = session.state.held.get("local-pool", 0.0)
    assert held > 0
    out = apply_all(session, [A.Measure(project="rideshare")])
    (released,) = events_of(out, N.MoneyReleased)
    assert released.amount == pytest.approx(held)


def _stop_costs(measured: bool, truth: float = 1.0) -> tuple[float, float, object]:
    session = next_round(funded(performing()))
    session.state.truth["retrofit"] = truth
    if measured:
        apply_all(session, [A.Measure(project="retrofit")])
    lead = session.state.batches[0].lead
    other = next(m for m in session.state.at_table() if m != lead)
    before = tau(session, other)
    out = apply_all(session, [A.Stop(project="retrofit")])
    (stopped,) = events_of(out, N.Stopped)
    return before, tau(session, other), stopped


def test_a_stop_the_data_explain_costs_only_its_lead() -> None:
    """Measured at a fifth of its promise, the project visibly falls short."""
    before, after, stopped = _stop_costs(measured=True, truth=0.2)
    assert after == before
    assert "trusts the partnership a little less" not in stopped.text  # type: ignore[attr-defined]


@pytest.mark.parametrize("measured", [False, True], ids=["never measured", "measured working"])
def test_a_stop_no_measured_shortfall_explains_costs_every_member(measured: bool) -> None:
    """Unmeasured, or measured doing what it promised: either way nothing the table can
    check explains the stop."""
    before, after, stopped = _stop_costs(measured=measured, truth=1.2)
    starter = performing().game.scenario.dynamics
    breach = starter.breach_factor * starter.trust_gain * COMMITMENT * UNEXPLAINED_STOP
    assert after == pytest.approx(before - breach * max(before, BREACH_FLOOR))
    assert "with no measured shortfall behind it" in stopped.text  # type: ignore[attr-defined]


def test_funding_one_project_leaves_the_luck_of_another_as_it_was() -> None:
    """Common random numbers: a batch's luck is its project's own, taken in turn."""
    plain, first = performing(), performing()
    for session in (plain, first):
        pool = session.state.streams["local-pool"]
        pool.balance += 100_000  # enough for both projects
        pool.received += 100_000
    apply_all(plain, [A.Fund(project="rideshare", stream="local-pool", units=1)])
    apply_all(first, [A.Fund(project="retrofit", stream="federal", units=2)])
    apply_all(first, [A.Fund(project="rideshare", stream="local-pool", units=1)])
    (alone,) = [b for b in plain.state.batches if b.project == "rideshare"]
    (after,) = [b for b in first.state.batches if b.project == "rideshare"]
    assert alone.noise == after.noise


def test_only_launching_a_project_earns_goodwill_for_its_co_benefits() -> None:
    """A second batch of a running project is not news: splitting money into many batches
    must not pump trust."""
    policy = 'id = "policymaking"\nname = "Policymaking"'
    session = performing(
        starter_variant(replace=((policy, policy + '\ncares_about = ["health"]'),))
    )
    taus = lambda: [tau(session, m) for m in session.state.at_table()]  # noqa: E731
    before = taus()
    apply_all(session, [A.Fund(project="retrofit", stream="federal", units=1)])
    launched = taus()
    assert any(a > b for a, b in zip(launched, before, strict=True))
    apply_all(session, [A.Fund(project="retrofit", stream="federal", units=1)])
    assert taus() == launched
