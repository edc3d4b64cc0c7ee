"""The choices each dialog offers, built from the seat's view without Textual, so tests read them.

Every choice carries the reason it is not possible now (from the view's moves, which are
the engine's own `why_illegal`), so a dialog can show it greyed out *with words* rather
than hide it or rely on colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sim.engine import actions as A
from sim.engine.view import SeatView
from sim.play.words import money
from sim.scenario.words import (
    ASK,
    BEHAVIOR,
    HANDLING,
    HANDLING_EFFECT,
    RESPONSE,
    RESPONSE_EFFECT,
)

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


def ask_choices(view: SeatView, org: str) -> list[Choice[A.Action]]:
    """The four ways to invite an organization, each with the convener time it takes."""
    public = view.scenario
    extra = public.orgs[org].extra_cost
    out: list[Choice[A.Action]] = []
    for ask, label in ASK.items():
        action = A.Invite(organization=org, ask=ask)  # type: ignore[arg-type]
        time = public.ask_cost.get(ask, 0) + extra
        took = f"takes {time} time" if time else "takes no time"
        out.append(Choice(f"By {label}", action, view.why_not(action), took))
    return out


def result_choices(view: SeatView) -> list[Choice[A.Action]]:
    """Every metric and candidate target the scenario offers for the measurable result."""
    out: list[Choice[A.Action]] = []
    for metric in view.scenario.results:
        for target in metric.targets:
            action = A.ChooseResult(metric=metric.id, target=target)
            out.append(
                Choice(f"{target:g} {metric.unit} — {metric.name}", action, view.why_not(action))
            )
    return out


def tension_choices(view: SeatView) -> list[Choice[str]]:
    """The tensions open now, hottest first."""
    open_ = sorted((t for t in view.tensions if t.status == "open"), key=lambda t: -t.heat)
    return [
        Choice(view.scenario.tension[t.tension].title, t.tension, None, f"heat {t.heat:.2f}")
        for t in open_
    ]


def sides(view: SeatView, tension: str) -> list[list[str]]:
    spec = view.scenario.tension[tension]
    found: list[list[str]] = spec.sides or [[p] for p in spec.parties]
    return found


def how_choices(view: SeatView, tension: str) -> list[Choice[str]]:
    """Five ways to handle a tension, with time, money and what each tends to do."""
    costs = view.handling_cost[tension]
    out: list[Choice[str]] = []
    for how, label in HANDLING.items():
        cost = costs.get(how, 0.0)
        price = f", {money(cost)}" if cost else ""
        action = A.HandleTension(tension=tension, how=how)  # type: ignore[arg-type]
        out.append(
            Choice(
                label,
                how,
                view.why_not(action),
                f"{view.handle_time[how]} time{price}: {HANDLING_EFFECT[how]}",
            )
        )
    return out


def side_choices(view: SeatView, tension: str, how: str) -> list[Choice[A.Action]]:
    """Which side an override or side deal favors, naming who is on it."""
    out: list[Choice[A.Action]] = []
    for n, side in enumerate(sides(view, tension)):
        names = ", ".join(view.scenario.short(o) for o in side)
        action = A.HandleTension(tension=tension, how=how, favor=n)  # type: ignore[arg-type]
        detail = _override_odds(view, tension, n) if how == "override" else ""
        out.append(Choice(f"Side {n + 1}: {names}", action, view.why_not(action), detail))
    return out


def _override_odds(view: SeatView, tension: str, favor: int) -> str:
    """What the vote an override calls would do: it costs the losing side trust either way,
    and one veto holder among them sinks it."""
    ballot = view.override_ballot(tension, favor)
    if ballot.vetoes:
        who = ", ".join(view.scenario.short(m) for m in ballot.vetoes)
        return f"fails: {who} can veto it"
    return f"{'carries' if ballot.carries else 'fails'} {ballot.yes}–{ballot.no}"


def reflect_choices(view: SeatView) -> list[Choice[A.Action]]:
    """The four problem-solving behaviors, each a round's worth of the table's time."""
    out: list[Choice[A.Action]] = []
    for behavior, label in BEHAVIOR.items():
        action = A.Reflect(behavior=behavior)  # type: ignore[arg-type]
        count = view.problem_solving.get(behavior, 0)
        out.append(Choice(label, action, view.why_not(action), f"done {count}×"))
    return out


def issue_choices(view: SeatView) -> list[Choice[str]]:
    """The negotiation issues, each with what the agreement says on it so far."""
    out: list[Choice[str]] = []
    for issue in view.scenario.issues:
        adopted = view.agreement.get(issue.id)
        detail = f"adopted: {view.scenario.option_label(issue.id, adopted)}" if adopted else "open"
        out.append(Choice(issue.name, issue.id, None, detail))
    return out


def option_choices(view: SeatView, issue: str) -> list[Choice[A.Action]]:
    """The options of one issue, each a proposal the convener can put to a vote now or not."""
    out: list[Choice[A.Action]] = []
    for option in view.scenario.issue[issue].options:
        action = A.Propose(issue=issue, option=option.id)
        out.append(Choice(option.label, action, view.why_not(action)))
    return out


def stream_choices(view: SeatView, project: str) -> list[Choice[str]]:
    """The streams that could pay for a project, with the units each can afford now."""
    out: list[Choice[str]] = []
    for stream in view.scenario.streams:
        units = view.fundable(project, stream.id)
        balance = f"{money(view.stream[stream.id].balance)} left"
        reason = view.why_not(A.Fund(project=project, stream=stream.id, units=1))
        if units < 1 and reason is None:
            reason = "cannot pay for a unit now"
        detail = (
            f"{balance}; up to {units} unit{'' if units == 1 else 's'}"
            if reason is None
            else balance
        )
        out.append(Choice(stream.name, stream.id, reason, detail))
    return out


def news_choices(view: SeatView) -> list[Choice[str]]:
    """Scenario events that landed this round and wait for the convener's answer."""
    return [Choice(view.event_titles.get(e, e), e) for e in view.awaiting]


def response_choices(view: SeatView, event: str) -> list[Choice[A.Action]]:
    """Absorb, rally or replace: each with what it costs and does, or why it is off."""
    out: list[Choice[A.Action]] = []
    for response, label in RESPONSE.items():
        action = A.Respond(event=event, response=response)  # type: ignore[arg-type]
        out.append(Choice(label, action, view.why_not(action), RESPONSE_EFFECT[response]))
    return out
