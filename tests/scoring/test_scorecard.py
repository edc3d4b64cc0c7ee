"""The scorecard: its shape, and that changing one thing in a state moves the right
dimension the right way with a matching why line."""

from __future__ import annotations

import json
import re

import pytest

from sim.engine import Game, Session
from sim.engine.actions import Action
from sim.engine.autoplay import autoplay
from sim.engine.notices import Notice
from sim.engine.state import Batch
from sim.scoring import Scorecard, scorecard, scorecard_json
from sim.scoring.model import DIMENSIONS
from tests.scoring.conftest import FLAGSHIP, needs_flagship, played, scenario

SCORED_LINE = re.compile(r"^[A-Z][^:]* \d+/\d+: \S")


def line(card: Scorecard, dimension: str, rule: str) -> str:
    found = [w for w in card.dimensions[dimension].why if w.startswith(rule)]
    assert found, f"no '{rule}' line in {dimension}: {card.dimensions[dimension].why}"
    return found[0]


# --------------------------------------------------------------------------- shape


@pytest.mark.parametrize("name", ["healthy-homes", "workforce-pathways"])
def test_every_dimension_scores_0_to_100_with_why_lines(name: str) -> None:
    session = played(name)
    card = scorecard(session)
    assert card.final and card.stage == "adjourning"
    assert set(DIMENSIONS) | {"seat"} == set(card.dimensions)
    weights = session.game.scenario.scoring
    for name_, dim in card.dimensions.items():
        assert 0 <= dim.score <= 100
        assert dim.why, name_
        if name_ != "seat":
            assert dim.weight == getattr(weights, name_)
    expected = sum(card.dimensions[d].score * card.dimensions[d].weight for d in DIMENSIONS)
    expected /= sum(card.dimensions[d].weight for d in DIMENSIONS)
    assert card.total == pytest.approx(expected, abs=0.06)
    assert card.dimensions["seat"].weight == 0


def test_why_lines_name_their_rule_and_cite_research() -> None:
    card = scorecard(played())
    for name in DIMENSIONS:
        scored = [w for w in card.dimensions[name].why if SCORED_LINE.match(w)]
        assert scored, f"{name} has no scored line"
    assert all(
        "Provan & Kenis" in w for w in card.dimensions["governance"].why if w.startswith("Form fit")
    )
    assert any("Living Cities" in w for w in card.dimensions["representation"].why)
    assert any("Wheelan" in w for w in card.dimensions["governance"].why)
    assert any("Tuckman" in w for w in card.dimensions["trust"].why)
    assert any("analyzing & reflecting" in w for w in card.dimensions["problem_solving"].why)
    # No line may just assert a lesson about which stages were visited.
    for dim in card.dimensions.values():
        assert not any(re.search(r"skipp|stages? visited", w, re.I) for w in dim.why)


def test_scorecard_json_is_plain_data_with_the_three_keys() -> None:
    session = played("workforce-pathways")
    data = scorecard_json(session)
    assert set(data) == {"total", "dimensions", "seats"}
    assert json.loads(json.dumps(data)) == data
    assert set(data["dimensions"]["result"]) >= {"score", "weight", "why"}
    _org, seat = next(iter(data["seats"].items()))
    assert set(seat) >= {"points", "batna", "above_batna", "pledged", "delivered", "kept_share"}
    assert seat["above_batna"] == (seat["points"] >= seat["batna"])


def test_usable_at_any_point_of_play() -> None:
    game = Game(scenario("healthy-homes"))
    fresh = game.new_session(3)
    card = scorecard(fresh)
    assert not card.final and card.stage == "forming"
    assert "no result was named" in line(card, "result", "Specific measurable result")
    totals: list[float] = []

    def check(session: Session, action: Action, events: list[Notice]) -> None:
        if len(session.history) % 7 == 0:
            totals.append(scorecard(session).total)

    autoplay(game, 3, "full", on_action=check)
    assert len(totals) >= 2 and all(0 <= t <= 100 for t in totals)


def test_the_same_state_scores_the_same_whatever_the_stage_history() -> None:
    """Scores come from the state, not from a check of which stages were visited."""
    session = played()
    assert session.state.regressions == 0
    before = scorecard(session)
    session.state.stages_visited = ["forming", "performing", "adjourning"]
    after = scorecard(session)
    assert after.dimensions == before.dimensions


# --------------------------------------------------------------------------- one change at a time


def _ensure_batches(session: Session) -> None:
    state = session.state
    if not state.batches:
        lead = state.at_table()[0]
        state.batches.append(
            Batch("chw-home-visits", 1, 150_000.0, "healthy-homes-fund", lead, 3, 1.0)
        )


def test_measurement_raises_problem_solving() -> None:
    session = played()
    _ensure_batches(session)
    state = session.state
    for batch in state.batches:
        batch.measured = False
    state.problem_solving["analyzing_reflecting"] = 0
    unmeasured = scorecard(session)
    for batch in state.batches:
        batch.measured = True
    state.problem_solving["analyzing_reflecting"] = 3
    measured = scorecard(session)
    assert (
        measured.dimensions["problem_solving"].score
        > unmeasured.dimensions["problem_solving"].score
    )
    assert "0% of the funded money was measured" in line(unmeasured, "problem_solving", "Measured")
    assert "100% of the funded money was measured" in line(measured, "problem_solving", "Measured")
    # Nothing else moved: measuring is analyzing & reflecting, not a better agreement.
    for other in ("representation", "governance", "agreement"):
        assert measured.dimensions[other] == unmeasured.dimensions[other]


def test_a_broken_pledge_lowers_trust_and_names_the_member() -> None:
    session = played()
    ledger = session.state.ledger
    assert ledger, "the full policy should have pledges"
    for pledge in ledger:
        pledge.delivered = pledge.pledged
    kept = scorecard(session)
    ledger[0].delivered = ledger[0].pledged / 2
    broken = scorecard(session)
    assert broken.dimensions["trust"].score < kept.dimensions["trust"].score
    name = session.game.orgs[ledger[0].organization]
    assert (name.short or name.name) in line(broken, "trust", "Pledges kept")
    assert broken.seats[ledger[0].organization].kept_share < 1


def test_funding_less_than_the_optimum_lowers_allocation() -> None:
    session = played()
    _ensure_batches(session)
    full = scorecard(session)
    session.state.batches = session.state.batches[:1]
    partial = scorecard(session)
    session.state.batches = []
    none = scorecard(session)
    assert none.dimensions["allocation"].score == 0
    assert partial.dimensions["allocation"].score <= full.dimensions["allocation"].score
    assert "a bound" in " ".join(full.dimensions["allocation"].why)
    comparison = full.portfolios
    assert comparison["optimal"]["value"] >= comparison["funded"]["value"] - 1e-6 or (
        full.dimensions["allocation"].score == 100
    )


def test_seats_report_points_against_batna() -> None:
    session = played()
    card = scorecard(session)
    game = session.game
    for org, seat in card.seats.items():
        expected = sum(game.points(org, i, o) for i, o in session.state.agreement.items())
        assert seat.points == expected
        assert seat.batna == game.orgs[org].batna
        assert seat.above_batna == (seat.points >= seat.batna)
        assert 0 <= seat.score <= 100 and seat.why


@needs_flagship
def test_flagship_scorecard() -> None:
    from sim.scenario import load_scenario

    session = autoplay(Game(load_scenario(FLAGSHIP)), 1, "full").session
    card = scorecard(session)
    assert card.final
    assert len(card.seats) >= 3
    assert all(0 <= d.score <= 100 for d in card.dimensions.values())
