"""The timeline: every step once, in the stage it was taken in, with what it changed."""

from __future__ import annotations

import random

from sim.debrief.debrief import Cursor, Debrief
from sim.debrief.trace.frames import capture
from sim.debrief.trace.tracer import trace
from sim.engine.actions import EndRound
from sim.record import simulate


def test_phases_cover_every_step_once_in_order(table_a: Debrief, table_b: Debrief) -> None:
    for debrief in (table_a, table_b):
        tl = debrief.timeline
        covered = [k for p in tl.phases if p.first for k in range(p.first, p.last + 1)]
        assert covered == list(range(1, debrief.steps + 1))
        for phase in tl.phases:
            for k in range(phase.first, phase.last + 1):
                assert tl.steps[k - 1].stage == phase.stage
        assert tl.phases[-1].stage == "adjourning" and tl.phases[-1].first == 0


def test_a_skip_and_a_regression_are_named(table_b: Debrief) -> None:
    titles = [p.title for p in table_b.timeline.phases]
    assert "Performing (skipped to)" in titles
    if table_b.final.state.regressions:
        assert "Storming (after a regression)" in titles


def test_a_step_says_who_did_what_and_what_moved(table_a: Debrief) -> None:
    joins = [s for s in table_a.timeline.steps if s.kind == "invite" and s.changes]
    assert joins
    step = joins[0]
    assert step.who == "Convener" and step.action.startswith("invites ")
    assert any(c.startswith("members ") for c in step.changes)
    assert any("joins" in line for line in step.said)


def test_carrying_figures_over_reflect_steps_changes_nothing(table_a: Debrief) -> None:
    """Frames skip the costly figures after a reflect; recomputing them gives the same."""
    session = simulate.fresh_session(table_a.save.header)
    game, rng = session.game, random.Random(2)
    before = capture(game, session.state, 0, None, None)
    for step in range(1, 400):
        if session.is_over:
            break
        legal = session.legal_actions()
        action = rng.choice(legal) if legal and rng.random() > 0.1 else EndRound()
        session.apply(action)
        carried = capture(game, session.state, step, before, action)
        fresh = capture(game, session.state, step, None, action)
        assert carried == fresh, f"step {step} ({action.kind})"
        before = carried


def test_the_traced_replay_keeps_the_same_trace(table_a: Debrief, table_b: Debrief) -> None:
    for debrief in (table_a, table_b):
        plain = trace(debrief.save)
        assert debrief.trace.frames == plain.frames
        assert debrief.trace.events == plain.events


def test_cursor_steps_forward_to_the_same_state_a_seek_reaches(table_a: Debrief) -> None:
    cursor = Cursor(table_a, 0)
    for step in range(1, table_a.steps + 1):
        forward = cursor.goto(step)
        assert forward.state_hash() == table_a.save.entries[step - 1].hash
    back = cursor.goto(3)
    assert back.state_hash() == table_a.save.entries[2].hash
    assert cursor.goto(table_a.steps + 50).state_hash() == table_a.save.entries[-1].hash
