"""Side deals between members: I back your option on one issue if you back mine on another.

A deal is a private trade of votes across issues (logrolling, as in Harborco). Offering
one takes the convener a little time when it offers for its own organization. A bot
partner weighs it on its own points sheet; a person's seat answers it. Once accepted, the
two are bound: a bot votes yes on any proposal holding what it promised, a person may
break its word, and the other side notices. A deal helps the insiders' trust in each
other and costs the rest of the table a little: the room can tell something was traded.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.facts import Facts
from sim.engine.state import Deal, SessionState
from sim.engine.trust import lower_pairs, lower_tau, raise_pairs

# Offering a deal for the convener's own organization takes this much convener time.
OFFER_TIME = 1
# A bot deals only with a member it trusts at least this much (pairwise T).
DEAL_TRUST = 0.25
# Accepting raises the pair's trust by this share of a; everyone else at the table loses
# this share of a in τ; a deal kept on both sides raises the pair's trust by a; a broken
# one costs the wronged side a breach (breach_factor × a) against the breaker.
ACCEPTED_PAIR = 0.5
OUTSIDERS = 0.1
KEPT_PAIR = 1.0


def offerer_of(ctx: Context, seat: str) -> str | None:
    """The member a seat deals for: the convener deals for its own organization (None when
    it sits for none)."""
    return ctx.game.scenario.convener.organization if seat == A.CONVENER else seat


def open_deals(state: SessionState, org: str) -> list[tuple[int, Deal]]:
    """Deals offered to `org` that wait for its answer."""
    return [(n, d) for n, d in enumerate(state.deals) if d.partner == org and d.status == "offered"]


def promised(state: SessionState, org: str, options: Mapping[str, str]) -> bool:
    """Whether `org` is bound by an accepted deal to back something in these options."""
    for deal in state.deals:
        if deal.status != "accepted":
            continue
        mine = deal.give if deal.offerer == org else deal.want if deal.partner == org else None
        if mine is not None and options.get(mine[0]) == mine[1]:
            return True
    return False


def bot_accepts(game: Facts, state: SessionState, deal: Deal) -> bool:
    """A bot takes a deal when what it gains on the issue it is offered (that option against
    its average there) is at least what it gives up on the other, and it trusts the offerer."""
    org = deal.partner
    if state.trust[game.index[org]][game.index[deal.offerer]] < DEAL_TRUST:
        return False
    gain_sheet = game.orgs[org].points.get(deal.give[0], {})
    give_sheet = game.orgs[org].points.get(deal.want[0], {})
    if not gain_sheet:
        return False
    gain = gain_sheet.get(deal.give[1], 0) - sum(gain_sheet.values()) / len(gain_sheet)
    cost = (sum(give_sheet.values()) / len(give_sheet) if give_sheet else 0.0) - (
        give_sheet.get(deal.want[1], 0)
    )
    return gain > 0 and gain >= cost


# ---------------------------------------------------------------------- candidates


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    """Answers to the deals a seat was offered, and one offer to each member at the table
    (the full set is one per partner, issue pair and option pair: thousands at a large
    table; a seat composes one and its view judges it by the one listed here)."""
    s = ctx.state
    if seat != A.CONVENER:
        for n, _ in open_deals(s, seat):
            yield A.AnswerDeal(seat=seat, deal=n, accept=True)
            yield A.AnswerDeal(seat=seat, deal=n, accept=False)
    # One offer per partner stands for all of them: it carries the reasons that depend on
    # the stage, the partner and the time, not on which options are traded.
    issues = [i for i in ctx.game.scenario.issues if i.id not in s.agreement]
    if len(issues) < 2 or offerer_of(ctx, seat) is None:
        return
    give, want = issues[0], issues[1]
    for partner in s.at_table():
        if partner != offerer_of(ctx, seat):
            yield A.OfferDeal(
                seat=seat,
                partner=partner,
                give_issue=give.id,
                give_option=give.options[0].id,
                want_issue=want.id,
                want_option=want.options[0].id,
            )


# ---------------------------------------------------------------------- offering


def why_not_offer(ctx: Context, action: A.OfferDeal) -> str | None:
    s, game = ctx.state, ctx.game
    me = offerer_of(ctx, action.seat)
    if me is None:
        return "the convener sits for no member organization here, so has no vote to trade"
    if s.stage not in ("storming", "norming"):
        return "side deals are struck in storming and norming, before the votes"
    if s.members[me].status != "table":
        return "you are not at the table"
    if action.partner not in game.orgs or s.members[action.partner].status != "table":
        return f"{game.short_name(action.partner)} is not at the table"
    if action.partner == me:
        return "a deal takes two members"
    if action.give_issue == action.want_issue:
        return "a deal trades across two different issues"
    for issue, option in (
        (action.give_issue, action.give_option),
        (action.want_issue, action.want_option),
    ):
        spec = game.issues.get(issue)
        if spec is None:
            return f"unknown issue '{issue}'"
        if option not in {o.id for o in spec.options}:
            return f"'{option}' is not an option of {spec.name}"
        if issue in s.agreement:
            return f"{spec.name} is settled already"
    for deal in s.deals:
        if deal.status in ("offered", "accepted") and {deal.offerer, deal.partner} == {
            me,
            action.partner,
        }:
            return f"you have a deal with {game.short_name(action.partner)} already"
    if action.seat == A.CONVENER and s.convener_time < OFFER_TIME:
        return f"offering a deal takes {OFFER_TIME} time; {s.convener_time} left"
    return None


def offer(ctx: Context, action: A.OfferDeal) -> None:
    s, game = ctx.state, ctx.game
    me = offerer_of(ctx, action.seat)
    assert me is not None
    if action.seat == A.CONVENER:
        s.convener_time -= OFFER_TIME
    deal = Deal(
        me,
        action.partner,
        (action.give_issue, action.give_option),
        (action.want_issue, action.want_option),
        s.round,
    )
    s.deals.append(deal)
    number = len(s.deals) - 1
    ctx.emit(
        N.DealOffered(
            round=s.round,
            deal=number,
            offerer=me,
            partner=action.partner,
            # Only the two parties learn the terms (in their seat views); the table sees
            # that a deal was offered.
            text=f"{game.short_name(me)} offers {game.short_name(action.partner)} a side deal.",
        )
    )
    if not ctx.human(action.partner):
        settle_answer(ctx, number, bot_accepts(game, s, deal))


def describe(game: Facts, deal: Deal) -> str:
    return (
        f"{game.short_name(deal.offerer)} backs {game.option_label(*deal.give)} "
        f"({game.issues[deal.give[0]].name}) if {game.short_name(deal.partner)} backs "
        f"{game.option_label(*deal.want)} ({game.issues[deal.want[0]].name})"
    )


# ---------------------------------------------------------------------- answering


def why_not_answer(ctx: Context, action: A.AnswerDeal) -> str | None:
    s = ctx.state
    if action.deal >= len(s.deals):
        return "no such deal"
    deal = s.deals[action.deal]
    if deal.partner != action.seat:
        return "that deal was not offered to you"
    if deal.status != "offered":
        return "that deal has been answered"
    if s.members[action.seat].status != "table":
        return "you are not at the table"
    if s.members[deal.offerer].status != "table":
        return f"{ctx.game.short_name(deal.offerer)} has left the table"
    return None


def answer(ctx: Context, action: A.AnswerDeal) -> None:
    settle_answer(ctx, action.deal, action.accept)


def settle_answer(ctx: Context, number: int, accept: bool) -> None:
    s, game = ctx.state, ctx.game
    dyn = game.scenario.dynamics
    deal = s.deals[number]
    deal.status = "accepted" if accept else "declined"
    if accept:
        raise_pairs(game, s, [deal.offerer], [deal.partner], dyn.trust_gain * ACCEPTED_PAIR)
        others = [m for m in s.at_table() if m not in (deal.offerer, deal.partner)]
        lower_tau(s, others, dyn.trust_gain * OUTSIDERS)
    verb = "accepts" if accept else "declines"
    ctx.emit(
        N.DealAnswered(
            round=s.round,
            deal=number,
            accepted=accept,
            text=f"{game.short_name(deal.partner)} {verb} the side deal with "
            f"{game.short_name(deal.offerer)}.",
        )
    )


# ---------------------------------------------------------------------- at the vote


def bound_votes(
    state: SessionState, voters: list[str], options: Mapping[str, str]
) -> dict[str, str]:
    """Bots bound by a deal to back something in this proposal vote yes."""
    return {m: "yes" for m in voters if not state.members[m].human and promised(state, m, options)}


def keep_or_break(ctx: Context, votes: Mapping[str, str], options: Mapping[str, str]) -> None:
    """After a vote, each accepted deal it touched is kept, or broken by whoever did not
    vote yes."""
    s, game = ctx.state, ctx.game
    dyn = game.scenario.dynamics
    for number, deal in enumerate(s.deals):
        if deal.status != "accepted":
            continue
        sides = ((deal.offerer, deal.give), (deal.partner, deal.want))
        for who, (issue, option) in sides:
            if options.get(issue) != option or who not in votes:
                continue
            other = deal.partner if who == deal.offerer else deal.offerer
            # Standing aside is not backing what it promised to back.
            if votes[who] != "yes":
                deal.status = "broken"
                lower_pairs(game, s, [who], [other], dyn.breach_factor * dyn.trust_gain)
                lower_tau(s, [other], dyn.trust_gain)
                ctx.emit(
                    N.DealSettled(
                        round=s.round,
                        deal=number,
                        kept=False,
                        breaker=who,
                        text=f"{game.short_name(who)} does not vote for what it promised "
                        f"{game.short_name(other)}: the side deal is broken.",
                    )
                )
                break
            if who not in deal.kept_by:
                deal.kept_by.append(who)
        if deal.status == "accepted" and len(deal.kept_by) == 2:
            deal.status = "kept"
            raise_pairs(game, s, [deal.offerer], [deal.partner], dyn.trust_gain * KEPT_PAIR)
            ctx.emit(
                N.DealSettled(
                    round=s.round,
                    deal=number,
                    kept=True,
                    text=f"{game.short_name(deal.offerer)} and {game.short_name(deal.partner)} "
                    "have each voted as they promised: the side deal is kept.",
                )
            )
