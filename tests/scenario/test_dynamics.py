"""What handling a tension costs in time and money is the scenario's to tune in [dynamics],
and writing one cost never makes the others free."""

from __future__ import annotations

import pytest

from sim.engine import actions as A
from sim.scenario.models import ASK_COST, HANDLE_TIME
from tests.engine.conftest import apply_all, starter_variant, to_storming

ORGS = ["city", "county", "foundation", "neighbors"]


def test_handling_takes_the_time_the_scenario_says() -> None:
    game = starter_variant("\n[dynamics]\nhandle_time = { open = 40, override = 0 }\n")
    assert game.scenario.dynamics.handle_time == {**HANDLE_TIME, "open": 40, "override": 0}
    session = game.new_session(0)
    to_storming(session, ORGS)
    time = session.state.convener_time
    assert time < 40
    assert session.why_illegal(A.HandleTension(tension="trucks", how="open")) == (
        f"that takes 40 time; {time} left"
    )
    apply_all(session, [A.HandleTension(tension="trucks", how="override")])
    assert session.state.convener_time == time  # an override was made free


def test_the_convener_sees_the_handling_times_the_scenario_says() -> None:
    game = starter_variant("\n[dynamics]\nhandle_time = { open = 40, override = 0 }\n")
    session = game.new_session(0)
    view = session.view("convener")
    assert view.handle_time == {**HANDLE_TIME, "open": 40, "override": 0}


def test_a_side_deal_costs_the_share_of_a_mediation_the_scenario_says() -> None:
    game = starter_variant("\n[dynamics]\nside_deal_share = 0.25\n")
    session = game.new_session(0)
    to_storming(session, ORGS)
    budget = session.state.convener_budget
    cost = game.tensions["trucks"].mediation_cost
    apply_all(session, [A.HandleTension(tension="trucks", how="side_deal")])
    assert session.state.convener_budget == pytest.approx(budget - 0.25 * cost)


def test_one_ask_cost_written_keeps_the_other_defaults() -> None:
    game = starter_variant("\n[dynamics]\nask_cost = { champion = 6 }\n")
    assert game.scenario.dynamics.ask_cost == {**ASK_COST, "champion": 6}
