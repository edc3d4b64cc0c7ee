"""Performing: members pledge each year, the convener funds projects from streams under
their rules, and can stop a project to move its money.

A funded project is paid in yearly tranches over the years it runs within the game: the
money leaves its streams at once, and what is not yet paid out comes back (less a
wind-down cost) if the table stops it. What funding delivers is `delivery.py`; paying to
learn it is `measurement.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import governance
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.delivery import draw_noise, effectiveness
from sim.engine.measurement import hold, release_held, reserve, shortfall_shown
from sim.engine.money import (
    Spend,
    affordable_units,
    find_lead,
    funded_units,
    pay,
    plan_spend,
    refund,
)
from sim.engine.pledges import (
    bot_pledge,
    capacity,
    pledge_stream,
    pledged_this_year,
    record_pledge,
    settle_pledges,
)
from sim.engine.state import Batch, PledgeRecord
from sim.engine.trust import BREACH_FLOOR, lower_tau, raise_tau

# The pledge amounts offered to a member, as shares of its yearly capacity.
PLEDGE_SHARES = (0.0, 0.25, 0.5, 1.0)
# The shares of its pledge a member is offered to deliver: all of it, or reneging on part.
DELIVER_SHARES = (1.0, 0.5, 0.0)
# A pledge may exceed capacity by rounding only.
PLEDGE_SLACK = 0.01
# Funding a project strong in a co-benefit raises the trust of members who care about it,
# by this share of a for a co-benefit of 5.
COBENEFIT_GAIN = 0.2
COBENEFIT_TOP = 5
# A project's lead trusts the partnership more each year its tranche is paid (a commitment
# kept), by this share of a; stopping the project breaks the same commitment at the
# breach rate (breach_factor times as much, of max(τ, ½)).
COMMITMENT = 0.5
# A stop no measured shortfall explains costs every other member this share of the lead's loss:
# the table reads it as a commitment broken without cause (Living Cities Integration
# Initiative: transparency about what works is the evidence to redirect funds).
UNEXPLAINED_STOP = 0.25


# ---------------------------------------------------------------------- candidates


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    game, s = ctx.game, ctx.state
    if seat != A.CONVENER:
        if seat in game.orgs:
            stream = pledge_stream(game, seat)
            cap = capacity(game, seat, s)
            for amount in sorted({round(cap * share, 2) for share in PLEDGE_SHARES}):
                yield A.Pledge(seat=seat, stream=stream, amount=amount)
            line = open_pledge(ctx, seat)
            if line is not None:
                for share in DELIVER_SHARES:
                    yield A.Deliver(seat=seat, amount=round(line.pledged * share, 2))
        return
    if s.stage != "performing":
        return
    for project in game.scenario.projects:
        for stream in game.scenario.streams:
            most = affordable_units(game, s, project, stream.id)
            for units in sorted({1, most}):
                if units >= 1:
                    yield A.Fund(project=project.id, stream=stream.id, units=units)
    for project in game.scenario.projects:
        if any(b.project == project.id and not b.stopped for b in s.batches):
            yield A.Stop(project=project.id)


# ---------------------------------------------------------------------- pledges


def why_not_pledge(ctx: Context, action: A.Pledge) -> str | None:
    s, game = ctx.state, ctx.game
    if action.seat == A.CONVENER:
        return "only members pledge money; the convener spends it"
    if s.stage != "performing":
        return "pledges are made in performing"
    if s.members[action.seat].status != "table":
        return "you are not at the table"
    if action.stream not in game.streams:
        return f"unknown stream '{action.stream}'"
    own = pledge_stream(game, action.seat)
    if action.stream != own:
        return f"your organization pledges into {game.streams[own].name}"
    if pledged_this_year(s, action.seat):
        return "you have pledged this year already"
    if capacity(game, action.seat, s) < 1:
        return "your organization has no money left to pledge"
    if action.amount > capacity(game, action.seat, s) + PLEDGE_SLACK:
        return f"you can pledge at most ${capacity(game, action.seat, s):,.0f} this year"
    return None


def pledge(ctx: Context, action: A.Pledge) -> None:
    record_pledge(ctx.state, action.seat, action.stream, action.amount)
    ctx.emit(
        N.Pledged(
            round=ctx.state.round,
            organization=action.seat,
            stream=action.stream,
            amount=action.amount,
            text=f"{ctx.game.orgs[action.seat].name} pledges ${action.amount:,.0f}.",
        )
    )
    settle(ctx)


def open_year(ctx: Context) -> None:
    """Each member at the table pledges once a year; bots decide now."""
    s, game = ctx.state, ctx.game
    if s.year in s.pledged_years:
        return
    s.pledged_years.append(s.year)
    for org in s.at_table():
        if s.members[org].human:
            continue
        amount = bot_pledge(game, s, org)
        if amount <= 0:
            continue
        stream = pledge_stream(game, org)
        record_pledge(s, org, stream, amount)
        ctx.emit(
            N.Pledged(
                round=s.round,
                organization=org,
                stream=stream,
                amount=amount,
                text=f"{game.orgs[org].name} pledges ${amount:,.0f}.",
            )
        )
    # Pledges are settled as the year opens, so the ledger shows at once who delivered.
    settle(ctx)
    governance.pay_dues(ctx)


def open_pledge(ctx: Context, org: str) -> PledgeRecord | None:
    """The member's pledge of this year not yet settled, if any."""
    s = ctx.state
    return next(
        (p for p in s.ledger if p.organization == org and p.year == s.year and p.delivered is None),
        None,
    )


