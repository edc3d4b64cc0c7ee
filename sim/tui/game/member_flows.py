"""Dialog chains of an organization's own seat: answer an invitation, ask to join, deliver a
pledge, raise a tension, walk out; and side deals, which the convener strikes too.

Like `flows`, each asks only what its action needs, builds the action for this seat, shows
the engine's reason beside anything that is off now, and posts `Submit`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine import actions as A
from sim.engine.seatview import DealView, PledgeLine
from sim.engine.view import SeatView
from sim.play.choices import Choice
from sim.play.words import money
from sim.scenario.words import ASK, REPRESENTATIVE, TENSION_STATUS
from sim.tui.common.dialogs import AmountDialog, ChoiceDialog
from sim.tui.game.flows import _submit, _then

if TYPE_CHECKING:
    from sim.tui.game.screen import GameScreen

SENIOR_FIRST = ("decision_maker", "doer", "designee")
# What sending each rank does, in the engine's terms (joining trust, leading projects,
# how well others read you when they sound you out).
SENDS_MEANS = {
    "decision_maker": "joins with the most trust; can lead any project",
    "doer": "can lead projects that need a doer",
    "designee": "joins with the least trust; cannot lead projects that need a doer",
}


def own_org(view: SeatView) -> str | None:
    """The member this seat acts for: its organization, or the convener's own (if any)."""
    return view.scenario.convener.organization if view.is_convener else view.seat


def invited(view: SeatView) -> str | None:
    """The ask this seat's organization has yet to answer, if it is invited."""
    member = view.member.get(view.seat)
    return member.invited if member is not None and not view.is_convener else None


def open_pledge(view: SeatView) -> PledgeLine | None:
    """This seat's pledge of the year still waiting to be delivered."""
    return next(
        (
            p
            for p in view.ledger
            if p.organization == view.seat and p.year == view.year and p.delivered is None
        ),
        None,
    )


def deals_to_answer(view: SeatView) -> list[DealView]:
    me = own_org(view)
    return [d for d in view.deals if d.partner == me and d.status == "offered"]


def my_points(view: SeatView, issue: str, option: str) -> int | None:
    sheet = view.sheet
    return None if sheet is None else sheet.points.get(issue, {}).get(option, 0)


def deal_text(view: SeatView, deal: DealView) -> str:
    """A deal in names: who backs what in return for what."""
    public = view.scenario

    def term(pair: tuple[str, str]) -> str:
        return f"{public.option_label(*pair)} ({public.issue[pair[0]].name})"

    return (
        f"{public.short(deal.offerer)} backs {term(deal.give)} if "
        f"{public.short(deal.partner)} backs {term(deal.want)}"
    )


def agreement_points(view: SeatView) -> int:
    """This seat's points from the options the agreement has adopted so far."""
    sheet = view.sheet
    if sheet is None:
        return 0
    return sum(sheet.points.get(i, {}).get(o, 0) for i, o in view.agreement.items())


# ---------------------------------------------------------------------- joining


def join(screen: GameScreen) -> None:
    """Answer the convener's invitation: whom the organization sends, or decline."""
    view = screen.view
    ask = invited(view)
    if ask is None:
        reason = view.why_not(A.Join(seat=view.seat, representative="nobody"))
        screen.notify(f"Not now: {reason or 'nobody has invited you'}.", timeout=4)
        return
    choices: list[Choice[A.Action]] = []
    for rep in SENIOR_FIRST:
        action = A.Join(seat=view.seat, representative=rep)  # type: ignore[arg-type]
        choices.append(
            Choice(
                f"Send your {REPRESENTATIVE[rep]}", action, view.why_not(action), SENDS_MEANS[rep]
            )
        )
    nobody = A.Join(seat=view.seat, representative="nobody")
    choices.append(
        Choice("Decline", nobody, view.why_not(nobody), "stay outside; you may ask to join later")
    )
    dialog = ChoiceDialog(
        f"You are invited by {ASK[ask]}",
        choices,
        "Whom does your organization send? How you were asked limits how senior they can be.",
        purpose="join",
    )
    screen.app.push_screen(dialog, _submit(screen))


