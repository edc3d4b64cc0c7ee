"""Answering a scenario event: rally the members, replace a champion, or absorb it."""

from __future__ import annotations

import pytest

from sim.engine import Game, IllegalAction
from sim.engine import actions as A
from sim.scenario import parse_scenario
from sim.scenario.starter import starter_text

SHOCKS = """
[[events]]
id = "scandal"
title = "A scandal"
text = "A member's contract scandal hits the papers."
trigger = { on = "round", year = 1, round = 2 }
effects = [{ effect = "trust_shock", amount = -0.2 }, { effect = "champion_leaves", organization = "city" }]
"""


def _session():  # type: ignore[no-untyped-def]
    text = starter_text("d", "D", "d.toml").replace("[[results]]", SHOCKS + "\n[[results]]", 1)
    game = Game(parse_scenario(text))
    session = game.new_session(1, {"convener": "human"})
    session.apply(A.Invite(organization="city", ask="champion"))
    session.apply(A.Invite(organization="county", ask="letter"))
    events = session.apply(A.EndRound())
    assert any(e.kind == "scenario_event" for e in events)
    return session


def test_an_answerable_event_is_offered_a_response() -> None:
    session = _session()
    offered = {(a.event, a.response) for a in session.legal_actions() if a.kind == "respond"}
    assert offered == {("scandal", "absorb"), ("scandal", "rally"), ("scandal", "replace")}


def test_rally_steadies_trust_and_costs_time() -> None:
    session = _session()
    before = {m: session.state.members[m].tau for m in session.state.at_table()}
    time = session.state.convener_time
    session.apply(A.Respond(event="scandal", response="rally"))
    assert session.state.convener_time == time - 2
    assert all(session.state.members[m].tau > before[m] for m in before)
    with pytest.raises(IllegalAction, match="not waiting"):
        session.apply(A.Respond(event="scandal", response="absorb"))


def test_replace_brings_the_decision_maker_back() -> None:
    session = _session()
    assert session.state.members["city"].representative == "designee"
    session.apply(A.Respond(event="scandal", response="replace"))
    assert session.state.members["city"].representative == "decision_maker"


def test_a_response_belongs_to_its_round() -> None:
    session = _session()
    session.apply(A.EndRound())
    assert session.why_illegal(A.Respond(event="scandal", response="absorb")) is not None
