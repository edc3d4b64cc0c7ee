"""The choices each dialog offers, built from the session without Textual, so tests read them.

Every choice carries the reason it is not possible now (from `Session.why_illegal`), so
a dialog can show it greyed out *with words* rather than hide it or rely on colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sim.engine import actions as A
from sim.engine.money import affordable_units
from sim.engine.session import Session
from sim.engine.storming import HANDLE_TIME
from sim.play.words import money
from sim.scenario.words import ASK, BEHAVIOR, HANDLING, HANDLING_EFFECT, RESPONSE, RESPONSE_EFFECT

T = TypeVar("T")


@dataclass(frozen=True)
class Choice(Generic[T]):
    """One line of a dialog: what it says, what choosing it gives, and why it is off."""

    label: str
    value: T
    reason: str | None = None
    detail: str = ""

    @property
    def ok(self) -> bool:
        return self.reason is None


def ask_choices(session: Session, org: str) -> list[Choice[A.Action]]:
    """The four ways to invite an organization, each with the convener time it takes."""
    game = session.game
    costs = game.scenario.dynamics.ask_cost
    extra = game.orgs[org].sends.extra_cost
    out: list[Choice[A.Action]] = []
    for ask, label in ASK.items():
        action = A.Invite(organization=org, ask=ask)  # type: ignore[arg-type]
        time = costs.get(ask, 0) + extra
        out.append(Choice(f"By {label}", action, session.why_illegal(action), f"takes {time} time"))
    return out


def result_choices(session: Session) -> list[Choice[A.Action]]:
    """Every metric and candidate target the scenario offers for the measurable result."""
    out: list[Choice[A.Action]] = []
    for metric in session.game.scenario.results:
        for target in metric.targets:
            action = A.ChooseResult(metric=metric.id, target=target)
            out.append(
                Choice(
                    f"{target:g} {metric.unit} — {metric.name}",
                    action,
                    session.why_illegal(action),
                )
            )
    return out


def tension_choices(session: Session) -> list[Choice[str]]:
    """The tensions open now, hottest first."""
    game, s = session.game, session.state
    open_ = [t for t, st in s.tensions.items() if st.status == "open"]
    open_.sort(key=lambda t: -s.tensions[t].heat)
    return [
        Choice(
            game.tensions[t].title,
            t,
            None,
            f"heat {s.tensions[t].heat:.2f}",
        )
        for t in open_
    ]


def sides(session: Session, tension: str) -> list[list[str]]:
    spec = session.game.tensions[tension]
    found: list[list[str]] = spec.sides or [[p] for p in spec.parties]
    return found


def how_choices(session: Session, tension: str) -> list[Choice[str]]:
    """Five ways to handle a tension, with time, money and what each tends to do."""
    spec = session.game.tensions[tension]
    out: list[Choice[str]] = []
    for how, label in HANDLING.items():
        cost = {"mediate": spec.mediation_cost, "side_deal": spec.mediation_cost / 2}.get(how, 0.0)
        price = f", {money(cost)}" if cost else ""
        action = A.HandleTension(tension=tension, how=how)  # type: ignore[arg-type]
        out.append(
            Choice(
                label,
                how,
                session.why_illegal(action),
                f"{HANDLE_TIME[how]} time{price}: {HANDLING_EFFECT[how]}",
            )
        )
    return out


def side_choices(session: Session, tension: str, how: str) -> list[Choice[A.Action]]:
    """Which side an override or side deal favors, naming who is on it."""
    game = session.game
    out: list[Choice[A.Action]] = []
    for n, side in enumerate(sides(session, tension)):
        names = ", ".join(game.orgs[o].short or game.orgs[o].name for o in side)
        action = A.HandleTension(tension=tension, how=how, favor=n)  # type: ignore[arg-type]
        out.append(Choice(f"Side {n + 1}: {names}", action, session.why_illegal(action)))
    return out


def reflect_choices(session: Session) -> list[Choice[A.Action]]:
    """The four problem-solving behaviors, each a round's worth of the table's time."""
    out: list[Choice[A.Action]] = []
    for behavior, label in BEHAVIOR.items():
        action = A.Reflect(behavior=behavior)  # type: ignore[arg-type]
        count = session.state.problem_solving.get(behavior, 0)
        out.append(Choice(label, action, session.why_illegal(action), f"done {count}×"))
    return out


def issue_choices(session: Session) -> list[Choice[str]]:
    """The negotiation issues, each with what the agreement says on it so far."""
    game, s = session.game, session.state
    out: list[Choice[str]] = []
    for issue in game.scenario.issues:
        adopted = s.agreement.get(issue.id)
        label = next((o.label for o in issue.options if o.id == adopted), "")
        detail = f"adopted: {label}" if adopted else "open"
        out.append(Choice(issue.name, issue.id, None, detail))
    return out


def option_choices(session: Session, issue: str) -> list[Choice[A.Action]]:
    """The options of one issue, each a proposal the convener can put to a vote now or not."""
    spec = session.game.issues[issue]
    out: list[Choice[A.Action]] = []
    for option in spec.options:
        action = A.Propose(issue=issue, option=option.id)
        out.append(Choice(option.label, action, session.why_illegal(action)))
    return out


def stream_choices(session: Session, project: str) -> list[Choice[str]]:
    """The streams that could pay for a project, with the units each can afford now."""
    game, s = session.game, session.state
    spec = game.projects[project]
    out: list[Choice[str]] = []
    for stream in game.scenario.streams:
        units = affordable_units(game, s, spec, stream.id)
        balance = f"{money(s.streams[stream.id].balance)} left"
        if units >= 1:
            reason = session.why_illegal(A.Fund(project=project, stream=stream.id, units=1))
        else:
            reason = session.why_illegal(A.Fund(project=project, stream=stream.id, units=1)) or (
                "cannot pay for a unit now"
            )
        detail = f"{balance}; up to {units} units" if reason is None else balance
        out.append(Choice(stream.name, stream.id, reason, detail))
    return out


def news_choices(session: Session) -> list[Choice[str]]:
    """Scenario events that landed this round and wait for the convener's answer."""
    titles = {e.id: e.title for e in session.game.scenario.events}
    return [Choice(titles.get(e, e), e) for e in session.state.awaiting]


def response_choices(session: Session, event: str) -> list[Choice[A.Action]]:
    """Absorb, rally or replace: each with what it costs and does, or why it is off."""
    out: list[Choice[A.Action]] = []
    for response, label in RESPONSE.items():
        action = A.Respond(event=event, response=response)  # type: ignore[arg-type]
        out.append(Choice(label, action, session.why_illegal(action), RESPONSE_EFFECT[response]))
    return out
