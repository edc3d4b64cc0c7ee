"""Measurement: paying to learn what a funded project really delivers.

Until a project is measured the table sees only its nominal figure. A measurement costs
money and convener time, and gives an estimate whose spread depends on the data the
partnership shares and the data its members bring. Under public reporting the results
move every member's trust; a stream that funds only measured results releases its money
once something it paid for has been measured (see `performing.release_held`).
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.delivery import delivered_rate, effectiveness, luck, nominal_rate
from sim.engine.governance import measure_factor
from sim.engine.needs import public_reporting
from sim.engine.trust import lower_tau, raise_tau
from sim.scenario.models import MeasurementIssue

# A measurement study never costs less than this, however little was funded.
MIN_MEASUREMENT_COST = 5_000.0
# A shared measurement system makes each study cheaper: it costs this part as much.
SHARED_MEASUREMENT_DIVISOR = 2
# How the data a partnership shares widens or narrows an estimate (times measurement_noise).
SHARING_NOISE = {"none": 2.0, "aggregate": 1.0, "open": 0.5}
NO_AGREEMENT_SHARING = "none"
# Each level of the best data asset at the table cuts a study's cost and spread this much.
DATA_DISCOUNT_PER_LEVEL = 0.08
DATA_SHARPEN_PER_LEVEL = 0.1
# Under public reporting, a result this far above (below) nominal raises (lowers) every
# member's trust by a quarter of a: results seen in public build or cost goodwill.
PUBLIC_GOOD = 0.8
PUBLIC_BAD = 0.5
PUBLIC_TAU_DIVISOR = 4
# Measuring shows a project's lead what is not working, so it fixes part of it: a project
# type doing less than it promised closes this share of the gap each time it is measured
# (Living Cities 2014: analyzing and reflecting are the foundation of continuous
# improvement; docs/sources.md). No study gives the rate: half is a calibration.
IMPROVEMENT = 0.5
# A project whose last measured result is under this share of what its units should deliver
# at the partnership's effectiveness is visibly falling short: stopping it has a cause the
# table can check. Above it, a stop looks like a commitment broken for nothing (a
# calibration, as PUBLIC_GOOD is).
SHORTFALL_SHOWN = 0.8


def measurement_option(ctx: Context):  # type: ignore[no-untyped-def]
    """The adopted shared-measurement option, or None before one is adopted."""
    for issue in ctx.game.scenario.issues:
        if isinstance(issue, MeasurementIssue) and issue.id in ctx.state.agreement:
            return next(o for o in issue.options if o.id == ctx.state.agreement[issue.id])
    return None


def best_data(ctx: Context) -> int:
    return max((ctx.game.orgs[m].assets.data for m in ctx.state.at_table()), default=0)


def measure_cost(ctx: Context, project: str) -> float:
    """A study covers every running unit of the project, so it costs a share of what they
    cost, with a floor."""
    spent = sum(b.cost for b in ctx.state.batches if b.project == project and not b.stopped)
    share = ctx.game.scenario.dynamics.measurement_share
    option = measurement_option(ctx)
    if option is not None and option.shared_measurement:
        share /= SHARED_MEASUREMENT_DIVISOR
    share *= 1 - DATA_DISCOUNT_PER_LEVEL * best_data(ctx)
    share *= measure_factor(ctx.game, ctx.state)
    return round(max(MIN_MEASUREMENT_COST, spent * share), 2)


def measurement_spread(ctx: Context) -> float:
    """The standard deviation of an estimate, as a share of the true figure."""
    option = measurement_option(ctx)
    sharing = option.data_sharing if option is not None else NO_AGREEMENT_SHARING
    noise = ctx.game.scenario.dynamics.measurement_noise * SHARING_NOISE[sharing]
    return noise * (1 - DATA_SHARPEN_PER_LEVEL * best_data(ctx))


def measure_money(ctx: Context) -> float:
    """What can pay for measurement: its own fund, the convening budget, the pooled streams."""
    pooled = [st.id for st in ctx.game.scenario.streams if st.kind == "pooled"]
    s = ctx.state
    return s.measure_fund + s.convener_budget + sum(s.streams[p].balance for p in pooled)


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat != A.CONVENER or ctx.state.stage != "performing":
        return
    for project in ctx.game.scenario.projects:
        yield A.Measure(project=project.id)


def why_not_measure(ctx: Context, action: A.Measure) -> str | None:
    s = ctx.state
    if s.stage != "performing":
        return "measurement happens in performing"
    if not any(
        b.project == action.project
        and not b.stopped
        and b.round_funded < s.round
        and (not b.measured or restudy_due(ctx, action.project))
        for b in s.batches
    ):
        name = (
            ctx.game.projects[action.project].name
            if action.project in ctx.game.projects
            else action.project
        )
        last = s.measured_round.get(action.project)
        if last is not None and any(
            b.project == action.project and not b.stopped for b in s.batches
        ):
            return (
                f"{name} was studied in round {last}; a new study needs a year of running, "
                f"from round {last + s.rounds_per_year}"
            )
        return f"nothing of {name} has run a round unmeasured yet"
    if s.convener_time < 1:
        return "no convener time left this round"
    if measure_cost(ctx, action.project) > measure_money(ctx):
        return "not enough money to pay for measurement"
    return None


def restudy_due(ctx: Context, project: str) -> bool:
    """A measured project may be studied again once it has run a year since its last study:
    each study is a round of the improvement cycle (`improve`), and a year is how long a
    change takes to show in what a project delivers."""
    last = ctx.state.measured_round.get(project)
    return last is not None and ctx.state.round - last >= ctx.state.rounds_per_year


def _pay(ctx: Context, cost: float) -> None:
    s, game = ctx.state, ctx.game
    from_fund = min(cost, s.measure_fund)
    s.measure_fund -= from_fund
    rest = round(cost - from_fund, 2)
    from_budget = min(rest, s.convener_budget)
    s.convener_budget -= from_budget
    rest = round(rest - from_budget, 2)
    for stream in (st.id for st in game.scenario.streams if st.kind == "pooled"):
        take = min(rest, s.streams[stream].balance)
        s.streams[stream].balance -= take
        s.streams[stream].spent += take
        rest = round(rest - take, 2)


def measure(ctx: Context, action: A.Measure) -> None:
    s, game = ctx.state, ctx.game
    cost = measure_cost(ctx, action.project)
    _pay(ctx, cost)
    s.convener_time -= 1
    e = effectiveness(game, s)
    nominal = delivered = 0.0
    for batch in s.batches:
        if batch.project == action.project and not batch.stopped:
            batch.measured = True
            nominal += nominal_rate(game, s, batch)
            delivered += delivered_rate(game, s, batch, e)
    k = s.measured_times.get(action.project, 0)
    s.measured_times[action.project] = k + 1
    s.measured_round[action.project] = s.round
    z = luck(s.measure_luck.get(action.project, ()), k)
    estimate = max(0.0, delivered * (1.0 + measurement_spread(ctx) * z))
    s.estimates[action.project] = round(estimate, 6)
    s.problem_solving["analyzing_reflecting"] += 1
    improve(ctx, action.project)
    name = game.projects[action.project].name
    ctx.emit(
        N.Measured(
            round=s.round,
            project=action.project,
            nominal=nominal,
            delivered=estimate,
            text=f"Measurement of {name}: promised {nominal:,.1f} a year, "
            f"delivering about {estimate:,.1f} (cost ${cost:,.0f}).",
        )
    )
    if public_reporting(game, s) and nominal > 0:
        rate = game.scenario.dynamics.trust_gain / PUBLIC_TAU_DIVISOR
        if estimate >= PUBLIC_GOOD * nominal:
            raise_tau(s, s.at_table(), rate)
        elif estimate < PUBLIC_BAD * nominal:
            lower_tau(s, s.at_table(), rate)
    release_held(ctx)


def shortfall_shown(ctx: Context, project: str) -> bool:
    """Whether a measured result shows the project falling short of what it should deliver
    here; a project never measured, or measured doing its part, shows none."""
    estimate = ctx.state.estimates.get(project)
    if estimate is None:
        return False
    s, game = ctx.state, ctx.game
    promise = sum(
        nominal_rate(game, s, b) for b in s.batches if b.project == project and not b.stopped
    )
    return estimate < SHORTFALL_SHOWN * promise * effectiveness(game, s)


def improve(ctx: Context, project: str) -> None:
    """What a measured project's lead learns it puts to work: the project type's hidden
    shortfall narrows from the next delivery on (the estimate is what was delivered)."""
    truth = ctx.state.truth.get(project, 1.0)
    if truth < 1.0:
        ctx.state.truth[project] = round(truth + (1.0 - truth) * IMPROVEMENT, 6)


def reserve(ctx: Context, stream: str, delivered: float) -> None:
    """Set aside the adopted measurement budget's share of money delivered to a pool."""
    option = measurement_option(ctx)
    if option is None or option.budget_share <= 0 or ctx.game.streams[stream].kind != "pooled":
        return
    state = ctx.state.streams[stream]
    take = round(min(state.balance, delivered * option.budget_share), 2)
    state.balance = round(state.balance - take, 2)
    state.spent = round(state.spent + take, 2)
    ctx.state.measure_fund += take


