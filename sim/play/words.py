"""Words screens build from the game's own: money, names, seats and one line per action.

The labels themselves (stages, asks, representatives, handlings, rules, behaviors) live
in `sim.scenario.words`, shared with the engine's feed and the debrief.
"""

from __future__ import annotations

from sim.engine import actions as A
from sim.engine.game import Game
from sim.scenario.words import ASK, BEHAVIOR, HANDLING, RESPONSE, VOTE


def stage_title(stage: str) -> str:
    return stage.capitalize()


def money(amount: float) -> str:
    """Dollars, shortened past a million so meters stay on one line: $1.25M, $48,000."""
    if abs(amount) >= 1_000_000:
        return f"${amount / 1_000_000:,.2f}M"
    return f"${amount:,.0f}"


def org_name(game: Game, org: str) -> str:
    return game.orgs[org].name if org in game.orgs else org


def seat_label(game: Game, seat: str) -> str:
    """'the convener (Office of the Mayor)' or an organization's name."""
    if seat == A.CONVENER:
        return f"Convener ({game.scenario.convener.name})"
    return org_name(game, seat)


def describe(game: Game, action: A.Action) -> str:
    """One line saying what an action does, for the palette, dialogs and tests."""
    match action:
        case A.Invite(organization=org, ask=ask):
            return f"Invite {org_name(game, org)} by {ASK[ask]}"
        case A.ChooseResult(metric=metric, target=target):
            m = game.metrics[metric]
            return f"Name the result: {target:g} {m.unit} of {m.name}"
        case A.HandleTension(tension=tension, how=how, favor=favor):
            title = game.tensions[tension].title
            side = f" (favoring side {favor + 1})" if how in ("override", "side_deal") else ""
            return f"{HANDLING[how]}: {title}{side}"
        case A.Propose(issue=issue, option=option):
            spec = game.issues[issue]
            label = next((o.label for o in spec.options if o.id == option), option)
            return f"Propose {spec.name}: {label}"
        case A.Vote(choice=choice):
            return f"Vote {VOTE[choice]}"
        case A.Pledge(amount=amount, stream=stream):
            return f"Pledge {money(amount)} to {game.streams[stream].name}"
        case A.Fund(project=project, stream=stream, units=units):
            p = game.projects[project]
            s = game.streams[stream].name
            return f"Fund {units} × {p.unit} of {p.name} from {s}"
        case A.Measure(project=project):
            return f"Measure {game.projects[project].name}"
        case A.Reflect(behavior=behavior):
            return f"Reflect: {BEHAVIOR[behavior]}"
        case A.Advance():
            return "Advance to the next stage"
        case A.Skip():
            return "Skip straight to performing"
        case A.EndRound():
            return "End the round"
        case A.Respond(event=event, response=response):
            title = next((e.title for e in game.scenario.events if e.id == event), event)
            return f"Respond to '{title}': {RESPONSE[response]}"
    return action.kind.replace("_", " ")