def ask_to_join(screen: GameScreen) -> None:
    view = screen.view
    choices: list[Choice[A.Action]] = []
    for rep in SENIOR_FIRST:
        action = A.AskToJoin(seat=view.seat, representative=rep)  # type: ignore[arg-type]
        choices.append(
            Choice(
                f"Offer to send your {REPRESENTATIVE[rep]}",
                action,
                view.why_not(action),
                SENDS_MEANS[rep],
            )
        )
    dialog = ChoiceDialog(
        "Ask to join the partnership",
        choices,
        "The convener admits you by inviting you; you then come as you offered.",
    )
    screen.app.push_screen(dialog, _submit(screen))


# ---------------------------------------------------------------------- delivering


def deliver(screen: GameScreen) -> None:
    """Deliver this year's pledge, in full or in part (reneging on the rest)."""
    view = screen.view
    line = open_pledge(view)
    if line is None:
        reason = view.why_not(A.Deliver(seat=view.seat, amount=0.0))
        screen.notify(f"Not now: {reason}.", timeout=4)
        return
    pledged = line.pledged
    stream = view.scenario.stream[line.stream].name

    def action(amount: float) -> A.Deliver:
        return A.Deliver(seat=view.seat, amount=round(amount, 2))

    def owed(amount: float) -> str:
        short = pledged - amount
        return "keeps your word" if short < 0.01 else f"reneges on {money(short)}"

    choices: list[Choice[A.Action | str]] = [
        Choice(f"All of it: {money(pledged)}", action(pledged), None, owed(pledged)),
        Choice(f"Half: {money(pledged / 2)}", action(pledged / 2), None, owed(pledged / 2)),
        Choice("Nothing", action(0.0), None, owed(0.0)),
        Choice("Another amount…", "amount"),
    ]
    for n, choice in enumerate(choices):
        if isinstance(choice.value, A.Deliver):
            choices[n] = Choice(
                choice.label, choice.value, view.why_not(choice.value), choice.detail
            )

    def chosen(value: A.Action | str) -> None:
        if not isinstance(value, str):
            screen.submit(value)
            return
        amount = AmountDialog(
            f"Deliver your pledge to {stream}",
            "How many dollars do you hand over now?",
            pledged,
            0,
            pledged,
            " dollars",
        )
        screen.app.push_screen(amount, _then(lambda v: screen.submit(action(v))))

    dialog = ChoiceDialog(
        f"Deliver your pledge of {money(pledged)}",
        choices,
        f"You pledged {money(pledged)} to {stream} for year {view.year}. What you deliver "
        "goes on the public ledger: a pledge kept raises the table's trust, one broken lowers "
        "it. What you could really afford stays yours to know. A pledge still open when the "
        "year closes is delivered in full.",
        purpose="deliver",
    )
    screen.app.push_screen(dialog, _then(chosen))


# ---------------------------------------------------------------------- tensions


def raise_tension(screen: GameScreen) -> None:
    """Put a tension the seat is party to on the table (or back on it)."""
    view = screen.view
    mine = [t for t in view.scenario.tensions if view.seat in t.parties]
    if not mine:
        screen.notify("Not now: your organization is party to no tension here.", timeout=4)
        return
    choices: list[Choice[A.Action]] = []
    for spec in mine:
        action = A.RaiseTension(seat=view.seat, tension=spec.id)
        seen = view.tension.get(spec.id)
        where = "not in the open yet" if seen is None else TENSION_STATUS[seen.status]
        others = [view.scenario.short(p) for p in spec.parties if p != view.seat]
        detail = f"{where}; with {', '.join(others)}" if others else where
        choices.append(Choice(spec.title, action, view.why_not(action), detail))
    dialog = ChoiceDialog(
        "Raise a tension",
        choices,
        "A conflict you raise opens at its own heat, without the shock of one that breaks "
        "out unraised; the convener then has to handle it before norming.",
    )
    screen.app.push_screen(dialog, _submit(screen))