def measured_from(ctx: Context, stream: str) -> bool:
    """Some project this stream paid for has been measured."""
    return any(b.measured and any(d == stream for d, _ in b.draws) for b in ctx.state.batches)


def paid_from(ctx: Context, stream: str) -> bool:
    """Some project has drawn money from this stream."""
    return any(any(d == stream for d, _ in b.draws) for b in ctx.state.batches)


def hold(ctx: Context, stream: str, delivered: float) -> None:
    """After the first year, money for a results-only stream waits for a measured result of
    what it paid for; until it has paid for something there is nothing to measure, so its
    money comes as pledged."""
    spec = ctx.game.streams[stream]
    if spec.release != "measured" or ctx.state.year <= 1 or measured_from(ctx, stream):
        return
    if not paid_from(ctx, stream):
        return
    state = ctx.state.streams[stream]
    take = round(min(state.balance, delivered), 2)
    # Held money has not reached the table yet: it leaves both what it holds and received.
    state.balance = round(state.balance - take, 2)
    state.received = round(state.received - take, 2)
    ctx.state.held[stream] = round(ctx.state.held.get(stream, 0.0) + take, 2)


def release_held(ctx: Context) -> None:
    s = ctx.state
    for stream, amount in list(s.held.items()):
        if amount > 0 and measured_from(ctx, stream):
            money = s.streams[stream]
            money.balance = round(money.balance + amount, 2)
            money.received = round(money.received + amount, 2)
            s.held[stream] = 0.0
            ctx.emit(
                N.MoneyReleased(
                    round=s.round,
                    stream=stream,
                    amount=amount,
                    text=f"{ctx.game.streams[stream].name} releases ${amount:,.0f} now that "
                    "a project it paid for has been measured.",
                )
            )
