"""Whatever legal actions a table takes, the rules' invariants hold after every step.

Hypothesis drives random legal action sequences (an index into the legal
actions of the convener and of a human organization seat, ending rounds
often) and checks, after each action: money is conserved in every stream, the
commitment ledger is sane, trust stays in [0, 1], the stage moves only along
the machine's transitions, rounds never go back, no seat sees another's
confidential sheet, and illegal actions change nothing.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.engine import Game, IllegalAction, Session
from sim.engine import actions as A
from sim.engine import notices as E
from sim.engine.stages import STAGES, TRANSITIONS
from sim.scenario.models import AddMoney, BudgetCut, GrantStream, LoanStream
from tests.engine.conftest import FLAGSHIP, SHORT_SCENARIOS, flagship_exists, load_game

TOLERANCE = 0.01
MOVES: set[tuple[str, str]] = {
    (source, t["dest"])
    for t in TRANSITIONS
    for source in (t["source"] if isinstance(t["source"], list) else [t["source"]])
}


# ---------------------------------------------------------------------- the checks


@dataclass
class Before:
    """What the checks compare against: the state just before an action."""

    stage: str
    round: int
    visited: int
    streams: dict[str, tuple[float, float, float]]  # balance, received, spent
    delivered: dict[str, float]
    settled: list[float | None]
    left: set[str]  # organizations already gone
    held: dict[str, float]  # results-only money waiting for a measured result


def snapshot(session: Session) -> Before:
    s = session.state
    return Before(
        stage=s.stage,
        round=s.round,
        visited=len(s.stages_visited),
        streams={k: (v.balance, v.received, v.spent) for k, v in s.streams.items()},
        delivered=_delivered(session),
        left={org for org, m in s.members.items() if m.status == "left"},
        held=dict(s.held),
        settled=[p.delivered for p in s.ledger],
    )


def _delivered(session: Session) -> dict[str, float]:
    out = dict.fromkeys(session.state.streams, 0.0)
    for pledge in session.state.ledger:
        out[pledge.stream] += pledge.delivered or 0.0
    return out


def check_start(session: Session) -> None:
    """A fresh session: grants and loans hold their amount, nothing else holds money."""
    for spec in session.game.scenario.streams:
        stream = session.state.streams[spec.id]
        opening = spec.amount if isinstance(spec, GrantStream | LoanStream) else 0.0
        opening -= session.state.held.get(spec.id, 0.0)  # results-only money waits
        assert stream.balance == pytest.approx(opening)
        assert stream.received == pytest.approx(opening)
        assert stream.spent == 0.0
    assert session.state.stage == "forming" and session.state.stages_visited == ["forming"]


def check_money(session: Session, before: Before, events: list[E.Event]) -> None:
    s, game = session.state, session.game
    delivered = _delivered(session)
    # Money events fired by this action, per stream.
    added = dict.fromkeys(s.streams, 0.0)
    cut: set[str] = set()
    stopped = any(isinstance(e, E.Stopped) for e in events)
    # A provider that leaves takes what its stream still held (sim/engine/membership.py).
    gone = {org for org, m in s.members.items() if m.status == "left"} - before.left
    withdrawn = {
        spec.id for spec in game.scenario.streams if getattr(spec, "provider", None) in gone
    }
    for fired in (e for e in events if isinstance(e, E.ScenarioEventFired)):
        spec = next(ev for ev in game.scenario.events if ev.id == fired.event)
        for effect in spec.effects:
            if isinstance(effect, AddMoney):
                added[effect.stream] += effect.amount
            elif isinstance(effect, BudgetCut):
                cut.add(effect.stream)
    for stream_id, stream in s.streams.items():
        # Conservation: every dollar received was spent or is still there.
        assert stream.received == pytest.approx(stream.spent + stream.balance, abs=TOLERANCE), (
            f"{stream_id}: received {stream.received} != spent {stream.spent} "
            f"+ balance {stream.balance}"
        )
        assert stream.balance >= -TOLERANCE, f"{stream_id} is overdrawn: {stream.balance}"
        old_balance, old_received, old_spent = before.streams[stream_id]
        # Only stopping a project returns money it had not yet paid out.
        if not stopped:
            assert stream.spent >= old_spent - TOLERANCE, f"{stream_id}: spending was undone"
        # What it received this step: delivered pledges, plus event money, minus cuts,
        # less what results-only money held back (or plus what a measurement released).
        inflow = stream.received - old_received
        held = s.held.get(stream_id, 0.0) - before.held.get(stream_id, 0.0)
        expected = delivered[stream_id] - before.delivered[stream_id] + added[stream_id] - held
        if stream_id in cut:
            # A cut takes a share of what the stream held, never more than that.
            assert -old_balance - TOLERANCE <= inflow <= expected + TOLERANCE
        elif stream_id in withdrawn:
            assert stream.balance == pytest.approx(0.0, abs=TOLERANCE), f"{stream_id} kept money"
            assert -old_balance - TOLERANCE <= inflow <= TOLERANCE
        else:
            assert inflow == pytest.approx(expected, abs=TOLERANCE), (
                f"{stream_id} received {inflow:+.2f} but pledges and events explain {expected:+.2f}"
            )


def check_ledger(session: Session, before: Before) -> None:
    ledger = session.state.ledger
    assert len(ledger) >= len(before.settled), "a ledger line disappeared"
    for n, pledge in enumerate(ledger):
        assert pledge.pledged >= 0
        if pledge.delivered is not None:
            assert pledge.delivered >= 0, f"negative delivery {pledge}"
            assert pledge.delivered <= pledge.pledged + 1e-9, f"over-delivered {pledge}"
        if n < len(before.settled) and before.settled[n] is not None:
            assert pledge.delivered == before.settled[n], "a settled ledger line was rewritten"


def check_trust(session: Session) -> None:
    s = session.state
    for i, row in enumerate(s.trust):
        for j, value in enumerate(row):
            assert 0.0 <= value <= 1.0, f"trust[{i}][{j}] = {value}"
    for org, member in s.members.items():
        assert 0.0 <= member.tau <= 1.0, f"{org}.tau = {member.tau}"


def check_stage(session: Session, before: Before, events: list[E.Event]) -> None:
    s = session.state
    assert s.stage in STAGES
    path = [before.stage, *s.stages_visited[before.visited :]]
    for source, dest in itertools.pairwise(path):
        assert (source, dest) in MOVES, f"stage moved {source} -> {dest}, not a transition"
    assert path[-1] == s.stage
    changes = [(e.source, e.dest) for e in events if isinstance(e, E.StageChanged)]
    assert changes == list(itertools.pairwise(path))
    assert s.round >= before.round, "the round went backwards"
    assert s.round <= before.round + 1, "one action ended more than one round"
    assert s.convener_time >= 0 and s.convener_budget >= -TOLERANCE


def check_views(session: Session, seats: list[str]) -> None:
    """Each seat sees its own confidential sheet and nobody else's."""
    game = session.game
    orgs = game.scenario.organizations
    briefs = {o.id: o.brief.strip() for o in orgs if o.brief.strip()}
    convener_brief = game.scenario.convener.brief.strip()
    for seat in seats:
        view = session.view(seat)
        text = json.dumps(view.model_dump(mode="json"))
        if seat == A.CONVENER:
            for org, brief in briefs.items():
                assert brief not in text, f"the convener's view shows {org}'s brief"
            assert '"batna"' not in text
            assert '"points"' not in text
            continue
        mine = game.orgs[seat]
        assert view.sheet is not None and view.sheet.batna == mine.batna
        if convener_brief:
            assert convener_brief not in text, f"{seat}'s view shows the convener's brief"
        for other in orgs:
            if other.id == seat:
                continue
            brief = briefs.get(other.id)
            if brief and brief != mine.brief.strip():
                assert brief not in text, f"{seat}'s view shows {other.id}'s brief"
            if other.points and other.points != mine.points:
                assert json.dumps(other.points) not in text, (
                    f"{seat}'s view shows {other.id}'s points"
                )
        assert text.count('"batna"') == 1 and text.count('"points"') == 1