# ---------------------------------------------------------------------- walking out


def walk_out_cost(view: SeatView) -> str:
    """What walking out costs and takes, from what the seat can see."""
    sheet = view.sheet
    assert sheet is not None
    best = sum(sheet.best.values())
    lines = [
        f"Your BATNA is worth {sheet.batna} points. The agreement so far gives you "
        f"{agreement_points(view)} (an agreement on every issue could give you up to {best}).",
    ]
    taking = [
        f"{money(view.stream[s.id].balance + view.stream[s.id].held)} of {s.name}"
        for s in view.scenario.streams
        if getattr(s, "provider", None) == view.seat
        and view.stream[s.id].balance + view.stream[s.id].held > 0
    ]
    line = open_pledge(view)
    if line is not None:
        lines.append(f"Your open pledge of {money(line.pledged)} goes undelivered: a broken one.")
    if taking:
        lines.append("You take with you the money not yet spent: " + ", ".join(taking) + ".")
    lines.append(
        "You leave for good. Everyone left at the table trusts the partnership less, and "
        "in performing a walk-out can send the table back to storming."
    )
    return "\n".join(lines)


def walk_out(screen: GameScreen) -> None:
    view = screen.view
    action = A.WalkOut(seat=view.seat)
    reason = view.why_not(action)
    if reason is not None or view.sheet is None:
        screen.notify(f"Not now: {reason or 'only a member can walk out'}.", timeout=4)
        return
    choices: list[Choice[A.Action | str]] = [
        Choice("Walk out for your BATNA", action, None, "leave the partnership now"),
        Choice("Stay at the table", "stay"),
    ]
    dialog = ChoiceDialog("Walk out of the partnership?", choices, walk_out_cost(view))
    screen.app.push_screen(
        dialog, _then(lambda v: screen.submit(v) if not isinstance(v, str) else None)
    )


# ---------------------------------------------------------------------- side deals


def deals(screen: GameScreen) -> None:
    """Answer a side deal offered to this seat, or offer one."""
    view = screen.view
    me = own_org(view)
    if me is None:
        screen.notify("Not now: the convener sits for no member here, so has no vote to trade.")
        return
    choices: list[Choice[DealView | str]] = [
        Choice(f"Answer: {deal_text(view, d)}", d, None, f"offered in round {d.round}")
        for d in deals_to_answer(view)
    ]
    offers = [m for m in view.moves if isinstance(m.action, A.OfferDeal)]
    off = None if any(m.ok for m in offers) else (offers[0].reason if offers else None)
    if not offers:
        unsettled = [i for i in view.scenario.issues if i.id not in view.agreement]
        if len(unsettled) == 1:
            off = f"only {unsettled[0].name} is still open, and a deal trades across two issues"
        elif not unsettled:
            off = "every issue is settled: no vote is left to trade"
        else:
            off = view.why_not(_offer_template(view))
    choices.append(Choice("Offer a side deal…", "offer", off, "I back yours if you back mine"))
    mine = [d for d in view.deals if d.status != "offered" or d.offerer == me]
    prompt = "A side deal trades votes across two issues; nobody else learns its terms."
    if mine:
        prompt += "\nYour deals: " + "; ".join(
            f"{deal_text(view, d)} ({d.status})" for d in mine[-4:]
        )

    def chosen(value: DealView | str) -> None:
        if isinstance(value, str):
            offer_deal(screen)
        else:
            answer_deal(screen, value)

    screen.app.push_screen(ChoiceDialog("Side deals", choices, prompt), _then(chosen))


def _offer_template(view: SeatView) -> A.OfferDeal:
    issues = [i for i in view.scenario.issues if i.id not in view.agreement]
    first = issues[0] if issues else view.scenario.issues[0]
    second = issues[1] if len(issues) > 1 else first
    partner = next((m for m in view.at_table if m != own_org(view)), own_org(view) or "")
    return A.OfferDeal(
        seat=view.seat,
        partner=partner,
        give_issue=first.id,
        give_option=first.options[0].id,
        want_issue=second.id,
        want_option=second.options[0].id,
    )


