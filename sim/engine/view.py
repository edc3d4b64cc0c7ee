"""What one seat may see: `SeatView`, built by one function, `observe` (OpenSpiel's observer).

A seat view holds the public state of the game, the public scenario, every move the seat
could consider now with the reason it is off, and that seat's own confidential sheet,
nothing more: other organizations' points, BATNAs, briefs and personalities never appear
here, and neither does the truth about unmeasured projects. It is what the terminal UI
reads, what the seminar network sends, and what fair bots play from.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.engine import actions as A
from sim.engine import governance
from sim.engine.context import Context
from sim.engine.delivery import (
    nominal_rate,
    norm_clarity,
    running,
    running_projects,
)
from sim.engine.facts import Facts
from sim.engine.money import find_lead, funded_units, unit_cost
from sim.engine.needs import project_closed, project_factor, stream_closed
from sim.engine.notices import Notice
from sim.engine.pledges import capacity, pledge_stream
from sim.engine.seatview import (
    BatchView,
    ConvenerSheet,
    DealView,
    GovernanceView,
    MemberSheet,
    MemberView,
    Move,
    PendingView,
    PledgeLine,
    ProjectView,
    SeatView,
    StanceView,
    StreamView,
    TensionView,
)
from sim.engine.storming import HANDLINGS, handling_cost, time_to_handle
from sim.engine.trust import density, partnership_trust
from sim.engine.voting import agenda, rule_in_force, voters
from sim.scenario.models import Project

__all__ = ["Move", "SeatView", "observe"]


def observe(
    ctx: Context,
    seat: str,
    feed: Sequence[Notice],
    moves: Sequence[Move],
    steps: int,
    stage_holds: str | None,
) -> SeatView:
    """The seat view of `seat` now; `moves` are its candidates with their reasons."""
    game, s = ctx.game, ctx.state
    rule = rule_in_force(game, s)
    body = voters(game, s)
    return SeatView.model_construct(
        seat=seat,
        scenario=game.public,
        seed=s.seed,
        stage=s.stage,
        round=s.round,
        year=s.year,
        round_in_year=s.round_in_year,
        rounds_per_year=s.rounds_per_year,
        total_rounds=s.total_rounds,
        over=s.stage == "adjourning",
        steps=steps,
        result=s.result,
        nominal_rate=round(sum(nominal_rate(game, s, b) for b in s.batches), 3),
        measured_rate=_measured_rate(game, ctx),
        year_results=tuple(s.year_results),
        delivered_total=round(s.delivered_total, 3),
        year_delivered=tuple(round(v, 3) for v in s.year_delivered),
        trust_history=tuple(s.trust_history),
        density=round(density(game, s), 4),
        partnership_trust=round(partnership_trust(s), 4),
        norm_clarity=round(norm_clarity(game, s), 4),
        rule=rule,
        rule_adopted=any(
            i.kind == "decision_rule" and i.id in s.agreement for i in game.scenario.issues
        ),
        voters=tuple(body),
        agenda=agenda(game, s),
        proposals_this_round=s.proposals_this_round,
        members=tuple(
            MemberView(
                organization=org,
                status=m.status,
                representative=m.representative,
                trust=round(m.tau, 3),
                joined_round=m.joined_round,
                person=m.human,
                invited=m.invited,
                requested=m.requested,
            )
            for org, m in s.members.items()
        ),
        tensions=tuple(
            TensionView(
                tension=t,
                status=st.status,
                heat=round(st.heat, 3),
                returns=st.returns,
                handled=tuple(st.handled),
            )
            for t, st in s.tensions.items()
            if st.status != "latent"
        ),
        agreement=dict(s.agreement),
        failed_votes=dict(s.failed_votes),
        pending=None
        if s.pending is None
        else PendingView(
            issue=s.pending.issue,
            option=s.pending.option,
            voters=tuple(s.pending.voters),
            voted=tuple(sorted(s.pending.votes)),
            package=tuple(s.pending.package.items()),
        ),
        streams=tuple(
            StreamView(
                stream=k,
                balance=round(v.balance, 2),
                received=v.received,
                spent=v.spent,
                held=s.held.get(k, 0.0),
                closed=stream_closed(game, s, game.streams[k]),
            )
            for k, v in s.streams.items()
        ),
        ledger=tuple(
            PledgeLine(
                organization=p.organization,
                stream=p.stream,
                year=p.year,
                pledged=p.pledged,
                delivered=p.delivered,
            )
            for p in s.ledger
        ),
        batches=tuple(
            BatchView(
                project=b.project,
                units=b.units,
                cost=b.cost,
                stream=b.stream,
                lead=b.lead,
                round=b.round_funded,
                measured=b.measured,
                escrow=b.escrow,
                stopped=b.stopped,
            )
            for b in s.batches
        ),
        projects=tuple(_project_view(ctx, p) for p in game.scenario.projects),
        awaiting=tuple(s.awaiting),
        governance=GovernanceView(
            form=governance.adopted(game, s).kind,
            capacity=governance.capacity(game, s),
            running=running_projects(game, s),
            coordination_lost=s.coordination_lost,
            paid=s.governance_paid,
            cost=s.governance_cost,
            steering=tuple(s.steering),
        ),
        measure_fund=round(s.measure_fund, 2),
        deals=tuple(
            DealView(
                number=n,
                offerer=d.offerer,
                partner=d.partner,
                give=d.give,
                want=d.want,
                round=d.round,
                status=d.status,
            )
            for n, d in enumerate(s.deals)
            if _party(ctx, seat) in (d.offerer, d.partner)
        ),
        knowledge={
            org: {
                issue: StanceView(
                    options=dict(st.options), cares_most=st.cares_most, round=st.round
                )
                for issue, st in issues.items()
            }
            for org, issues in s.learned.get(seat, {}).items()
        },
        event_titles={e.id: e.title for e in game.scenario.events if e.id in s.fired},
        problem_solving=dict(s.problem_solving),
        handle_time={how: time_to_handle(ctx, how) for how in HANDLINGS},
        handling_cost={
            t.id: {how: handling_cost(ctx, t.id, how) for how in HANDLINGS}
            for t in game.scenario.tensions
        },
        feed=tuple(feed),
        moves=tuple(moves),
        stage_holds=stage_holds,
        convener=_convener_sheet(ctx) if seat == A.CONVENER else None,
        sheet=_member_sheet(ctx, seat) if seat in game.orgs else None,
    )


def _party(ctx: Context, seat: str) -> str:
    """The member a seat acts for: the convener acts for its own organization."""
    return ctx.game.scenario.convener.organization if seat == A.CONVENER else seat


def _project_view(ctx: Context, project: Project) -> ProjectView:
    game, s = ctx.game, ctx.state
    runs = [b for b in s.batches if b.project == project.id and running(game, s, b)]
    return ProjectView(
        project=project.id,
        unit_cost=unit_cost(s, project),
        funded=funded_units(s, project.id),
        running=bool(runs),
        lead=find_lead(game, s, project),
        estimate=s.estimates.get(project.id),
        studied=s.measured_round.get(project.id),
        factor=project_factor(game, s, project),
        closed=project_closed(game, s, project),
    )


def _convener_sheet(ctx: Context) -> ConvenerSheet:
    convener = ctx.game.scenario.convener
    return ConvenerSheet(
        brief=convener.brief,
        goals=tuple(convener.goals),
        time_left=ctx.state.convener_time,
        budget=round(ctx.state.convener_budget, 2),
    )


def _member_sheet(ctx: Context, seat: str) -> MemberSheet:
    game = ctx.game
    org = game.orgs[seat]
    return MemberSheet(
        organization=seat,
        brief=org.brief,
        goals=tuple(org.goals),
        points={k: dict(v) for k, v in org.points.items()},
        batna=org.batna,
        best=dict(game.issue_max[seat]),
        reserve=dict(game.reservation[seat]),
        capacity=capacity(game, seat, ctx.state),
        pledge_stream=pledge_stream(game, seat),
    )


def _measured_rate(game: Facts, ctx: Context) -> float | None:
    """What the measurements say the measured projects deliver (their estimates, never
    the hidden truth), or None when nothing was measured."""
    s = ctx.state
    measured = {b.project for b in s.batches if b.measured and not b.stopped}
    if not measured:
        return None
    return round(sum(s.estimates.get(p, 0.0) for p in measured), 3)