_ANY: dict[int, st.SearchStrategy[A.Action]] = {}


def any_action(game: Game) -> st.SearchStrategy[A.Action]:
    """Any well-formed action at all: real or unknown ids, any seat, numbers in range."""
    if id(game) not in _ANY:
        _ANY[id(game)] = _any_action(game)
    return _ANY[id(game)]


def _any_action(game: Game) -> st.SearchStrategy[A.Action]:

    def ids(known: list[str]) -> st.SearchStrategy[str]:
        return st.sampled_from([*known, "no-such-id"])

    orgs = list(game.orgs)
    org_seats = st.sampled_from([A.CONVENER, *orgs, "observer"])
    seats = st.sampled_from([A.CONVENER, *orgs, "observer"])
    options = [o.id for issue in game.scenario.issues for o in issue.options]
    return st.one_of(
        st.builds(A.Invite, seat=seats, organization=ids(orgs), ask=st.sampled_from(ASKS)),
        st.builds(
            A.ChooseResult,
            seat=seats,
            metric=ids(list(game.metrics)),
            target=st.floats(-10, 1e6, allow_nan=False),
        ),
        st.builds(
            A.HandleTension,
            seat=seats,
            tension=ids(list(game.tensions)),
            how=st.sampled_from(["open", "mediate", "defer", "override", "side_deal"]),
            favor=st.integers(0, 5),
        ),
        st.builds(A.Propose, seat=seats, issue=ids(list(game.issues)), option=ids(options)),
        st.builds(A.Vote, seat=seats, choice=st.sampled_from(["yes", "no", "stand_aside"])),
        st.builds(
            A.Pledge, seat=org_seats, stream=ids(list(game.streams)), amount=st.floats(0, 1e8)
        ),
        st.builds(
            A.Fund,
            seat=seats,
            project=ids(list(game.projects)),
            stream=ids(list(game.streams)),
            units=st.integers(1, 10**6),
        ),
        st.builds(A.Measure, seat=seats, project=ids(list(game.projects))),
        st.builds(A.Reflect, seat=seats, behavior=st.sampled_from(BEHAVIORS)),
        st.builds(A.Advance, seat=seats),
        st.builds(A.Skip, seat=seats),
        st.builds(A.EndRound, seat=seats),
        st.builds(
            A.Respond,
            seat=seats,
            event=ids([e.id for e in game.scenario.events]),
            response=st.sampled_from(["absorb", "rally", "replace"]),
        ),
    )


