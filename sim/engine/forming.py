"""Forming: who is at the table, whom each member sends, and the named result.

Also the shortcut out of forming, `Skip`, straight to performing (the form-perform
paradox's first half: nothing here punishes it; the lack of trust and norms does).
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import joining
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.trust import lower_tau
from sim.scenario.words import ASK, rank

ASKS = tuple(ASK)
# A table needs this many members before it can storm (a conflict needs parties) ...
MIN_TABLE = 3
# ... and two to skip to performing, since one member is not a partnership.
MIN_TO_SKIP = 2
# An interim steering committee takes the founding decisions until a DecisionRule is
# adopted: it holds this many members, naming it takes this much convener time, and every
# member left off it loses this share of a in trust (members left out trust less).
STEERING_SIZE = (3, 9)
STEERING_TIME = 2
STEERING_EXCLUDED = 0.5


# ---------------------------------------------------------------------- guards


def table_formed(ctx: Context) -> bool:
    return ctx.state.result is not None and len(ctx.state.at_table()) >= MIN_TABLE


def result_named(ctx: Context) -> bool:
    return ctx.state.result is not None and len(ctx.state.at_table()) >= MIN_TO_SKIP


def forming_blocker(ctx: Context) -> str:
    if ctx.state.result is None:
        return "name the specific measurable result before storming"
    return f"invite at least {MIN_TABLE} members before storming"


# ---------------------------------------------------------------------- candidates


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat != A.CONVENER:
        return
    yield A.Skip()
    for org in ctx.game.orgs:
        for ask in ASKS:
            yield A.Invite(organization=org, ask=ask)  # type: ignore[arg-type]
    for metric in ctx.game.scenario.results:
        for target in metric.targets:
            yield A.ChooseResult(metric=metric.id, target=target)
    if not ctx.state.steering and len(ctx.state.at_table()) > STEERING_SIZE[0]:
        yield A.NameSteering(members=ctx.state.at_table()[: STEERING_SIZE[1]])


# ---------------------------------------------------------------------- invite


def invite_cost(ctx: Context, action: A.Invite) -> int:
    org = ctx.game.orgs[action.organization]
    return ctx.game.scenario.dynamics.ask_cost.get(action.ask, 0) + org.sends.extra_cost


def why_not_invite(ctx: Context, action: A.Invite) -> str | None:
    s, game = ctx.state, ctx.game
    if action.organization not in game.orgs:
        return f"unknown organization '{action.organization}'"
    org = game.orgs[action.organization]
    member = s.members[action.organization]
    if member.status == "left":
        return f"{org.name} has left the partnership"
    if member.invited is not None:
        return f"{org.name} is invited already and has yet to answer"
    sends = getattr(org.sends, action.ask)
    if member.status == "table" and (
        sends == "nobody" or rank(sends) <= rank(member.representative)
    ):
        return f"{org.name} is at the table; that ask would not bring anyone more senior"
    cost = invite_cost(ctx, action)
    if cost > s.convener_time:
        return f"inviting {org.name} that way takes {cost} time; {s.convener_time} left"
    return None


def invite(ctx: Context, action: A.Invite) -> None:
    """Ask an organization in; whom it sends depends on the way it was asked.

    A bot's organization answers at once, as its brief says; a person's seat answers
    for itself (`Join`), unless it asked to join, when it comes as it offered."""
    s, game = ctx.state, ctx.game
    org = game.orgs[action.organization]
    member = s.members[org.id]
    s.convener_time -= invite_cost(ctx, action)
    how = f"asked by {ASK[action.ask]}"
    if member.requested is not None:
        joining.seat_member(ctx, org.id, member.requested, "admitted at its own request")
        return
    if ctx.human(org.id):
        member.invited = action.ask
        ctx.emit(
            N.Invited(
                round=s.round,
                organization=org.id,
                ask=action.ask,
                text=f"{org.name} is invited by {ASK[action.ask]} and will answer whom it sends.",
            )
        )
        return
    sends = getattr(org.sends, action.ask)
    if sends == "nobody":
        joining.decline(ctx, org.id, action.ask)
        return
    joining.seat_member(ctx, org.id, sends, how)


# ---------------------------------------------------------------------- the result


def why_not_choose_result(ctx: Context, action: A.ChooseResult) -> str | None:
    if ctx.state.stage != "forming":
        return "the result is named in forming"
    if action.metric not in ctx.game.metrics:
        return f"unknown result metric '{action.metric}'"
    if action.target <= 0:
        return "the target must be positive"
    if ctx.state.result == (action.metric, action.target):
        return "the table has named that result already"
    return None


def choose_result(ctx: Context, action: A.ChooseResult) -> None:
    s = ctx.state
    metric = ctx.game.metrics[action.metric]
    if s.result is None:
        # Defining the problem counts once; renaming the target is not more of it.
        s.problem_solving["problem_defining"] += 1
    s.result = (action.metric, action.target)
    ctx.emit(
        N.ResultNamed(
            round=s.round,
            metric=metric.id,
            target=action.target,
            text=f"The table names its result: {action.target:g} "
            f"{metric.unit} of {metric.name} by year "
            f"{ctx.game.scenario.timeline.years}.",
        )
    )


# ---------------------------------------------------------------------- skip


def why_not_skip(ctx: Context, action: A.Skip) -> str | None:
    s = ctx.state
    if s.stage != "forming":
        return "only a table in forming can skip to performing"
    if s.result is None:
        return "name the specific measurable result first"
    if len(s.at_table()) < MIN_TO_SKIP:
        return "invite at least two members first"
    return None


def skip(ctx: Context, action: A.Skip) -> None:
    ctx.stages.skip()


# ---------------------------------------------------------------------- a steering committee


def why_not_name_steering(ctx: Context, action: A.NameSteering) -> str | None:
    s, game = ctx.state, ctx.game
    if s.stage != "forming":
        return "a steering committee is named in forming"
    if s.steering:
        return "a steering committee is already named"
    low, high = STEERING_SIZE
    if not low <= len(action.members) <= high:
        return f"a steering committee holds {low} to {high} members"
    if len(set(action.members)) != len(action.members):
        return "each member once"
    for org in action.members:
        if org not in game.orgs or s.members[org].status != "table":
            return f"{game.short_name(org)} is not at the table"
    if len(action.members) >= len(s.at_table()):
        return "a steering committee leaves some members out; otherwise it is the plenary"
    if s.convener_time < STEERING_TIME:
        return f"naming it takes {STEERING_TIME} time; {s.convener_time} left"
    return None


def name_steering(ctx: Context, action: A.NameSteering) -> None:
    """Until a DecisionRule is adopted, the committee takes the founding votes."""
    s, game = ctx.state, ctx.game
    s.convener_time -= STEERING_TIME
    s.steering = list(action.members)
    left_out = [m for m in s.at_table() if m not in action.members]
    lower_tau(s, left_out, game.scenario.dynamics.trust_gain * STEERING_EXCLUDED)
    names = ", ".join(game.short_name(m) for m in action.members)
    ctx.emit(
        N.SteeringNamed(
            round=s.round,
            members=list(action.members),
            text=f"An interim steering committee ({names}) will take the founding decisions; "
            f"the {len(left_out)} members left off it trust the partnership a little less.",
        )
    )
