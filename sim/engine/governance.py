"""Governance forms with their own costs and powers (Provan & Kenis 2008; docs/sources.md).

- **Shared** (participant-governed): every member takes part in every decision, so the
  table's coordination load grows with its pairs, n(n−1)/2, discounted by trust
  density. It eats convener time each round, and the members' own time to co-manage
  projects: nothing with five members, everything with forty. The work runs on the
  members' trust in one another alone.
- **Lead organization**: the lead sets the agenda (one more proposal a round) and its
  own points pull on what the table adopts; the work runs through the lead, on the
  members' trust in it; when density is low, members far from the lead lose trust in
  the partnership each round.
- **Network administrative organization** (a backbone): its staff add agenda slots,
  project-management capacity and cheaper measurement, broker between members who do not
  yet trust one another, and its neutrality steadies the table against regression.

Every form pays its `cost_per_year` from the pooled streams when a year opens; a form
whose cost cannot be paid works only in proportion to what was paid. Before a form is
adopted the convener runs the table alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine import notices as N
from sim.engine.context import Context
from sim.engine.facts import Facts
from sim.engine.state import SessionState
from sim.engine.trust import density, lower_tau
from sim.scenario.models import GovernanceIssue, GovernanceOption

# Convener time lost to coordination under shared governance, per pair of members at the
# table, scaled by distrust (1 − density): ~0 with 6 members, ~1 with 14, all of it at 48.
SHARED_LOAD_PER_PAIR = 0.02
# The project-management capacity the convener alone gives (projects it can keep running
# well), and what each FTE of a backbone's or a lead's staff adds. Under shared
# governance every member with a doer (or a decision-maker) co-manages a share, of the
# time that coordinating the others leaves it (`coordination_share`).
CONVENER_CAPACITY = 3
PROJECTS_PER_STAFF = 2.0
SHARED_PER_MEMBER = 0.5
# Running more projects than the capacity cuts everything's effectiveness by
# (capacity / running) to this power.
OVERLOAD_POWER = 0.5
# A lead organization sets the agenda: this many more proposals a round.
LEAD_AGENDA = 1
# A backbone adds a proposal a round for each this many FTE of staff.
STAFF_PER_AGENDA_SLOT = 2.0
# Under a lead organization, members vote with this share of an issue's spread toward the
# lead's favorite option (and against its least favorite), times their trust in the lead.
LEAD_PULL = 0.3
# At density below this, members far from the lead lose τ each round: a·(1 − T[i][lead])
# times this.
LEAD_LOW_DENSITY = 0.45
LEAD_DRIFT = 0.15
# A backbone's neutrality: the chance of a regression is this share of what it would be,
# and a shared measurement study costs this share as much.
BACKBONE_STEADY = 0.7
BACKBONE_MEASURE = 0.7
# A backbone's staff broker between members who do not yet trust one another: the trust
# the work runs on closes this share of the gap to full trust, in proportion to what was
# paid of the form's cost (Provan & Kenis 2008: an NAO fits where trust is only moderately
# dense, shared governance only where it is dense already).
BACKBONE_BROKERAGE = 0.15


@dataclass(frozen=True)
class Form:
    """The adopted governance option and how much of its cost was paid this year."""

    option: GovernanceOption | None
    paid: float  # 0..1 of cost_per_year covered this year (1 before any cost is due)

    @property
    def kind(self) -> str:
        return self.option.form if self.option is not None else "convener"

    @property
    def staff(self) -> float:
        return self.option.staff * self.paid if self.option is not None else 0.0

    @property
    def lead(self) -> str | None:
        return self.option.lead if self.option is not None else None


def adopted(game: Facts, state: SessionState) -> Form:
    for issue in game.scenario.issues:
        if isinstance(issue, GovernanceIssue) and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return Form(option, state.governance_paid)
    return Form(None, 1.0)


def _shared_load(game: Facts, state: SessionState) -> float:
    n = len(state.at_table())
    pairs = n * (n - 1) / 2
    return SHARED_LOAD_PER_PAIR * pairs * (1 - density(game, state))


def coordination_load(game: Facts, state: SessionState) -> int:
    """Convener time a round that shared governance spends coordinating every member."""
    if adopted(game, state).kind != "shared":
        return 0
    return round(_shared_load(game, state))


def coordination_share(game: Facts, state: SessionState) -> float:
    """The share of a round that coordinating every member takes under shared governance
    (0 under any other form, 1 when it takes the whole round)."""
    if adopted(game, state).kind != "shared":
        return 0.0
    per_round = game.scenario.convener.time_per_round
    return min(1.0, _shared_load(game, state) / per_round) if per_round > 0 else 1.0


def capacity(game: Facts, state: SessionState) -> float:
    """How many projects the partnership can keep running well at once."""
    form = adopted(game, state)
    extra = PROJECTS_PER_STAFF * form.staff
    if form.kind == "shared":
        doers = [
            m
            for m in state.at_table()
            if state.members[m].representative in ("doer", "decision_maker")
        ]
        # The members co-manage only the time coordinating one another leaves them.
        extra += SHARED_PER_MEMBER * len(doers) * (1 - coordination_share(game, state))
    if form.kind == "lead_organization" and form.lead is not None:
        member = state.members.get(form.lead)
        if member is not None and member.status == "table":
            free = game.orgs[form.lead].assets.staff - member.staff_used
            extra += PROJECTS_PER_STAFF * max(0.0, free)
    return CONVENER_CAPACITY + extra


def overload(game: Facts, state: SessionState, running: int) -> float:
    """The factor on effectiveness when more projects run than the capacity."""
    cap = capacity(game, state)
    if running <= cap or running == 0:
        return 1.0
    return float((cap / running) ** OVERLOAD_POWER)


def agenda_bonus(game: Facts, state: SessionState) -> int:
    form = adopted(game, state)
    if form.kind == "lead_organization":
        return LEAD_AGENDA
    if form.kind == "network_administrative_organization":
        return int(form.staff // STAFF_PER_AGENDA_SLOT)
    return 0


def lead_pull(game: Facts, state: SessionState, voter: str, issue: str, option: str) -> float:
    """A voter's lean toward the lead organization's favorite option, in points."""
    form = adopted(game, state)
    lead = form.lead
    if form.kind != "lead_organization" or lead is None or lead == voter:
        return 0.0
    sheet = game.orgs[lead].points.get(issue, {})
    if not sheet:
        return 0.0
    spread = max(game.orgs[voter].points.get(issue, {}).values(), default=0) - min(
        game.orgs[voter].points.get(issue, {}).values(), default=0
    )
    best, worst = max(sheet, key=sheet.__getitem__), min(sheet, key=sheet.__getitem__)
    trust = state.trust[game.index[voter]][game.index[lead]]
    if option == best:
        return LEAD_PULL * spread * trust
    if option == worst:
        return -LEAD_PULL * spread * trust
    return 0.0


def working_trust(game: Facts, state: SessionState) -> float:
    """The trust the partnership's work runs on: the density of trust among the members,
    or, under a backbone, that density with the gap its staff broker closed; under a lead
    organization, work runs through the lead, so the members' trust in it counts when it
    is higher (Provan & Kenis 2008: lead governance suits centralized trust)."""
    d = density(game, state)
    form = adopted(game, state)
    if form.kind == "network_administrative_organization" and form.staff > 0:
        return d + (1 - d) * BACKBONE_BROKERAGE * form.paid
    lead = form.lead
    if form.kind == "lead_organization" and lead in game.orgs:
        if state.members[lead].status != "table":
            return d
        others = [m for m in state.at_table() if m != lead]
        if not others:
            return d
        column = game.index[lead]
        central = sum(state.trust[game.index[m]][column] for m in others) / len(others)
        return max(d, central)
    return d


def regression_factor(game: Facts, state: SessionState) -> float:
    form = adopted(game, state)
    if form.kind == "network_administrative_organization" and form.staff > 0:
        return BACKBONE_STEADY
    return 1.0


def measure_factor(game: Facts, state: SessionState) -> float:
    form = adopted(game, state)
    if form.kind == "network_administrative_organization" and form.staff > 0:
        return BACKBONE_MEASURE
    return 1.0


def round_ends(ctx: Context, running: int) -> None:
    """Count the round as managed or overloaded, when projects ran in it."""
    if running == 0:
        return
    if running <= capacity(ctx.game, ctx.state):
        ctx.state.managed_rounds += 1
    else:
        ctx.state.overloaded_rounds += 1


def round_begins(ctx: Context) -> None:
    """What the form does as a round opens: coordination eats time, a lead's distance
    costs trust."""
    s, game = ctx.state, ctx.game
    load = coordination_load(game, s)
    if load:
        lost = min(load, s.convener_time)
        s.convener_time -= lost
        s.coordination_lost += lost
    form = adopted(game, s)
    low = density(game, s) < LEAD_LOW_DENSITY
    if form.kind == "lead_organization" and form.lead in game.orgs and low:
        lead = game.index[form.lead]
        for org in s.at_table():
            if org == form.lead:
                continue
            distance = 1 - s.trust[game.index[org]][lead]
            rate = game.scenario.dynamics.trust_gain * LEAD_DRIFT * distance
            lower_tau(s, [org], rate)


def year_begins(ctx: Context) -> None:
    """A year's cost falls due as the year opens; it is paid as pooled money allows."""
    _charge(ctx, 1.0)