def answer_deal(screen: GameScreen, deal: DealView) -> None:
    view = screen.view
    public = view.scenario
    lines = [deal_text(view, deal) + "."]
    theirs, yours = deal.give, deal.want
    got, give = my_points(view, *theirs), my_points(view, *yours)
    if got is not None and give is not None and view.sheet is not None:
        lines.append(
            f"You gain backing for {public.option_label(*theirs)}, worth {got} of your "
            f"best {view.sheet.best.get(theirs[0], 0)} on {public.issue[theirs[0]].name}; you "
            f"promise to back {public.option_label(*yours)}, worth {give} of your best "
            f"{view.sheet.best.get(yours[0], 0)}."
        )
    lines.append("Once accepted, voting no on what you promised breaks the deal, and it shows.")
    choices: list[Choice[A.Action]] = []
    for accept, label in ((True, "Accept"), (False, "Decline")):
        action = A.AnswerDeal(seat=view.seat, deal=deal.number, accept=accept)
        choices.append(Choice(label, action, view.why_not(action)))
    dialog = ChoiceDialog(
        f"A side deal from {public.short(deal.offerer)}", choices, "\n".join(lines), purpose="deal"
    )
    screen.app.push_screen(dialog, _submit(screen))


def deal_partners(view: SeatView) -> list[Choice[str]]:
    """Members at the table a deal could be offered to, each with why not, if not."""
    me = own_org(view)
    templates = {
        m.action.partner: m.reason for m in view.moves if isinstance(m.action, A.OfferDeal)
    }
    return [
        Choice(view.scenario.name(org), org, templates.get(org), "")
        for org in view.at_table
        if org != me
    ]


def deal_issues(view: SeatView, skip: str | None = None) -> list[Choice[str]]:
    """The open issues a deal may trade on (not `skip`, the other side of the deal)."""
    return [
        Choice(i.name, i.id)
        for i in view.scenario.issues
        if i.id not in view.agreement and i.id != skip
    ]


def deal_options(view: SeatView, issue: str) -> list[Choice[str]]:
    out = []
    for option in view.scenario.issue[issue].options:
        points = my_points(view, issue, option.id)
        out.append(
            Choice(option.label, option.id, None, "" if points is None else f"your points {points}")
        )
    return out


def offer_deal(screen: GameScreen) -> None:
    """Partner, then what you back, then what you want backed: four short questions."""
    view = screen.view
    public = view.scenario
    if len(deal_issues(view)) < 2:
        screen.notify("Not now: a deal needs two issues still open.", timeout=4)
        return

    def ask(title: str, choices: list[Choice[str]], prompt: str, then) -> None:  # type: ignore[no-untyped-def]
        screen.app.push_screen(ChoiceDialog(title, choices, prompt), _then(then))

    def partner_chosen(partner: str) -> None:
        name = public.short(partner)

        def give_issue(gi: str) -> None:
            def give_option(go: str) -> None:
                def want_issue(wi: str) -> None:
                    def want_option(wo: str) -> None:
                        action = A.OfferDeal(
                            seat=view.seat,
                            partner=partner,
                            give_issue=gi,
                            give_option=go,
                            want_issue=wi,
                            want_option=wo,
                        )
                        reason = screen.view.why_not(action)
                        if reason is not None:
                            screen.notify(f"Not now: {reason}.", severity="warning", timeout=5)
                            return
                        screen.submit(action)

                    ask(
                        f"In return {name} backs which option?",
                        deal_options(view, wi),
                        public.issue[wi].name,
                        want_option,
                    )

                ask(f"On which issue must {name} back you?", deal_issues(view, gi), "", want_issue)

            ask(
                "You back which option?",
                deal_options(view, gi),
                f"{public.issue[gi].name}: you will vote yes on it when it comes to a vote.",
                give_option,
            )

        ask(
            f"Deal with {name}: on which issue do you back them?", deal_issues(view), "", give_issue
        )

    ask("Offer a side deal to whom?", deal_partners(view), "Members at the table.", partner_chosen)
