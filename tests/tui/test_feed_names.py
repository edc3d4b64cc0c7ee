"""The feed marks the seat's own organization where the engine's words name it."""

from __future__ import annotations

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.notices import MemberJoined
from sim.scenario.load import load_scenario
from sim.tui.game.widgets.feed import OWN_STYLE, feed_line, own_names, strip_text
from tests.tui.seats import HEALTH, HOMES, at_table, member_driver


def test_a_member_finds_its_own_name_marked_in_the_feed() -> None:
    view = member_driver(7, at_table).view
    full, short = view.scenario.name(HEALTH), view.scenario.short(HEALTH)
    assert own_names(view) == tuple(dict.fromkeys((full, short)))
    joined = next(n for n in view.feed if isinstance(n, MemberJoined) and full in n.text)
    line = feed_line(joined, own_names(view))
    marked = [line.plain[s.start : s.end] for s in line.spans if s.style == OWN_STYLE]
    assert marked == [full]
    others = next(n for n in view.feed if isinstance(n, MemberJoined) and full not in n.text)
    assert not [s for s in feed_line(others, own_names(view)).spans if s.style == OWN_STYLE]
    # The strip under the table marks it too.
    strip = strip_text([joined], own=own_names(view))
    assert any(full == strip.plain[s.start : s.end] for s in strip.spans)


def test_the_convener_has_no_name_of_its_own_to_mark() -> None:
    session = Game(load_scenario(HOMES)).new_session(7, {A.CONVENER: "human"})
    assert own_names(session.view(A.CONVENER)) == ()