def on_adopted(ctx: Context) -> None:
    """A form adopted mid-year owes the rest of the year at once."""
    s = ctx.state
    table = s.at_table()
    s.tau_at_governance = sum(s.members[m].tau for m in table) / len(table) if table else None
    left = (s.rounds_per_year - s.round_in_year + 1) / s.rounds_per_year
    _charge(ctx, left)


def _charge(ctx: Context, share: float) -> None:
    form = adopted(ctx.game, ctx.state)
    if form.option is None or form.option.cost_per_year <= 0:
        return
    ctx.state.governance_due = round(
        ctx.state.governance_due + form.option.cost_per_year * share, 2
    )
    pay_dues(ctx)


def pay_dues(ctx: Context) -> None:
    """Pay what the form is owed from the pooled streams, as far as they go; it works in
    proportion to what has been paid of all it was owed."""
    s, game = ctx.state, ctx.game
    owed = round(s.governance_due - s.governance_cost, 2)
    if owed <= 0:
        return
    left = owed
    for stream in (st.id for st in game.scenario.streams if st.kind == "pooled"):
        take = round(min(left, s.streams[stream].balance), 2)
        s.streams[stream].balance = round(s.streams[stream].balance - take, 2)
        s.streams[stream].spent = round(s.streams[stream].spent + take, 2)
        left = round(left - take, 2)
    paid = round(owed - left, 2)
    s.governance_cost = round(s.governance_cost + paid, 2)
    s.governance_paid = s.governance_cost / s.governance_due if s.governance_due else 1.0
    if paid > 0:
        form = adopted(game, s)
        label = form.option.label if form.option is not None else "Governance"
        ctx.emit(
            N.GovernancePaid(
                round=s.round,
                paid=paid,
                due=owed,
                text=f"{label}: ${paid:,.0f} paid from the pooled money"
                + ("." if left <= 0 else f"; ${left:,.0f} still owed, so it works only in part."),
            )
        )
