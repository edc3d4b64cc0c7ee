"""The instructor's full-information view: what the replay panes read instead of the engine."""

from __future__ import annotations

import ast

from sim.debrief.debrief import Cursor, Debrief
from sim.debrief.views.instructor import instructor_view
from sim.scoring.card import scorecard
from tests.conftest import ROOT


def test_the_view_holds_what_the_game_held_at_the_step(table_a: Debrief) -> None:
    for step in (0, table_a.steps // 2, table_a.steps):
        session = table_a.session_at(step)
        view = instructor_view(session, step)
        frame = table_a.trace.frames[step]
        assert (view.stage, view.round, view.year) == (frame.stage, frame.round, frame.year)
        assert view.trust.density == frame.density
        assert view.trust.partnership == frame.partnership
        assert view.agreed == frame.agreed
        assert view.at_table == frame.members
        assert view.truth.achieved == frame.achieved
        assert view.card.total == scorecard(session).total
        assert sum(line.pledged for line in view.ledger) == frame.pledged
        assert tuple(st.balance for st in view.streams) == frame.balances


def test_it_names_members_and_shows_every_sheet(table_a: Debrief) -> None:
    view = instructor_view(table_a.final, table_a.steps)
    game = table_a.game
    table = table_a.final.state.at_table()
    # Full information: every seated Member's points and BATNA, by name, never by id.
    assert [sheet.organization for sheet in view.truth.sheets] == table
    for sheet in view.truth.sheets:
        assert sheet.batna == game.orgs[sheet.organization].batna
        assert sheet.name == (
            game.orgs[sheet.organization].short or game.orgs[sheet.organization].name
        )
    assert {line.name for line in view.roster} >= {sheet.name for sheet in view.truth.sheets}
    assert all(line.sends in (None, "designee", "doer", "decision-maker") for line in view.roster)


def test_the_cursor_builds_one_view_per_step(table_a: Debrief) -> None:
    cursor = Cursor(table_a, 3)
    first = cursor.view()
    assert cursor.view() is first and first.step == 3
    cursor.goto(4)
    moved = cursor.view()
    assert moved is not first and moved.step == 4
    assert moved == instructor_view(table_a.session_at(4), 4)
    lens = cursor.lens(table_a.seats[1])
    assert "Own sheet" in dict(lens.sees) and "Below BATNA" in dict(lens.hidden)


def test_the_replay_viewer_never_imports_the_engines_session_or_state() -> None:
    forbidden = ("sim.engine.session", "sim.engine.state")
    for path in sorted((ROOT / "sim" / "tui" / "replay").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith(forbidden), f"{path.name}: {node.module}"
            elif isinstance(node, ast.Import):
                bad = [a.name for a in node.names if a.name.startswith(forbidden)]
                assert not bad, f"{path.name}: {bad}"
