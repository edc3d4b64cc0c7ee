"""The allocation editor's project detail says what measuring found and when a new study is
possible, so a convener never has to search the feed for it."""

from __future__ import annotations

from sim.engine import actions as A
from sim.play.choices import stream_choices
from sim.tui.game.allocation import project_detail
from tests.engine.conftest import apply_all
from tests.engine.test_structure_rules import funded, next_round, performing


def test_a_measured_project_shows_its_estimate_and_its_next_study() -> None:
    session = next_round(funded(performing()))
    apply_all(session, [A.Measure(project="retrofit")])
    studied, per_year = session.state.round, session.state.rounds_per_year
    estimate = session.state.estimates["retrofit"]
    text = project_detail(session.view(A.CONVENER), "retrofit")
    assert f"Measured in round {studied}: delivering about {estimate:,.1f}" in text
    assert f"a new study from round {studied + per_year}." in text
    while session.state.round < studied + per_year:
        next_round(session)
    assert "a new study is due now (m)." in project_detail(session.view(A.CONVENER), "retrofit")
    apply_all(session, [A.Measure(project="retrofit")])
    assert session.state.round + per_year > session.state.total_rounds  # the last year
    late = project_detail(session.view(A.CONVENER), "retrofit")
    assert "the game ends before another study." in late


def test_an_unmeasured_project_says_nothing_about_studies() -> None:
    session = next_round(funded(performing()))
    assert "Measured" not in project_detail(session.view(A.CONVENER), "retrofit")


def test_one_unit_left_is_one_unit() -> None:
    """The starter's pool pays for one rideshare unit."""
    details = [c.detail for c in stream_choices(performing().view(A.CONVENER), "rideshare")]
    assert "$61,875 left; up to 1 unit" in details
