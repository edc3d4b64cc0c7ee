"""Dialog chains that end in one action, posted as `Submit` by the screen that began them.

Each flow asks only what its action needs (whom, how, which side, how much), offers
only what the rules allow now (from the seat's view), and says why the rest is off.
Any game screen can start one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sim.debrief.names import plural
from sim.engine import actions as A
from sim.engine.forming import STEERING_SIZE, STEERING_TIME
from sim.engine.sounding import CAUCUS_MAX, time_for
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
from sim.play.words import issue_option, money
from sim.scenario.models import Representatives
from sim.scenario.words import ASK, REPRESENTATIVE, VOTE
from sim.tui.common.dialogs import AmountDialog, ChoiceDialog, PickManyDialog
from sim.tui.game.invite import InviteDialog

if TYPE_CHECKING:
    from sim.engine.view import SeatView
    from sim.tui.game.screen import GameScreen


def _then(step: Callable[[Any], None]) -> Callable[[Any], None]:
    """Run the next step only when the dialog returned something (escape means stop)."""

    def callback(value: Any) -> None:
        if value is not None:
            step(value)

    return callback


def _submit(screen: GameScreen) -> Callable[[Any], None]:
    return _then(screen.submit)


# Whom each way of asking typically brings, as the scenario format's defaults say: what
# anyone who has convened a table knows before learning how a given organization answers.
TYPICAL_SENDS = {ask: str(Representatives.model_fields[ask].default) for ask in ASK}


def invite_prompt(view: SeatView, org: str) -> str:
    """Which way of asking tends to bring whom, and why this organization might differ."""
    public = view.scenario
    spec = public.orgs[org]
    lines = ["How you ask decides whom it sends. Typically:"]
    lines += [
        f"  {ASK[ask]} brings a {REPRESENTATIVE.get(sends, sends)}"
        for ask, sends in TYPICAL_SENDS.items()
        if sends != "nobody"
    ]
    differ = ["Its own brief decides, so it may differ"]
    if spec.extra_cost:
        differ.append(
            f"its leaders want {spec.extra_cost} more time to attend (counted in each way below)"
        )
    if spec.veto:
        differ.append("it holds a veto")
    lines.append("; ".join(differ) + ".")
    member = view.member[org]
    if member.requested:
        lines.append(
            f"It asked to join, offering a {REPRESENTATIVE[member.requested]}: "
            "any invitation admits it so."
        )
    past = [
        n.text
        for n in view.feed
        if n.kind in ("member_joined", "invite_declined") and getattr(n, "organization", "") == org
    ]
    if past:
        lines.append("Before: " + " ".join(past[-2:]))
    return "\n".join(lines)


def invite(screen: GameScreen, org: str | None = None) -> None:
    view = screen.view
    if org is None:
        screen.app.push_screen(InviteDialog(view), _then(lambda o: invite(screen, o)))
        return
    choices = [
        Choice(
            c.label,
            c.value,
            c.reason,
            f"{c.detail}; typically a {REPRESENTATIVE.get(TYPICAL_SENDS[c.value.ask], 'nobody')}",  # type: ignore[attr-defined]
        )
        for c in ask_choices(view, org)
    ]
    dialog = ChoiceDialog(f"Invite {view.scenario.name(org)}", choices, invite_prompt(view, org))
    screen.app.push_screen(dialog, _submit(screen))


def sound_out(screen: GameScreen, org: str | None = None) -> None:
    """Meet one member, or caucus with a few, at a cost of time, to learn how they stand on
    the issues asked about."""
    view = screen.view
    if org is not None:
        _sound_out_issues(screen, [org])
        return
    templates = {m.action.members[0]: m for m in view.moves if isinstance(m.action, A.SoundOut)}
    if not templates:
        screen.notify("Not now: nobody is at the table to meet.", timeout=4)
        return
    own = view.scenario.convener.organization
    members = [
        Choice(
            view.scenario.name(m),
            m,
            templates[m].reason,
            _learned(len(view.knowledge.get(m, {}))),
        )
        for m in view.at_table
        if m in templates and m != own
    ]
    dialog = PickManyDialog(
        "Sound out: whom do you meet?",
        members,
        f"One member takes 1 time; every two more in a caucus (up to {CAUCUS_MAX}) add 1. "
        "Answers are honest but rough: the less a member trusts the partnership, and the "
        "more junior whom it sent, the rougher.",
        at_most=CAUCUS_MAX,
    )
    screen.app.push_screen(dialog, _then(lambda orgs: _sound_out_issues(screen, orgs)))


def _learned(issues: int) -> str:
    return f"sounded out on {plural(issues, 'issue')}" if issues else "not sounded out yet"


def _sound_out_issues(screen: GameScreen, orgs: list[str]) -> None:
    view = screen.view
    names = ", ".join(view.scenario.short(o) for o in orgs)
    issues = [
        Choice(i.name, i.id, None, "" if i.id not in view.agreement else "settled already")
        for i in view.scenario.issues
        if i.id not in view.agreement
    ]
    if not issues:
        screen.notify("Not now: every issue is settled.", timeout=4)
        return
    dialog = PickManyDialog(
        f"Sound out {names}: about what?",
        issues,
        f"This meeting takes {time_for(len(orgs))} time. You learn, for each option, whether "
        "it is acceptable, needs more or would be blocked, and which issue each cares most "
        "about. The member panel (m) keeps it.",
    )
    screen.app.push_screen(
        dialog, _then(lambda chosen: screen.submit(A.SoundOut(members=orgs, issues=chosen)))
    )


def name_steering(screen: GameScreen) -> None:
    """Name an interim steering committee to take the founding decisions."""
    view = screen.view
    template = next((m for m in view.moves if isinstance(m.action, A.NameSteering)), None)
    reason = template.reason if template else "there is no steering committee to name now"
    if reason is not None:
        screen.notify(f"Not now: {reason}.", severity="warning", timeout=5)
        return
    members = [
        Choice(
            view.scenario.name(m),
            m,
            None,
            REPRESENTATIVE.get(view.member[m].representative or "", "")
            + (", holds a veto" if view.scenario.orgs[m].veto else ""),
        )
        for m in view.at_table
    ]
    low, high = STEERING_SIZE
    dialog = PickManyDialog(
        "Name an interim steering committee",
        members,
        f"{low} to {high} members take the founding decisions until a DecisionRule is "
        f"adopted. It takes {STEERING_TIME} time, and every member left off trusts less.",
        at_most=high,
        at_least=low,
    )
    screen.app.push_screen(dialog, _then(lambda orgs: screen.submit(A.NameSteering(members=orgs))))


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
                "Put to a vote: the other side trusts less whether or not it carries, and "
                "one veto holder among them sinks it."
                if how == "override"
                else "The other side will notice.",
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

    choices = stream_choices(view, project)
    if choices and not any(c.ok for c in choices):
        screen.notify(f"Not now: {choices[0].reason}.", severity="warning", timeout=4)
        return
    dialog = ChoiceDialog(f"Fund {spec.name}: from which stream?", choices)
    screen.app.push_screen(dialog, _then(stream_chosen))


def measure(screen: GameScreen, project: str) -> None:
    action = A.Measure(project=project)
    reason = screen.view.why_not(action)
    if reason is not None:
        screen.notify(f"Cannot measure now: {reason}.", severity="warning", timeout=4)
        return
    screen.submit(action)


def forecast_line(view: SeatView, options: dict[str, str]) -> str:
    """The chance a proposal passes, from what this seat knows, with how rough that is."""
    chance, (yes, aside, no) = view.forecast(options)
    own = view.scenario.convener.organization if view.is_convener else view.seat
    read = [
        v for v in view.voters if v != own and any(i in view.knowledge.get(v, {}) for i in options)
    ]
    others = [v for v in view.voters if v != own]
    unknown = len(others) - len(read)
    rough = (
        "read from what you learned of every voter"
        if not unknown
        else f"{unknown} of {len(others)} voters not sounded out on it, so it is rough"
    )
    return (
        f"Forecast: about {chance:.0%} to pass (expect {yes:.1f} yes, {aside:.1f} stand "
        f"aside, {no:.1f} no); {rough}."
    )


def stop(screen: GameScreen, project: str) -> None:
    """Stop a project, after saying what it returns and what it costs."""
    view = screen.view
    spec = view.scenario.project[project]
    action = A.Stop(project=project)
    reason = view.why_not(action)
    if reason is not None:
        screen.notify(f"Cannot stop {spec.name} now: {reason}.", severity="warning", timeout=5)
        return
    running = [b for b in view.batches if b.project == project and not b.stopped]
    unpaid = sum(b.escrow for b in running)
    leads = sorted({view.scenario.short(b.lead) for b in running})
    choices: list[Choice[A.Action | str]] = [
        Choice(f"Stop {spec.name}", action, None, "takes 1 time"),
        Choice("Keep it running", "keep"),
    ]
    dialog = ChoiceDialog(
        f"Stop {spec.name}?",
        choices,
        f"Its {sum(b.units for b in running)} running unit(s) stop delivering. The "
        f"{money(unpaid)} not yet paid to it goes back to its streams, less a wind-down "
        f"cost. Its lead ({', '.join(leads)}) sees a commitment broken and trusts the "
        "partnership less.",
    )
    screen.app.push_screen(
        dialog, _then(lambda v: screen.submit(v) if not isinstance(v, str) else None)
    )


def vote(screen: GameScreen) -> None:
    view = screen.view
    if not vote_due(view):
        screen.notify("No proposal waits for your vote.", timeout=3)
        return
    pending, sheet = view.pending, view.sheet
    assert pending is not None and sheet is not None
    lines = []
    for issue_id, option in pending.options.items():
        mine = sheet.points.get(issue_id, {}).get(option, 0)
        lines.append(
            f"{issue_option(view, issue_id, option)}\n"
            f"Your points for it: {mine} (best {sheet.best[issue_id]}; "
            f"its share of your BATNA: {sheet.reserve[issue_id]:.0f})."
        )
    if pending.package:
        mine = sum(sheet.points.get(i, {}).get(o, 0) for i, o in pending.options.items())
        carry = sum(sheet.reserve[i] for i in pending.options)
        lines.append(
            f"A package: the {len(pending.options)} issues pass or fail together, giving you "
            f"{mine} points against the {carry:.0f} of your BATNA they must carry."
        )
    # Short lines, so a package vote's forecast and choices fit 80×24 whole.
    prompt = "\n".join(
        [
            *lines,
            f"Your BATNA: {sheet.batna} points. {len(pending.voted)} of "
            f"{len(pending.voters)} voters have voted.",
            forecast_line(view, pending.options),
        ]
    )
    choices = [
        Choice(label.capitalize(), A.Vote(seat=view.seat, choice=c))  # type: ignore[arg-type]
        for c, label in VOTE.items()
    ]
    choices = [Choice(c.label, c.value, view.why_not(c.value)) for c in choices]
    dialog = ChoiceDialog("A proposal waits for your vote", choices, prompt, purpose="vote")
    screen.app.push_screen(dialog, _submit(screen))


def pledge_preview(view: SeatView, amount: float) -> str:
    """What a pledge would do: the stream it fills, and what that stream could then buy."""
    sheet = view.sheet
    assert sheet is not None
    stream = view.scenario.stream[sheet.pledge_stream]
    after = view.stream[stream.id].balance + amount
    eligible = stream.eligible or [p.id for p in view.scenario.projects]
    costs = [
        (view.project[p].unit_cost, p)
        for p in eligible
        if p in view.project and view.project[p].unit_cost > 0 and view.project[p].closed is None
    ]
    if not amount:
        return f"{stream.name} stays at {money(after)}"
    if not costs:
        return f"{stream.name} would hold {money(after)}"
    cost, project = min(costs)
    spec = view.scenario.project[project]
    units = int(amount // cost)
    return f"{stream.name} would hold {money(after)}; yours alone pays {units} × {spec.unit}"


def pledge(screen: GameScreen) -> None:
    view = screen.view
    if not pledge_due(view) or view.sheet is None:
        reason = view.why_not(pledge_action(view, 0.0)) if view.sheet is not None else None
        screen.notify(f"Not now: {reason or 'no pledge is due from you'}.", timeout=3)
        return
    most = view.sheet.capacity
    year = view.year

    def share(label: str, part: float) -> Choice[A.Action | str]:
        action = pledge_action(view, part)
        return Choice(label, action, view.why_not(action), pledge_preview(view, action.amount))

    choices: list[Choice[A.Action | str]] = [
        share(f"All you can: {money(most)}", 1.0),
        share(f"Half: {money(most / 2)}", 0.5),
        share(f"A quarter: {money(most / 4)}", 0.25),
        share("Nothing this year", 0.0),
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
        f"You can pledge up to {money(most)} a year. The ledger shows what you pledge and "
        "what you deliver; you deliver later (d), in full or not.",
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
