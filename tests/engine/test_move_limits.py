"""Moves that were free, repeatable or open at the wrong time, each with the limit it has now.

Played on the starter scenario (city, county, foundation, neighbors; the trucks tension
between the city and the neighbors).
"""

from __future__ import annotations

from sim.engine import Game, Session
from sim.engine import actions as A
from sim.engine import notices as E
from sim.play.choices import side_choices
from tests.engine.conftest import (
    apply_all,
    events_of,
    invite,
    name_result,
    starter_variant,
    to_storming,
)

ORGS = ["city", "county", "foundation", "neighbors"]
NEIGHBORS = 'id = "neighbors"\nname = "Riverside Neighbors"\nsector = "community"'


def _tau(session: Session, org: str) -> float:
    return session.state.members[org].tau


def test_an_override_is_put_to_a_vote_and_says_the_tally(starter_game: Game) -> None:
    session = starter_game.new_session(0)
    to_storming(session, ORGS)
    events = apply_all(session, [A.HandleTension(tension="trucks", how="override", favor=0)])
    handled = events_of(events, E.TensionHandled)[0]
    assert handled.resolved
    assert "(3 for, 1 against)" in handled.text  # the neighbors alone vote against


def test_an_override_against_a_veto_holder_fails_and_the_tension_stays_open() -> None:
    game = starter_variant(replace=((NEIGHBORS, NEIGHBORS + "\nveto = true"),))
    session = game.new_session(0)
    to_storming(session, ORGS)
    before = _tau(session, "neighbors")
    city_before = _tau(session, "city")
    events = apply_all(session, [A.HandleTension(tension="trucks", how="override", favor=0)])
    handled = events_of(events, E.TensionHandled)[0]
    assert not handled.resolved
    assert session.state.tensions["trucks"].status == "open"
    assert "fails (3 for, 1 against, a veto among them)" in handled.text
    # Being put to a vote against still costs the neighbors; the city spent no goodwill.
    assert _tau(session, "neighbors") < before
    assert _tau(session, "city") == city_before
    assert session.state.strain == 0


def test_the_convener_sees_the_override_ballot_the_engine_then_counts() -> None:
    vetoing = starter_variant(replace=((NEIGHBORS, NEIGHBORS + "\nveto = true"),))
    for game, carries in ((vetoing, False), (starter_variant(), True)):
        session = game.new_session(0)
        to_storming(session, ORGS)
        ballot = session.view(A.CONVENER).override_ballot("trucks", 0)
        assert (ballot.yes, ballot.no, ballot.carries) == (3, 1, carries)
        assert ballot.vetoes == (() if carries else ("neighbors",))
        events = apply_all(session, [A.HandleTension(tension="trucks", how="override", favor=0)])
        assert events_of(events, E.TensionHandled)[0].resolved is carries


def test_the_override_dialog_says_which_side_a_veto_sinks() -> None:
    game = starter_variant(replace=((NEIGHBORS, NEIGHBORS + "\nveto = true"),))
    session = game.new_session(0)
    to_storming(session, ORGS)
    city_side, neighbors_side = side_choices(session.view(A.CONVENER), "trucks", "override")
    assert city_side.detail == "fails: Riverside Neighbors can veto it"
    assert neighbors_side.detail == "carries 3–1"  # nobody with a veto is outvoted
    assert side_choices(session.view(A.CONVENER), "trucks", "side_deal")[0].detail == ""


def test_naming_the_same_result_again_is_refused(starter_game: Game) -> None:
    session = starter_game.new_session(0)
    name_result(session)
    metric = starter_game.scenario.results[0]
    again = A.ChooseResult(metric=metric.id, target=metric.targets[0])
    assert session.why_illegal(again) == "the table has named that result already"


def test_renaming_the_target_does_not_count_as_more_problem_defining(
    starter_game: Game,
) -> None:
    session = starter_game.new_session(0)
    name_result(session)
    counted = session.state.problem_solving["problem_defining"]
    metric = starter_game.scenario.results[0]
    other = next(t for t in metric.targets if t != metric.targets[0])
    apply_all(session, [A.ChooseResult(metric=metric.id, target=other)])
    assert session.state.result == (metric.id, other)
    assert session.state.problem_solving["problem_defining"] == counted


def test_a_project_is_stopped_only_in_performing(starter_game: Game) -> None:
    session = starter_game.new_session(0)
    name_result(session)
    assert session.why_illegal(A.Stop(project="retrofit")) == "projects are stopped in performing"


def test_a_member_pledges_only_into_its_own_stream(starter_game: Game) -> None:
    session = starter_game.new_session(0, {"convener": "human", "city": "human"})
    name_result(session)
    invite(session, ["city", "county", "foundation"], "convener_meeting")
    apply_all(session, [A.Skip()])
    assert session.stage == "performing"
    grant = A.Pledge(seat="city", stream="federal", amount=1_000)
    reason = session.why_illegal(grant)
    assert reason is not None and "pledges into" in reason
    assert session.why_illegal(A.Pledge(seat="city", stream="local-pool", amount=1_000)) is None


def test_asked_again_a_member_may_send_someone_more_senior_never_less(
    starter_game: Game,
) -> None:
    session = starter_game.new_session(0, {"convener": "human", "neighbors": "human"})
    name_result(session)
    apply_all(session, [A.Invite(organization="neighbors", ask="staff_call")])
    apply_all(session, [A.Join(seat="neighbors", representative="doer")])
    apply_all(session, [A.Invite(organization="neighbors", ask="convener_meeting")])
    same = session.why_illegal(A.Join(seat="neighbors", representative="doer"))
    assert same is not None and "more senior" in same
    lower = session.why_illegal(A.Join(seat="neighbors", representative="designee"))
    assert lower is not None and "more senior" in lower
    apply_all(session, [A.Join(seat="neighbors", representative="decision_maker")])
    assert session.state.members["neighbors"].representative == "decision_maker"