def why_not_deliver(ctx: Context, action: A.Deliver) -> str | None:
    line = open_pledge(ctx, action.seat)
    if line is None:
        return "you have no pledge this year waiting to be delivered"
    if action.amount > line.pledged + PLEDGE_SLACK:
        return f"you pledged ${line.pledged:,.0f}; deliver at most that"
    return None


def deliver(ctx: Context, action: A.Deliver) -> None:
    settle(ctx, {action.seat: action.amount})


def close_year(ctx: Context) -> None:
    """A person's pledge still open when the year closes is delivered in full."""
    settle(ctx, closing=True)


def settle(ctx: Context, delivering: dict[str, float] | None = None, closing: bool = False) -> None:
    """Deliver open pledges now and report each line of the ledger."""
    game, s = ctx.game, ctx.state
    for line in settle_pledges(game, s, delivering, closing):
        delivered = line.delivered or 0.0
        hold(ctx, line.stream, delivered)
        reserve(ctx, line.stream, delivered)
        name = game.orgs[line.organization].name
        if line.pledged <= 0:
            continue  # a pledge of nothing delivers nothing worth a line
        if delivered >= line.pledged - 0.01:
            text = f"{name} delivers its pledge of ${line.pledged:,.0f} in full."
        else:
            text = f"{name} delivers ${delivered:,.0f} of the ${line.pledged:,.0f} it pledged."
        ctx.emit(
            N.PledgeSettled(
                round=s.round,
                organization=line.organization,
                stream=line.stream,
                pledged=line.pledged,
                delivered=delivered,
                text=text,
            )
        )


# ---------------------------------------------------------------------- funding


def why_not_fund(ctx: Context, action: A.Fund) -> str | None:
    s, game = ctx.state, ctx.game
    if s.stage != "performing":
        return "projects are funded in performing"
    project = game.projects.get(action.project)
    if project is None:
        return f"unknown project '{action.project}'"
    if action.stream not in game.streams:
        return f"unknown stream '{action.stream}'"
    if funded_units(s, project.id) + action.units > project.max_units:
        return f"{project.name} has at most {project.max_units} units"
    plan = plan_spend(game, s, project, action.stream, action.units)
    if isinstance(plan, str):
        return plan
    if find_lead(game, s, project) is None:
        return f"no member at the table can lead {project.name}"
    return None


def fund(ctx: Context, action: A.Fund) -> None:
    s, game = ctx.state, ctx.game
    project = game.projects[action.project]
    plan = plan_spend(game, s, project, action.stream, action.units)
    assert isinstance(plan, Spend)
    lead = find_lead(game, s, project)
    assert lead is not None
    launched = not any(b.project == project.id and not b.stopped for b in s.batches)
    pay(s, plan)
    s.members[lead].staff_used += project.lead.staff
    years_left = s.total_rounds // s.rounds_per_year - s.year + 1
    tranche = round(plan.cost / max(1, min(project.lifetime_years, years_left)), 2)
    s.batches.append(
        Batch(
            project.id,
            action.units,
            plan.cost,
            action.stream,
            lead,
            s.round,
            draw_noise(s, project.id, project.uncertainty),
            draws=plan.draws,
            escrow=round(plan.cost - tranche, 2),
            tranche=tranche,
            launched=effectiveness(game, s),
        )
    )
    s.problem_solving["solution_finding"] += 1
    if launched:  # more units of a running project are not news; splitting buys no goodwill
        _cheer(ctx, project.id)
    ctx.emit(
        N.Funded(
            round=s.round,
            project=project.id,
            stream=action.stream,
            units=action.units,
            cost=plan.cost,
            lead=lead,
            text=f"Funded {project.name}: {action.units} × {project.unit}, "
            f"${plan.cost:,.0f}, led by {game.orgs[lead].name}.",
        )
    )


