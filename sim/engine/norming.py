"""Norming: proposals put to a vote under the DecisionRule in force, and the agreement.

Until the table adopts a rule it decides by the convener's consensus. Who votes comes
from the adopted structure (`voting.voters`); how a tally reads, from `decide.carried`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import deals, governance
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.scenario_events import midpoint_round
from sim.engine.state import Proposal
from sim.engine.voting import agenda, bot_vote, passes, rule_in_force, voters
from sim.scenario.words import RULE_UNDER

VOTE_CHOICES = ("yes", "no", "stand_aside")
# Issues the performing stage needs settled: the governance form and the decision rule.
CORE_KINDS = ("governance", "decision_rule")
# A failed vote names at most this many blockers in the feed.
BLOCKERS_SHOWN = 4


# ---------------------------------------------------------------------- guards


def core_issues(ctx: Context) -> list[str]:
    """The issues an agreement needs before performing: governance form and decision rule,
    where the scenario has them, else its first issue."""
    core = [i.id for i in ctx.game.scenario.issues if i.kind in CORE_KINDS]
    return core or [ctx.game.scenario.issues[0].id]


def agreement_adopted(ctx: Context) -> bool:
    return all(issue in ctx.state.agreement for issue in core_issues(ctx))


def norming_blocker(ctx: Context) -> str:
    # Quoted, since an issue's name may hold a colon of its own ("Governance: who runs it").
    core = [
        f"'{i.name}'"
        for i in ctx.game.scenario.issues
        if i.kind in CORE_KINDS and i.id not in ctx.state.agreement
    ]
    return f"adopt {' and '.join(core) or 'an agreement'} before performing"


# ---------------------------------------------------------------------- candidates


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat != A.CONVENER:
        if seat not in ctx.game.orgs:
            return
        for choice in VOTE_CHOICES:
            yield A.Vote(seat=seat, choice=choice)  # type: ignore[arg-type]
    for issue in ctx.game.scenario.issues:
        for option in issue.options:
            yield A.Propose(seat=seat, issue=issue.id, option=option.id)


# ---------------------------------------------------------------------- propose


def why_not_propose(ctx: Context, action: A.Propose) -> str | None:
    s, game = ctx.state, ctx.game
    review = game.scenario.timeline.midpoint_review and s.round == midpoint_round(s.total_rounds)
    if s.stage != "norming" and not (s.stage == "performing" and review):
        return "proposals are made in norming (or at the midpoint review)"
    if action.issue in action.package:
        return "a package names each issue once"
    for issue_id, option_id in action.options.items():
        issue = game.issues.get(issue_id)
        if issue is None:
            return f"unknown issue '{issue_id}'"
        if option_id not in {o.id for o in issue.options}:
            return f"'{option_id}' is not an option of {issue.name}"
    if all(s.agreement.get(i) == o for i, o in action.options.items()):
        return "that is already the agreement"
    n_voters = len(voters(game, s))
    if n_voters == 0:
        return "nobody is at the table to vote"
    if s.proposals_this_round >= agenda(game, s):
        return (
            f"the body of {n_voters} voters can take up {agenda(game, s)} "
            "proposal(s) a round; end the round"
        )
    if action.seat == A.CONVENER:
        if s.convener_time < 1:
            return "no convener time left this round"
    elif action.seat not in voters(game, s):
        return "you are not on the body that decides, so you cannot put a proposal to it"
    return None


def propose(ctx: Context, action: A.Propose) -> None:
    s, game = ctx.state, ctx.game
    if action.seat == A.CONVENER:
        s.convener_time -= 1
    s.proposals_this_round += 1
    body = voters(game, s)
    s.pending = Proposal(action.issue, action.option, body, package=dict(action.package))
    bound = deals.bound_votes(s, body, s.pending.options)
    for member in body:
        if member == action.seat:
            s.pending.votes[member] = "yes"  # a member backs what it proposes
        elif member in bound:
            s.pending.votes[member] = bound[member]
        elif not s.members[member].human:
            s.pending.votes[member] = bot_vote(game, s, member, s.pending.options)
    tally_if_done(ctx)


# ---------------------------------------------------------------------- vote


def why_not_vote(ctx: Context, action: A.Vote) -> str | None:
    pending = ctx.state.pending
    if pending is None:
        return "no proposal is open for a vote"
    if action.seat not in pending.voters:
        return "you are not among the voters on this proposal"
    if action.seat in pending.votes:
        return "you have voted on this proposal already"
    return None


def vote(ctx: Context, action: A.Vote) -> None:
    assert ctx.state.pending is not None
    ctx.state.pending.votes[action.seat] = action.choice
    tally_if_done(ctx)


def tally_if_done(ctx: Context) -> None:
    """Once every voter has voted, read the tally and adopt the options or count a failure."""
    s, game = ctx.state, ctx.game
    pending = s.pending
    if pending is None or any(m not in pending.votes for m in pending.voters):
        return
    rule = rule_in_force(game, s)
    adopted, blockers = passes(game, s, pending.votes, rule)
    what = "; ".join(
        f"{game.issues[i].name} — {game.option_label(i, o)}" for i, o in pending.options.items()
    )
    counts = {c: sum(v == c for v in pending.votes.values()) for c in VOTE_CHOICES}
    governance_before = _governance(ctx)
    if adopted:
        s.agreement.update(pending.options)
        text = f"Adopted under {RULE_UNDER[rule.rule]}: {what}."
    else:
        for issue in pending.options:
            s.failed_votes[issue] = s.failed_votes.get(issue, 0) + 1
        names = [game.short_name(b) for b in blockers]
        who = ", ".join(names[:BLOCKERS_SHOWN]) + (" …" if len(names) > BLOCKERS_SHOWN else "")
        text = (
            f"Not adopted under {RULE_UNDER[rule.rule]}: {what} "
            f"({counts['yes']} yes, {counts['no']} no; blocked by {who})."
        )
    s.pending = None
    ctx.emit(
        N.ProposalVoted(
            round=s.round,
            issue=pending.issue,
            option=pending.option,
            package=dict(pending.package),
            rule=rule.rule,
            yes=counts["yes"],
            no=counts["no"],
            stand_aside=counts["stand_aside"],
            adopted=adopted,
            blockers=blockers,
            text=text,
        )
    )
    deals.keep_or_break(ctx, pending.votes, pending.options)
    if adopted and _governance(ctx) != governance_before:
        governance.on_adopted(ctx)


def _governance(ctx: Context) -> str | None:
    return next(
        (ctx.state.agreement.get(i.id) for i in ctx.game.scenario.issues if i.kind == "governance"),
        None,
    )
