"""Words screens build from the game's own: money, names, seats and one line per action.

The labels themselves (stages, asks, representatives, handlings, rules, behaviors) live
in `sim.scenario.words`, shared with the engine's feed and the debrief.
"""

from __future__ import annotations

from sim.engine import actions as A
from sim.engine.facts import Facts
from sim.engine.public import PublicScenario
from sim.engine.view import SeatView
from sim.scenario.words import ASK, BEHAVIOR, HANDLING, REPRESENTATIVE, RESPONSE, VOTE

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
            return f"Propose {issue_option(game, issue, option)}"
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
        case A.Stop(project=project):
            return f"Stop {game.project[project].name}"
        case A.SoundOut(members=members):
            return f"Sound out {_names(game, members)}"
        case A.NameSteering(members=members):
            return f"Name a steering committee: {_names(game, members)}"
        case A.Join(representative="nobody"):
            return "Decline the invitation"
        case A.Join(representative=rep):
            return f"Join, sending a {REPRESENTATIVE[rep]}"
        case A.AskToJoin(representative=rep):
            return f"Ask to join, offering a {REPRESENTATIVE[rep]}"
        case A.WalkOut():
            return "Walk out of the partnership"
        case A.RaiseTension(tension=tension):
            return f"Raise a tension: {game.tension[tension].title}"
        case A.Deliver(amount=amount):
            return f"Deliver {money(amount)} of this year's pledge"
        case A.OfferDeal(
            partner=partner, give_issue=gi, give_option=go, want_issue=wi, want_option=wo
        ):
            return (
                f"Offer {org_name(game, partner)} a side deal: you back "
                f"{issue_option(game, gi, go)} if it backs {issue_option(game, wi, wo)}"
            )
        case A.AnswerDeal(accept=accept):
            return "Accept the side deal" if accept else "Decline the side deal"
    return action.kind.replace("_", " ")


def _names(game: PublicScenario, orgs: tuple[str, ...]) -> str:
    return ", ".join(org_name(game, o) for o in orgs)


def issue_option(known: Known, issue: str, option: str) -> str:
    """'Decision rule — Consensus minus one': a dash, not a colon, since an issue's name and
    an option's label may each hold a colon of their own."""
    spec = _public(known).issue[issue]
    label = next((o.label for o in spec.options if o.id == option), option)
    return f"{spec.name} — {label}"
