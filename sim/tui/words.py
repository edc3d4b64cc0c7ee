"""The game's own words for screens: stages, asks, representatives, rules, actions.

One place for every label, so the table, the editors, the palette and the help all
say "Member", "Pledge", "Tension" and "DecisionRule" the same way.
"""

from __future__ import annotations

from sim.engine import actions as A
from sim.engine.game import Game

# Re-exported so screens keep one import for every label.
from sim.engine.words import ASKS as ASKS
from sim.engine.words import REPRESENTATIVES as REPRESENTATIVES
from sim.engine.words import STAGES as STAGES

STAGE_HINT = {
    "forming": "invite members, name the specific measurable result",
    "storming": "handle the tensions that surfaced",
    "norming": "negotiate the partnership agreement, issue by issue",
    "performing": "pledge money, fund projects, measure what works",
    "adjourning": "the partnership's work is scored",
}
STATUS = {
    "table": "at the table",
    "outside": "outside",
    "declined": "declined",
    "left": "left",
}
TENSION_STATUS = {
    "open": "open",
    "resolved": "resolved",
    "deferred": "deferred",
    "latent": "not surfaced",
}
HOW: dict[str, str] = {
    "open": "Open dialogue",
    "mediate": "Mediated session",
    "defer": "Defer it",
    "override": "Override by a vote",
    "side_deal": "Side deal",
}
HOW_EFFECT = {
    "open": "builds trust if it settles; may stay open",
    "mediate": "settles it, raises trust; costs money",
    "defer": "free now; heats up and may come back",
    "override": "fast; the outvoted side trusts less",
    "side_deal": "helps one side; the rest notice",
}
RULES = {
    "consensus": "consensus",
    "consensus_minus_one": "consensus minus one",
    "supermajority": "supermajority",
    "majority": "simple majority",
    "weighted": "weighted vote",
    "executive_committee": "executive committee",
}
BEHAVIORS = {
    "problem_defining": "Define the problem",
    "interpreting": "Interpret and hypothesize",
    "solution_finding": "Find solutions",
    "analyzing_reflecting": "Analyze and reflect",
}
VOTES = {"yes": "yes", "no": "no", "stand_aside": "stand aside"}
RESPONSES = {
    "absorb": "Absorb it and carry on",
    "rally": "Rally the members",
    "replace": "Ask a new champion to step in",
}
RESPONSE_EFFECT = {
    "absorb": "free; the shock stands",
    "rally": "takes time; steadies trust, cannot undo the shock",
    "replace": "a champion's call brings a decision-maker back",
}


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
            return f"Invite {org_name(game, org)} by {ASKS[ask]}"
        case A.ChooseResult(metric=metric, target=target):
            m = game.metrics[metric]
            return f"Name the result: {target:g} {m.unit} of {m.name}"
        case A.HandleTension(tension=tension, how=how, favor=favor):
            title = game.tensions[tension].title
            side = f" (favoring side {favor + 1})" if how in ("override", "side_deal") else ""
            return f"{HOW[how]}: {title}{side}"
        case A.Propose(issue=issue, option=option):
            spec = game.issues[issue]
            label = next((o.label for o in spec.options if o.id == option), option)
            return f"Propose {spec.name}: {label}"
        case A.Vote(choice=choice):
            return f"Vote {VOTES[choice]}"
        case A.Pledge(amount=amount, stream=stream):
            return f"Pledge {money(amount)} to {game.streams[stream].name}"
        case A.Fund(project=project, stream=stream, units=units):
            p = game.projects[project]
            s = game.streams[stream].name
            return f"Fund {units} × {p.unit} of {p.name} from {s}"
        case A.Measure(project=project):
            return f"Measure {game.projects[project].name}"
        case A.Reflect(behavior=behavior):
            return f"Reflect: {BEHAVIORS[behavior]}"
        case A.Advance():
            return "Advance to the next stage"
        case A.Skip():
            return "Skip straight to performing"
        case A.EndRound():
            return "End the round"
        case A.Respond(event=event, response=response):
            title = next((e.title for e in game.scenario.events if e.id == event), event)
            return f"Respond to '{title}': {RESPONSES[response]}"
    return action.kind.replace("_", " ")