ASKS = ["letter", "staff_call", "convener_meeting", "champion"]
BEHAVIORS = ["problem_defining", "interpreting", "solution_finding", "analyzing_reflecting"]


def probe_illegal(session: Session, human: str | None, extra: list[A.Action]) -> None:
    """Actions the rules forbid here raise IllegalAction and leave no trace.

    `extra` are arbitrary actions: those the rules allow now are left alone.
    """
    s, game = session.state, session.game
    bot = next(o for o in game.orgs if session.seats.get(o) != "human")
    probes: list[A.Action] = [
        A.Invite(organization="no-such-organization"),
        A.HandleTension(tension="no-such-tension", how="open"),
        A.Propose(issue="no-such-issue", option="x"),
        A.Fund(project="no-such-project", stream=game.scenario.streams[0].id, units=1),
        A.ChooseResult(metric="no-such-metric", target=1.0),
        A.Vote(seat=bot, choice="yes"),  # a bot's seat cannot be played from outside
        A.Pledge(seat=bot, stream=game.scenario.streams[0].id, amount=1.0),
    ]
    if human is not None:
        probes.append(A.Pledge(seat=human, stream="no-such-stream", amount=1.0))
    project, stream = game.scenario.projects[0].id, game.scenario.streams[0].id
    issue = game.scenario.issues[0]
    if s.stage != "performing":
        probes.append(A.Fund(project=project, stream=stream, units=1))
        probes.append(A.Measure(project=project))
    if s.stage in ("forming", "storming"):
        probes.append(A.Propose(issue=issue.id, option=issue.options[0].id))
    if s.stage != "forming":
        probes.append(A.Skip())
    if s.pending is None and human is not None:
        probes.append(A.Vote(seat=human, choice="no"))
    for action in probes:
        reason = session.why_illegal(action)
        assert reason is not None, f"{action!r} should be illegal in {s.stage}"
    probes += [action for action in extra if session.why_illegal(action) is not None]
    digest = session.state_hash()
    for action in probes:
        history, feed = len(session.history), len(session.feed)
        with pytest.raises(IllegalAction):
            session.apply(action)
        assert len(session.history) == history and len(session.feed) == feed
    # One hash for all probes (hashing is the slow part): any change would show here.
    assert session.state_hash() == digest, f"an illegal action changed the state: {probes}"


# ---------------------------------------------------------------------- the driver


def play_randomly(
    game: Game, data: st.DataObject, max_steps: int, view_sample: int | None = None
) -> None:
    seed = data.draw(st.integers(0, 2**16), label="seed")
    human = data.draw(st.sampled_from([None, *game.orgs]), label="human organization")
    seats = {"convener": "human"} | ({human: "human"} if human else {})
    session = game.new_session(seed, seats)
    check_start(session)
    org_seats = list(game.orgs)
    for _ in range(max_steps):
        if session.is_over:
            break
        legal = session.legal_actions(A.CONVENER)
        if human is not None:
            legal += session.legal_actions(human)
        assert legal, "a session that is not over always offers something to do"
        # Pick a kind of action first, then one of that kind: fifty invitations on offer
        # should not drown out the one Advance. Ending the round is one kind among them.
        kinds = sorted({a.kind for a in legal})
        kind = data.draw(st.sampled_from(kinds), label="kind")
        of_kind = [a for a in legal if a.kind == kind]
        action = of_kind[data.draw(st.integers(0, len(of_kind) - 1), label="action")]
        extra = data.draw(st.lists(any_action(game), max_size=3), label="arbitrary actions")
        probe_illegal(session, human, extra)
        before = snapshot(session)
        events = session.apply(action)  # a legal action never raises
        assert session.history[-1] == action
        check_money(session, before, events)
        check_ledger(session, before)
        check_trust(session)
        check_stage(session, before, events)
        if view_sample is None:
            seats_to_check = [A.CONVENER, *org_seats]
        else:
            picked = data.draw(
                st.lists(st.sampled_from(org_seats), max_size=view_sample), label="views"
            )
            seats_to_check = [A.CONVENER, *picked]
        check_views(session, seats_to_check)


COMMON = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


@pytest.mark.parametrize("name", SHORT_SCENARIOS)
@settings(max_examples=90, **COMMON)
@given(data=st.data())
def test_invariants_hold_along_random_legal_play(name: str, data: st.DataObject) -> None:
    play_randomly(load_game(name), data, max_steps=80)


@settings(max_examples=12, **COMMON)
@given(data=st.data())
def test_invariants_hold_along_random_legal_play_on_the_flagship(data: st.DataObject) -> None:
    if not flagship_exists():
        pytest.skip(f"scenarios/{FLAGSHIP}.toml does not exist yet")
    play_randomly(load_game(FLAGSHIP), data, max_steps=60, view_sample=4)
