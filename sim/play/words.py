"""Words screens build from the game's own: money, names, seats and one line per action.

The labels themselves (stages, asks, representatives, handlings, rules, behaviors) live
in `sim.scenario.words`, shared with the engine's feed and the debrief.
"""

from __future__ import annotations

from sim.engine import actions as A
from sim.engine.facts import Facts
from sim.engine.public import PublicScenario
from sim.engine.view import SeatView
from sim.scenario.words import ASK, BEHAVIOR, HANDLING, RESPONSE, VOTE

# A seat knows its view (and the public scenario in it); the host knows the whole game.
Known = SeatView | PublicScenario | Facts


def _public(known: Known) -> PublicScenario:
    if isinstance(known, Facts):
        return known.public
    return known.scenario if isinstance(known, SeatView) else known


def _event_title(known: Known, event: str) -> str:
    """A scenario event's title, where the reader may know it (a seat: once it fired)."""
    if isinstance(known, Facts):
        return next((e.title for e in known.scenario.events if e.id == event), event)
    return known.event_titles.get(event, event) if isinstance(known, SeatView) else event


def stage_title(stage: str) -> str:
    return stage.capitalize()


def money(amount: float) -> str:
    """Dollars, shortened past a million so meters stay on one line: $1.25M, $48,000."""
    if abs(amount) >= 1_000_000:
        return f"${amount / 1_000_000:,.2f}M"
    return f"${amount:,.0f}"


def org_name(scenario: Known, org: str) -> str:
    return _public(scenario).name(org)


def seat_label(scenario: Known, seat: str) -> str:
    """'Convener (Office of the Mayor)' or an organization's name."""
    public = _public(scenario)
    if seat == A.CONVENER:
        return f"Convener ({public.convener.name})"
    return public.name(seat)


def describe(known: Known, action: A.Action) -> str:
    """One line saying what an action does, for the palette, dialogs and tests."""
    game = _public(known)
    match action:
        case A.Invite(organization=org, ask=ask):
            return f"Invite {org_name(game, org)} by {ASK[ask]}"
        case A.ChooseResult(metric=metric, target=target):
            m = game.metric[metric]
            return f"Name the result: {target:g} {m.unit} of {m.name}"
        case A.HandleTension(tension=tension, how=how, favor=favor):
            title = game.tension[tension].title
            side = f" (favoring side {favor + 1})" if how in ("override", "side_deal") else ""
            return f"{HANDLING[how]}: {title}{side}"
        case A.Propose(issue=issue, option=option):
            spec = game.issue[issue]
            label = next((o.label for o in spec.options if o.id == option), option)
            return f"Propose {spec.name}: {label}"
        case A.Vote(choice=choice):
            return f"Vote {VOTE[choice]}"
        case A.Pledge(amount=amount, stream=stream):
            return f"Pledge {money(amount)} to {game.stream[stream].name}"
        case A.Fund(project=project, stream=stream, units=units):
            p = game.project[project]
            s = game.stream[stream].name
            return f"Fund {units} × {p.unit} of {p.name} from {s}"
        case A.Measure(project=project):
            return f"Measure {game.project[project].name}"
        case A.Reflect(behavior=behavior):
            return f"Reflect: {BEHAVIOR[behavior]}"
        case A.Advance():
            return "Advance to the next stage"
        case A.Skip():
            return "Skip straight to performing"
        case A.EndRound():
            return "End the round"
        case A.Respond(event=event, response=response):
            return f"Respond to '{_event_title(known, event)}': {RESPONSE[response]}"
    return action.kind.replace("_", " ")
