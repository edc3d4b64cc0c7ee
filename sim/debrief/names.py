"""The game's words for the debrief: who a seat is, and what an action did, in one line.

The timeline, the key moments and the report all name Members, Tensions and issues the
same way, so an instructor reads one vocabulary from screen to printout.
"""

from __future__ import annotations

from sim.engine import actions as A
from sim.engine.actions import CONVENER
from sim.engine.game import Game
from sim.scenario.words import ASK, BEHAVIOR_DOING, HANDLING_VERB, RESPONSE


def org_name(game: Game, org: str) -> str:
    """A Member's short name where the scenario gives one, for tight columns and questions."""
    profile = game.orgs.get(org)
    if profile is None:
        return org
    return profile.short or profile.name


def seat_name(game: Game, seat: str) -> str:
    """The seat as people say it: "Convener", or the organization's short name."""
    return "Convener" if seat == CONVENER else org_name(game, seat)


def names(game: Game, orgs: list[str], limit: int = 4) -> str:
    """A readable list of Members: "A, B and C", cut after `limit` with "and N more"."""
    return listing([org_name(game, o) for o in orgs], limit)


def listing(items: list[str] | tuple[str, ...], limit: int = 4) -> str:
    """Names already in words as one phrase: "A, B and C", or "A, B and 3 more"."""
    shown = list(items[:limit])
    if len(items) > limit:
        return ", ".join(shown) + f" and {len(items) - limit} more"
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def tension_title(game: Game, tension: str) -> str:
    spec = game.tensions.get(tension)
    return spec.title if spec else tension


def tension_parties(game: Game, tension: str) -> list[str]:
    spec = game.tensions.get(tension)
    return list(spec.parties) if spec else []


def issue_name(game: Game, issue: str) -> str:
    found = game.issues.get(issue)
    return found.name if found else issue


def option_label(game: Game, issue: str, option: str) -> str:
    found = game.issues.get(issue)
    if found is None:
        return option
    return next((o.label for o in found.options if o.id == option), option)


def project_name(game: Game, project: str) -> str:
    found = game.projects.get(project)
    return found.name if found else project


def stream_name(game: Game, stream: str) -> str:
    found = game.streams.get(stream)
    return found.name if found else stream


def plural(n: int, word: str) -> str:
    """A count with its noun: "1 time", "3 times"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def money(amount: float) -> str:
    """Dollars as the game shows them: $1,200,000."""
    sign = "−" if amount < 0 else ""
    return f"{sign}${abs(amount):,.0f}"


def describe(game: Game, action: A.Action) -> str:
    """What an action did, as a verb phrase after the seat's name."""
    match action:
        case A.Invite(organization=org, ask=ask):
            return f"invites {org_name(game, org)} by {ASK.get(ask, ask)}"
        case A.ChooseResult(metric=metric, target=target):
            found = game.metrics.get(metric)
            unit = f" {found.unit}" if found else ""
            return f"names the result: {target:g}{unit}"
        case A.HandleTension(tension=tension, how=how):
            return f"{HANDLING_VERB.get(how, how)} '{tension_title(game, tension)}'"
        case A.Propose(issue=issue, option=option):
            return f"proposes {issue_name(game, issue)}: {option_label(game, issue, option)}"
        case A.Vote(choice=choice):
            return "stands aside" if choice == "stand_aside" else f"votes {choice}"
        case A.Pledge(stream=stream, amount=amount):
            return f"pledges {money(amount)} to {stream_name(game, stream)}"
        case A.Fund(project=project, stream=stream, units=units):
            return f"funds {units} × {project_name(game, project)} from {stream_name(game, stream)}"
        case A.Measure(project=project):
            return f"pays to measure {project_name(game, project)}"
        case A.Reflect(behavior=behavior):
            return f"spends time on {BEHAVIOR_DOING.get(behavior, behavior)}"
        case A.Advance():
            return "moves the table to the next stage"
        case A.Skip():
            return "skips from forming straight to performing"
        case A.EndRound():
            return "ends the round"
        case A.Respond(event=event, response=response):
            found = next((e for e in game.scenario.events if e.id == event), None)
            title = found.title if found else event
            return f"answers '{title}': {RESPONSE.get(response, response).lower()}"
    return action.kind.replace("_", " ")


def short_why(line: str) -> str:
    """A scorecard why line without its source citation (after " — "), for prose."""
    return line.split(" — ")[0].strip()
