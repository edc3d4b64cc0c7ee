"""Dialog chains that end in one action handed to `CommonTableApp.submit`.

Each flow asks only what its action needs (whom, how, which side, how much), offers
only what the rules allow now, and says why the rest is off. Any screen can start one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sim.engine import actions as A
from sim.engine.money import affordable_units
from sim.engine.pledges import capacity
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
from sim.play.words import money
from sim.scenario.words import VOTE
from sim.tui.common.dialogs import AmountDialog, ChoiceDialog
from sim.tui.game.invite import InviteDialog

if TYPE_CHECKING:
    from sim.tui.app import CommonTableApp


def _then(app: CommonTableApp, step: Callable[[Any], None]) -> Callable[[Any], None]:
    """Run the next step only when the dialog returned something (escape means stop)."""

    def callback(value: Any) -> None:
        if value is not None:
            step(value)

    return callback


def _submit(app: CommonTableApp) -> Callable[[Any], None]:
    return _then(app, app.submit)


def invite(app: CommonTableApp, org: str | None = None) -> None:
    session = app.driver.session
    if org is None:
        app.push_screen(InviteDialog(session), _then(app, lambda o: invite(app, o)))
        return
    name = session.game.orgs[org].name
    dialog = ChoiceDialog(
        f"Invite {name}",
        ask_choices(session, org),
        "How you ask decides whom it sends: a designee, a doer or a decision-maker.",
    )
    app.push_screen(dialog, _submit(app))


def name_result(app: CommonTableApp) -> None:
    dialog = ChoiceDialog(
        "Name the specific measurable result",
        result_choices(app.driver.session),
        "The metric and target the partnership will be judged on in its final year.",
    )
    app.push_screen(dialog, _submit(app))


def handle_tension(app: CommonTableApp, tension: str | None = None) -> None:
    session = app.driver.session
    if tension is None:
        choices = tension_choices(session)
        if not choices:
            app.notify("No tension is open now.", timeout=3)
            return
        dialog = ChoiceDialog("Handle a tension", choices, "Which conflict do you take up?")
        app.push_screen(dialog, _then(app, lambda t: handle_tension(app, t)))
        return
    title = session.game.tensions[tension].title

    def chosen(how: str) -> None:
        if how in ("override", "side_deal"):
            sides = ChoiceDialog(
                f"{title}: whom does it favor?",
                side_choices(session, tension, how),
                "The other side will notice.",
            )
            app.push_screen(sides, _submit(app))
        else:
            app.submit(A.HandleTension(tension=tension, how=how))  # type: ignore[arg-type]

    dialog = ChoiceDialog(f"Handle: {title}", how_choices(session, tension), "How?")
    app.push_screen(dialog, _then(app, chosen))


def reflect(app: CommonTableApp) -> None:
    dialog = ChoiceDialog(
        "Reflect: spend the table's time on problem solving",
        reflect_choices(app.driver.session),
        "Partnerships are weakest at analyzing and reflecting.",
    )
    app.push_screen(dialog, _submit(app))


def propose(app: CommonTableApp, issue: str | None = None) -> None:
    session = app.driver.session
    if issue is None:
        dialog = ChoiceDialog("Propose: which issue?", issue_choices(session))
        app.push_screen(dialog, _then(app, lambda i: propose(app, i)))
        return
    spec = session.game.issues[issue]
    dialog = ChoiceDialog(
        f"Propose: {spec.name}", option_choices(session, issue), "Put one option to a vote."
    )
    app.push_screen(dialog, _submit(app))


def skip(app: CommonTableApp) -> None:
    reason = app.driver.why_illegal(A.Skip())
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
    app.push_screen(dialog, _then(app, lambda v: app.submit(v) if v != "stay" else None))


def fund(app: CommonTableApp, project: str) -> None:
    session = app.driver.session
    spec = session.game.projects[project]

    def stream_chosen(stream: str) -> None:
        most = affordable_units(session.game, session.state, spec, stream)
        amount = AmountDialog(
            f"Fund {spec.name}",
            f"How many × {spec.unit}? {money(spec.cost_per_unit)} each; up to {most} now.",
            default=most,
            low=1,
            high=most,
            unit=" units",
        )
        app.push_screen(
            amount,
            _then(
                app,
                lambda units: app.submit(A.Fund(project=project, stream=stream, units=int(units))),
            ),
        )

    dialog = ChoiceDialog(f"Fund {spec.name}: from which stream?", stream_choices(session, project))
    app.push_screen(dialog, _then(app, stream_chosen))


def measure(app: CommonTableApp, project: str) -> None:
    action = A.Measure(project=project)
    reason = app.driver.why_illegal(action)
    if reason is not None:
        app.notify(f"Cannot measure now: {reason}.", severity="warning", timeout=4)
        return
    app.submit(action)


def vote(app: CommonTableApp) -> None:
    driver = app.driver
    if not driver.vote_due():
        app.notify("No proposal waits for your vote.", timeout=3)
        return
    session = driver.session
    pending = session.state.pending
    assert pending is not None
    game = session.game
    issue = game.issues[pending.issue]
    option = next(o for o in issue.options if o.id == pending.option)
    mine = game.points(driver.seat, issue.id, option.id)
    best = game.issue_max[driver.seat][issue.id]
    share = game.reservation[driver.seat][issue.id]
    prompt = (
        f"{issue.name}: {option.label}\n"
        f"Your points for it: {mine} (your best option on this issue: {best}; "
        f"the share of your BATNA this issue must carry: {share:.0f}).\n"
        f"{len(pending.votes)} of {len(pending.voters)} voters have voted."
    )
    choices = [Choice(label.capitalize(), A.Vote(choice=c)) for c, label in VOTE.items()]  # type: ignore[arg-type]
    dialog = ChoiceDialog("A proposal waits for your vote", choices, prompt)
    dialog.purpose = "vote"
    app.push_screen(dialog, _submit(app))


def pledge(app: CommonTableApp) -> None:
    driver = app.driver
    if not driver.pledge_due():
        app.notify("No pledge is due from you now.", timeout=3)
        return
    session = driver.session
    most = capacity(session.game, driver.seat)
    year = session.state.year
    choices: list[Choice[A.Action | str]] = [
        Choice(f"All you can: {money(most)}", driver.pledge_action(1.0)),
        Choice(f"Half: {money(most / 2)}", driver.pledge_action(0.5)),
        Choice(f"A quarter: {money(most / 4)}", driver.pledge_action(0.25)),
        Choice("Nothing this year", driver.pledge_action(0.0)),
        Choice("Another amount…", "amount"),
    ]

    def chosen(value: A.Action | str) -> None:
        if value != "amount":
            app.submit(value)  # type: ignore[arg-type]
            return
        amount = AmountDialog(
            f"Pledge for year {year}", "How many dollars?", most / 2, 0, most, " dollars"
        )
        base = driver.pledge_action(0.0)
        app.push_screen(
            amount, _then(app, lambda v: app.submit(base.model_copy(update={"amount": v})))
        )

    dialog = ChoiceDialog(
        f"Pledge for year {year}",
        choices,
        f"You can pledge up to {money(most)} a year. What you deliver is what the ledger shows.",
    )
    dialog.purpose = "pledge"
    app.push_screen(dialog, _then(app, chosen))


def respond(app: CommonTableApp, event: str | None = None) -> None:
    """Answer news that landed this round: absorb it, rally the members, or replace a champion."""
    session = app.driver.session
    if event is None:
        news = news_choices(session)
        if not news:
            app.notify("No news waits for a response this round.", timeout=3)
            return
        if len(news) == 1:
            event = news[0].value
        else:
            dialog = ChoiceDialog("Respond to the news", news, "Which event do you answer?")
            app.push_screen(dialog, _then(app, lambda e: respond(app, e)))
            return
    title = next((e.title for e in session.game.scenario.events if e.id == event), event)
    dialog = ChoiceDialog(
        f"Respond: {title}",
        response_choices(session, event),
        "A response belongs to this round: once the round ends, the news stands as it fell.",
    )
    app.push_screen(dialog, _submit(app))