def _cheer(ctx: Context, project: str) -> None:
    """Members who care about a co-benefit trust the partnership more when it launches a
    project that brings one."""
    game, s = ctx.game, ctx.state
    benefits = game.projects[project].co_benefits.model_dump()
    gain = game.scenario.dynamics.trust_gain * COBENEFIT_GAIN
    for org in s.at_table():
        cares = {b for i in game.orgs[org].interests for b in game.interest_cares.get(i, ())}
        level = max((benefits[b] for b in cares), default=0)
        if level:
            raise_tau(s, [org], gain * level / COBENEFIT_TOP)


# ---------------------------------------------------------------------- stopping


def why_not_stop(ctx: Context, action: A.Stop) -> str | None:
    s = ctx.state
    if action.project not in ctx.game.projects:
        return f"unknown project '{action.project}'"
    if s.stage != "performing":
        return "projects are stopped in performing"
    if not any(b.project == action.project and not b.stopped for b in s.batches):
        return f"nothing of {ctx.game.projects[action.project].name} is running"
    if s.convener_time < 1:
        return "no convener time left this round"
    return None


def _provider_gone(ctx: Context, stream: str) -> bool:
    provider = getattr(ctx.game.streams[stream], "provider", None)
    return provider is not None and ctx.state.members[provider].status == "left"


def stop(ctx: Context, action: A.Stop) -> None:
    """Stop every running batch of a project: unpaid money goes back, less the wind-down,
    and the lead, whose work is cut short, trusts the partnership less."""
    s, game = ctx.state, ctx.game
    project = game.projects[action.project]
    dyn = game.scenario.dynamics
    s.convener_time -= 1
    shown = shortfall_shown(ctx, project.id)  # judged on the units running until now
    back = lost = 0.0
    leads: list[str] = []
    for batch in s.batches:
        if batch.project != project.id or batch.stopped:
            continue
        batch.stopped = True
        returned = round(batch.escrow * (1 - dyn.stop_cost), 2)
        # What a departed provider put in left with it, so none of it comes back.
        draws = tuple((st, a) for st, a in batch.draws if not _provider_gone(ctx, st))
        share = sum(a for _, a in draws) / max(sum(a for _, a in batch.draws), 1e-9)
        kept = round(returned * share, 2)
        lost += batch.escrow - kept
        back += kept
        refund(s, draws, kept)
        batch.escrow = 0.0
        s.members[batch.lead].staff_used = max(
            0.0, s.members[batch.lead].staff_used - project.lead.staff
        )
        leads.append(batch.lead)
    # The same stake as a tranche kept, lost at the breach rate (trust falls faster).
    breach = dyn.breach_factor * dyn.trust_gain * COMMITMENT
    lower_tau(s, sorted(set(leads)), breach, BREACH_FLOOR)
    if not shown:
        # With no measured shortfall to point to, the table sees a commitment broken for no
        # reason it can check, and every member trusts the partnership a little less.
        others = [m for m in s.at_table() if m not in leads]
        lower_tau(s, others, breach * UNEXPLAINED_STOP, BREACH_FLOOR)
    ctx.emit(
        N.Stopped(
            round=s.round,
            project=project.id,
            returned=back,
            lost=round(lost, 2),
            text=f"The table stops {project.name}: ${back:,.0f} not yet paid goes back to its "
            f"streams (${lost:,.0f} lost winding it down)"
            + (
                "."
                if shown
                else "; with no measured shortfall behind it, every member trusts the "
                "partnership a little less."
            ),
        )
    )


# ---------------------------------------------------------------------- the year's money


def new_year(ctx: Context) -> None:
    """A year opens: each running project draws its tranche (a commitment kept, which its
    lead notices), and money held for results is released where a project it paid for
    has been measured."""
    s = ctx.state
    kept: set[str] = set()
    for batch in s.batches:
        if not batch.stopped and batch.escrow > 0:
            batch.escrow = round(max(0.0, batch.escrow - batch.tranche), 2)
            kept.add(batch.lead)
    gain = ctx.game.scenario.dynamics.trust_gain * COMMITMENT
    raise_tau(s, sorted(m for m in kept if s.members[m].status == "table"), gain)
    release_held(ctx)
