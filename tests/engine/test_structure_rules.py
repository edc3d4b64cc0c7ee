"""Rules that act on structure and resources (issues #11 and #12): measurement and its
error, interests that gate projects, governance forms' costs and coordination load,
sounding members out, the vote forecast in a seat view, and stopping a project.

Each test plays the starter scenario (city, county, foundation, neighbors; a federal
grant with a 20% match from a local pool) or a small variant of it.
"""

from __future__ import annotations

import pytest

from sim.engine import Game, Session
from sim.engine import actions as A
from sim.engine import governance
from sim.engine import notices as N
from sim.engine.delivery import achieved, delivered_rate, effectiveness
from sim.engine.measurement import measure_cost, measurement_spread
from sim.engine.performing import COMMITMENT, new_year
from sim.engine.trust import BREACH_FLOOR
from tests.engine.conftest import (
    apply_all,
    events_of,
    invite,
    load_game,
    name_result,
    settle_tensions,
    starter_variant,
)

TABLE = ("city", "county", "foundation")


def tau(session: Session, org: str) -> float:
    return session.state.members[org].tau


def performing(game: Game | None = None, seed: int = 0, orgs=TABLE) -> Session:  # type: ignore[no-untyped-def]
    """The convener (a person) with `orgs` at the table, each sending a doer (the
    neighbors a decision-maker), skipped to performing: the bots have pledged."""
    session = (game or load_game("starter")).new_session(seed)
    name_result(session)
    session.state.convener_time = 99  # inviting is not what these tests are about
    invite(session, orgs, "convener_meeting")
    apply_all(session, [A.Skip()])
    session.state.convener_time = 99
    assert session.stage == "performing"
    return session


def funded(session: Session, units: int = 5) -> Session:
    apply_all(session, [A.Fund(project="retrofit", stream="federal", units=units)])
    return session


def next_round(session: Session) -> Session:
    apply_all(session, [A.EndRound()])
    session.state.convener_time = 99
    return session


# ---------------------------------------------------------------------- stop and escrow


def test_a_funded_project_is_paid_in_yearly_tranches_over_the_years_left() -> None:
    """Retrofits run 7 years; the game has 2 left, so half is paid now, half next year."""
    session = funded(performing())
    (batch,) = session.state.batches
    assert batch.cost == 150_000
    assert batch.tranche == pytest.approx(75_000) and batch.escrow == pytest.approx(75_000)
    while session.state.year == 1:
        next_round(session)
    assert batch.escrow == 0.0


def test_stopping_returns_the_unpaid_tranches_to_their_streams_less_the_wind_down() -> None:
    session = funded(performing())
    stop_cost = session.game.scenario.dynamics.stop_cost
    before = {k: v.balance for k, v in session.state.streams.items()}
    out = apply_all(session, [A.Stop(project="retrofit")])
    (stopped,) = events_of(out, N.Stopped)
    back = 75_000 * (1 - stop_cost)
    assert stopped.returned == pytest.approx(back)
    assert stopped.lost == pytest.approx(75_000 * stop_cost)
    # Back where it came from: 80% to the grant, 20% to the local match.
    streams = session.state.streams
    assert streams["federal"].balance == pytest.approx(before["federal"] + 0.8 * back)
    assert streams["local-pool"].balance == pytest.approx(before["local-pool"] + 0.2 * back)
    (batch,) = session.state.batches
    assert batch.stopped and batch.escrow == 0.0


def test_money_is_conserved_through_a_stop() -> None:
    """Every dollar received is spent or still in a balance, before and after a stop."""

    def conserved(session: Session) -> bool:
        return all(
            m.balance + m.spent == pytest.approx(m.received) for m in session.state.streams.values()
        )

    session = funded(performing())
    assert conserved(session)
    apply_all(session, [A.Stop(project="retrofit")])
    assert conserved(session)


def test_a_tranche_paid_as_the_year_opens_is_a_commitment_kept_for_the_lead() -> None:
    """`new_year` alone (pledges settle on their own): the tranche leaves escrow and the
    lead's trust rises by a·COMMITMENT·(1 − τ)."""
    session = funded(performing())
    lead = session.state.batches[0].lead
    before = tau(session, lead)
    new_year(session._ctx)
    assert session.state.batches[0].escrow == 0.0
    a = session.game.scenario.dynamics.trust_gain
    assert tau(session, lead) == pytest.approx(before + a * COMMITMENT * (1 - before))


def test_a_stopped_project_delivers_nothing_and_frees_its_lead() -> None:
    session = next_round(funded(performing()))
    lead = session.state.batches[0].lead
    assert achieved(session.game, session.state) > 0
    staff = session.state.members[lead].staff_used
    apply_all(session, [A.Stop(project="retrofit")])
    assert achieved(session.game, session.state) == 0
    assert session.state.members[lead].staff_used == pytest.approx(
        staff - session.game.projects["retrofit"].lead.staff
    )


def test_stopping_costs_the_lead_trust_at_the_breach_rate() -> None:
    session = funded(performing())
    dyn = session.game.scenario.dynamics
    lead = session.state.batches[0].lead
    before = tau(session, lead)
    apply_all(session, [A.Stop(project="retrofit")])
    rate = dyn.breach_factor * dyn.trust_gain * COMMITMENT
    assert tau(session, lead) == pytest.approx(before - rate * max(before, BREACH_FLOOR))


def test_nothing_running_cannot_be_stopped() -> None:
    session = performing()
    assert session.why_illegal(A.Stop(project="retrofit")) == "nothing of 'retrofit' is running"
    funded(session)
    apply_all(session, [A.Stop(project="retrofit")])
    assert session.why_illegal(A.Stop(project="retrofit")) == "nothing of 'retrofit' is running"
