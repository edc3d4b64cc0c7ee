"""Performing: members pledge each year, the convener funds projects from streams under
their rules, and pays to measure what the funded projects really deliver.

What funding then delivers (effectiveness, noise, the hidden truth) is `delivery.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.delivery import delivered_rate, draw_noise, effectiveness, nominal_rate
from sim.engine.money import Spend, affordable_units, find_lead, funded_units, pay, plan_spend
from sim.engine.pledges import (
    bot_pledge,
    capacity,
    pledge_stream,
    pledged_this_year,
    record_pledge,
    settle_pledges,
)
from sim.engine.state import Batch

# The pledge amounts offered to a member, as shares of its yearly capacity.
PLEDGE_SHARES = (0.25, 0.5, 1.0)
# A pledge may exceed capacity by rounding only.
PLEDGE_SLACK = 0.01
# A measurement study never costs less than this, however little was funded.
MIN_MEASUREMENT_COST = 5_000.0
# A shared measurement system makes each study cheaper: it costs this part as much.
SHARED_MEASUREMENT_DIVISOR = 2


# ---------------------------------------------------------------------- candidates


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    game, s = ctx.game, ctx.state
    if seat != A.CONVENER:
        if seat in game.orgs:
            stream = pledge_stream(game, seat)
            cap = capacity(game, seat)
            for amount in sorted({round(cap * share, 2) for share in PLEDGE_SHARES}):
                yield A.Pledge(seat=seat, stream=stream, amount=amount)
        return
    if s.stage != "performing":
        return
    for project in game.scenario.projects:
        for stream in game.scenario.streams:
            most = affordable_units(game, s, project, stream.id)
            for units in sorted({1, most}):
                if units >= 1:
                    yield A.Fund(project=project.id, stream=stream.id, units=units)
        yield A.Measure(project=project.id)


# ---------------------------------------------------------------------- pledges


def why_not_pledge(ctx: Context, action: A.Pledge) -> str | None:
    s, game = ctx.state, ctx.game
    if action.seat == A.CONVENER:
        return "only members pledge money; the convener spends it"
    if s.stage != "performing":
        return "pledges are made in performing"
    if s.members[action.seat].status != "table":
        return f"{action.seat} is not at the table"
    if action.stream not in game.streams:
        return f"unknown stream '{action.stream}'"
    if pledged_this_year(s, action.seat):
        return f"{action.seat} has already pledged this year"
    if action.amount > capacity(game, action.seat) + PLEDGE_SLACK:
        return f"{action.seat} can pledge at most ${capacity(game, action.seat):,.0f} a year"
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


def settle(ctx: Context) -> None:
    """Deliver open pledges now and report each line of the ledger."""
    game, s = ctx.game, ctx.state
    for line in settle_pledges(game, s):
        delivered = line.delivered or 0.0
        name = game.orgs[line.organization].name
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
    pay(s, plan)
    s.members[lead].staff_used += project.lead.staff
    s.batches.append(
        Batch(
            project.id,
            action.units,
            plan.cost,
            action.stream,
            lead,
            s.round,
            draw_noise(s, project.uncertainty),
        )
    )
    s.problem_solving["solution_finding"] += 1
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


# ---------------------------------------------------------------------- measurement


def shared_measurement(ctx: Context) -> bool:
    """Whether the adopted agreement set up a shared measurement system."""
    for issue in ctx.game.scenario.issues:
        if issue.kind == "measurement" and issue.id in ctx.state.agreement:
            option = next(o for o in issue.options if o.id == ctx.state.agreement[issue.id])
            return bool(option.shared_measurement)  # type: ignore[union-attr]
    return False


def measure_cost(ctx: Context, project: str) -> float:
    """A study costs a share of what the unmeasured batches cost, with a floor."""
    spent = sum(b.cost for b in ctx.state.batches if b.project == project and not b.measured)
    share = ctx.game.scenario.dynamics.measurement_share
    if shared_measurement(ctx):
        share /= SHARED_MEASUREMENT_DIVISOR
    return round(max(MIN_MEASUREMENT_COST, spent * share), 2)


def measure_money(ctx: Context) -> float:
    """What can pay for measurement: the convening budget, then the pooled streams."""
    pooled = [st.id for st in ctx.game.scenario.streams if st.kind == "pooled"]
    return ctx.state.convener_budget + sum(ctx.state.streams[p].balance for p in pooled)


def why_not_measure(ctx: Context, action: A.Measure) -> str | None:
    s = ctx.state
    if s.stage != "performing":
        return "measurement happens in performing"
    if not any(
        b.project == action.project and not b.measured and b.round_funded < s.round
        for b in s.batches
    ):
        return f"nothing of '{action.project}' has run a round unmeasured yet"
    if s.convener_time < 1:
        return "no convener time left this round"
    if measure_cost(ctx, action.project) > measure_money(ctx):
        return "not enough money to pay for measurement"
    return None


def measure(ctx: Context, action: A.Measure) -> None:
    s, game = ctx.state, ctx.game
    cost = measure_cost(ctx, action.project)
    from_budget = min(cost, s.convener_budget)
    s.convener_budget -= from_budget
    rest = round(cost - from_budget, 2)
    for stream in (st.id for st in game.scenario.streams if st.kind == "pooled"):
        take = min(rest, s.streams[stream].balance)
        s.streams[stream].balance -= take
        s.streams[stream].spent += take
        rest = round(rest - take, 2)
    s.convener_time -= 1
    e = effectiveness(game, s)
    nominal = delivered = 0.0
    for batch in s.batches:
        if batch.project == action.project:
            batch.measured = True
            nominal += nominal_rate(game, s, batch)
            delivered += delivered_rate(game, s, batch, e)
    s.problem_solving["analyzing_reflecting"] += 1
    name = game.projects[action.project].name
    ctx.emit(
        N.Measured(
            round=s.round,
            project=action.project,
            nominal=nominal,
            delivered=delivered,
            text=f"Measurement of {name}: promised {nominal:,.1f} a year, "
            f"delivering {delivered:,.1f} (cost ${cost:,.0f}).",
        )
    )
