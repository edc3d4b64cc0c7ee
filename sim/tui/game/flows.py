"""Dialog chains that end in one action, posted as `Submit` by the screen that began them.

Each flow asks only what its action needs (whom, how, which side, how much), offers
only what the rules allow now (from the seat's view), and says why the rest is off.
Any game screen can start one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sim.engine import actions as A
from sim.play.choices import (
    Choice,
    ask_choices,
    how_choices,
    issue_choices,
    news_choices,
    option_choices,
    reflect_choices,
    response_choices,
    result_choices,
    side_choices,
    stream_choices,
    tension_choices,
)
from sim.play.driver import pledge_action, pledge_due, vote_due
from sim.play.words import money
from sim.scenario.words import VOTE
from sim.tui.common.dialogs import AmountDialog, ChoiceDialog
from sim.tui.game.invite import InviteDialog

if TYPE_CHECKING:
    from sim.tui.game.screen import GameScreen


def _then(step: Callable[[Any], None]) -> Callable[[Any], None]:
    """Run the next step only when the dialog returned something (escape means stop)."""

    def callback(value: Any) -> None:
        if value is not None:
            step(value)

    return callback


def _submit(screen: GameScreen) -> Callable[[Any], None]:
    return _then(screen.submit)


def invite(screen: GameScreen, org: str | None = None) -> None:
    view = screen.view
    if org is None:
        screen.app.push_screen(InviteDialog(view), _then(lambda o: invite(screen, o)))
        return
    dialog = ChoiceDialog(
        f"Invite {view.scenario.name(org)}",
        ask_choices(view, org),
        "How you ask decides whom it sends: a designee, a doer or a decision-maker.",
    )
    screen.app.push_screen(dialog, _submit(screen))


def name_result(screen: GameScreen) -> None:
    dialog = ChoiceDialog(
        "Name the specific measurable result",
        result_choices(screen.view),
        "The metric and target the partnership will be judged on in its final year.",
    )
    screen.app.push_screen(dialog, _submit(screen))


def handle_tension(screen: GameScreen, tension: str | None = None) -> None:
    view = screen.view
    if tension is None:
        choices = tension_choices(view)
        if not choices:
            screen.notify("No tension is open now.", timeout=3)
            return
        dialog = ChoiceDialog("Handle a tension", choices, "Which conflict do you take up?")
        screen.app.push_screen(dialog, _then(lambda t: handle_tension(screen, t)))
        return
    title = view.scenario.tension[tension].title

    def chosen(how: str) -> None:
        if how in ("override", "side_deal"):
            sides = ChoiceDialog(
                f"{title}: whom does it favor?",
                side_choices(screen.view, tension, how),
                "The other side will notice.",
            )
            screen.app.push_screen(sides, _submit(screen))
        else:
            screen.submit(A.HandleTension(tension=tension, how=how))  # type: ignore[arg-type]

    dialog = ChoiceDialog(f"Handle: {title}", how_choices(view, tension), "How?")
    screen.app.push_screen(dialog, _then(chosen))


def reflect(screen: GameScreen) -> None:
    dialog = ChoiceDialog(
        "Reflect: spend the table's time on problem solving",
        reflect_choices(screen.view),
        "Partnerships are weakest at analyzing and reflecting.",
    )
    screen.app.push_screen(dialog, _submit(screen))


def propose(screen: GameScreen, issue: str | None = None) -> None:
    view = screen.view
    if issue is None:
        dialog = ChoiceDialog("Propose: which issue?", issue_choices(view))
        screen.app.push_screen(dialog, _then(lambda i: propose(screen, i)))
        return
    dialog = ChoiceDialog(
        f"Propose: {view.scenario.issue[issue].name}",
        option_choices(view, issue),
        "Put one option to a vote.",
    )
    screen.app.push_screen(dialog, _submit(screen))


def skip(screen: GameScreen) -> None:
    reason = screen.view.why_not(A.Skip())
    choices: list[Choice[A.Action | str]] = [
        Choice("Skip to performing now", A.Skip(), reason, "fund at once, with the trust you have"),
        Choice("Stay in forming", "stay"),
    ]
    dialog = ChoiceDialog(
        "Skip storming and norming?",
        choices,
        "The table starts delivering sooner, but low trust and unclear norms cut the "
        "effect of everything it funds.",
    )
    screen.app.push_screen(dialog, _then(lambda v: screen.submit(v) if v != "stay" else None))


def fund(screen: GameScreen, project: str) -> None:
    view = screen.view
    spec = view.scenario.project[project]

    def stream_chosen(stream: str) -> None:
        most = screen.view.fundable(project, stream)
        amount = AmountDialog(
            f"Fund {spec.name}",
            f"How many × {spec.unit}? {money(view.project[project].unit_cost)} each; "
            f"up to {most} now.",
            default=most,
            low=1,
            high=most,
            unit=" units",
        )
        screen.app.push_screen(
            amount,
            _then(
                lambda units: screen.submit(
                    A.Fund(project=project, stream=stream, units=int(units))
                )
            ),
        )

    dialog = ChoiceDialog(f"Fund {spec.name}: from which stream?", stream_choices(view, project))
    screen.app.push_screen(dialog, _then(stream_chosen))


def measure(screen: GameScreen, project: str) -> None:
    action = A.Measure(project=project)
    reason = screen.view.why_not(action)
    if reason is not None:
        screen.notify(f"Cannot measure now: {reason}.", severity="warning", timeout=4)
        return
    screen.submit(action)


def vote(screen: GameScreen) -> None:
    view = screen.view
    if not vote_due(view):
        screen.notify("No proposal waits for your vote.", timeout=3)
        return
    pending, sheet = view.pending, view.sheet
    assert pending is not None and sheet is not None
    issue = view.scenario.issue[pending.issue]
    label = view.scenario.option_label(issue.id, pending.option)
    mine = sheet.points.get(issue.id, {}).get(pending.option, 0)
    prompt = (
        f"{issue.name}: {label}\n"
        f"Your points for it: {mine} (your best option on this issue: {sheet.best[issue.id]}; "
        f"the share of your BATNA this issue must carry: {sheet.reserve[issue.id]:.0f}).\n"
        f"{len(pending.voted)} of {len(pending.voters)} voters have voted."
    )
    choices = [Choice(label.capitalize(), A.Vote(choice=c)) for c, label in VOTE.items()]  # type: ignore[arg-type]
    dialog = ChoiceDialog("A proposal waits for your vote", choices, prompt, purpose="vote")
    screen.app.push_screen(dialog, _submit(screen))


def pledge(screen: GameScreen) -> None:
    view = screen.view
    if not pledge_due(view) or view.sheet is None:
        screen.notify("No pledge is due from you now.", timeout=3)
        return
    most = view.sheet.capacity
    year = view.year
    choices: list[Choice[A.Action | str]] = [
        Choice(f"All you can: {money(most)}", pledge_action(view, 1.0)),
        Choice(f"Half: {money(most / 2)}", pledge_action(view, 0.5)),
        Choice(f"A quarter: {money(most / 4)}", pledge_action(view, 0.25)),
        Choice("Nothing this year", pledge_action(view, 0.0)),
        Choice("Another amount…", "amount"),
    ]

    def chosen(value: A.Action | str) -> None:
        if not isinstance(value, str):
            screen.submit(value)
            return
        amount = AmountDialog(
            f"Pledge for year {year}", "How many dollars?", most / 2, 0, most, " dollars"
        )
        base = pledge_action(view, 0.0)
        screen.app.push_screen(
            amount, _then(lambda v: screen.submit(base.model_copy(update={"amount": v})))
        )

    dialog = ChoiceDialog(
        f"Pledge for year {year}",
        choices,
        f"You can pledge up to {money(most)} a year. What you deliver is what the ledger shows.",
        purpose="pledge",
    )
    screen.app.push_screen(dialog, _then(chosen))


def respond(screen: GameScreen, event: str | None = None) -> None:
    """Answer news that landed this round: absorb it, rally the members, or replace a champion."""
    view = screen.view
    if event is None:
        news = news_choices(view)
        if not news:
            screen.notify("No news waits for a response this round.", timeout=3)
            return
        if len(news) == 1:
            event = news[0].value
        else:
            dialog = ChoiceDialog("Respond to the news", news, "Which event do you answer?")
            screen.app.push_screen(dialog, _then(lambda e: respond(screen, e)))
            return
    dialog = ChoiceDialog(
        f"Respond: {view.event_titles.get(event, event)}",
        response_choices(view, event),
        "A response belongs to this round: once the round ends, the news stands as it fell.",
    )
    screen.app.push_screen(dialog, _submit(screen))
