"""An organization seat's own score (issue #11): its points against its BATNA, and the
commitments it kept."""

from __future__ import annotations

import pytest

from sim.engine import actions as A
from sim.scoring.card import scorecard
from tests.engine.conftest import apply_all
from tests.engine.test_seats import norming_with, performing_with_county, pledged


def test_a_seats_points_are_what_the_agreement_gives_it_against_its_batna() -> None:
    session = norming_with("county")
    session.state.agreement.update({"governance": "shared", "rule": "consensus"})
    seat = scorecard(session).seats["county"]
    assert seat.points == 15 + 15  # the county's sheet: shared 15, consensus 15
    assert seat.batna == 15 and seat.above_batna


def test_a_seat_scores_the_share_of_its_pledge_it_delivered() -> None:
    session = pledged(performing_with_county())
    assert scorecard(session).seats["county"].kept_share is None  # nothing due yet
    apply_all(session, [A.Deliver(seat="county", amount=40_000)])
    seat = scorecard(session).seats["county"]
    assert seat.pledged == 100_000 and seat.delivered == 40_000
    assert seat.kept_share == pytest.approx(0.4)
    assert any("$40,000 delivered of $100,000 pledged" in line for line in seat.why)


def test_keeping_a_pledge_scores_the_seat_more_than_reneging() -> None:
    kept, broken = (pledged(performing_with_county()) for _ in range(2))
    apply_all(kept, [A.Deliver(seat="county", amount=100_000)])
    apply_all(broken, [A.Deliver(seat="county", amount=0)])
    assert scorecard(kept).seats["county"].score > scorecard(broken).seats["county"].score


def test_a_seat_that_walked_out_has_its_batna() -> None:
    session = performing_with_county()
    apply_all(session, [A.WalkOut(seat="county")])
    seat = scorecard(session).seats["county"]
    assert seat.points == seat.batna and seat.above_batna
