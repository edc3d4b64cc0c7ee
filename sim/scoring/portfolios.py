"""The money a table had, the portfolio it funded, and the best one it could have funded.

For a session the money is what each stream actually received — grants at the start,
delivered pledges and money events, less any budget cut — and the possible leads are the
members who were at the table with a doer or decision-maker. For a scenario before play,
it is the grants and loans, every organization's full `assets.money` in the stream it
pledges to, and the money of events that add it whatever the table does; every
organization that some ask would bring as a doer or decision-maker may lead.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.engine.game import Game
from sim.engine.needs import project_closed, stream_closed
from sim.engine.pledges import pledge_stream
from sim.engine.session import Session
from sim.engine.state import SessionState
from sim.scenario.models import (
    AddMoney,
    ChanceTrigger,
    GrantStream,
    LoanStream,
    Organization,
    Project,
    ResultMetric,
    Scenario,
)
from sim.scoring.optimizer import (
    AllocationProblem,
    Line,
    Portfolio,
    ProjectSpec,
    StreamSpec,
    optimal_portfolio,
)

DOERS = ("doer", "decision_maker")


@dataclass(frozen=True)
class Comparison:
    """The funded and the optimal portfolio side by side, with the money behind both."""

    metric: str
    unit: str
    funds: dict[str, float]
    funds_note: str
    funded: Portfolio
    optimal: Portfolio

    @property
    def share(self) -> float | None:
        """Funded value as a share of the optimum (None when nothing could be bought)."""
        if self.optimal.value <= 0:
            return None
        return self.funded.value / self.optimal.value

    def as_json(self) -> dict[str, object]:
        return {
            "metric": self.metric,
            "unit": self.unit,
            "funds": {k: round(v, 2) for k, v in self.funds.items()},
            "funds_note": self.funds_note,
            "funded": self.funded.as_json(),
            "optimal": self.optimal.as_json(),
            "share": None if self.share is None else round(self.share, 6),
        }


def metric_of(game: Game, state: SessionState | None = None) -> ResultMetric:
    """The named result's metric, or the scenario's first before one is named."""
    if state is not None and state.result is not None:
        return game.metrics[state.result[0]]
    return game.scenario.results[0]


def can_lead(org: Organization, project: Project, representative: str | None) -> bool:
    """Whether an organization with that representative meets a project's lead rules."""
    need = project.lead
    if need.sectors and org.sector not in need.sectors:
        return False
    if need.organizations and org.id not in need.organizations:
        return False
    return not (need.doer and representative not in DOERS)


def best_representative(org: Organization) -> str | None:
    """The most senior representative any ask brings (None when every ask is turned down,
    which the format writes "nobody")."""
    sent = {
        getattr(org.sends, ask) for ask in ("letter", "staff_call", "convener_meeting", "champion")
    }
    for kind in ("decision_maker", "doer", "designee"):
        if kind in sent:
            return kind
    return None


def _stream_specs(scenario: Scenario, budgets: dict[str, float]) -> tuple[StreamSpec, ...]:
    return tuple(
        StreamSpec(
            id=s.id,
            kind=s.kind,
            budget=max(0.0, budgets.get(s.id, 0.0)),
            eligible=frozenset(s.eligible),
            match_share=s.match_share if isinstance(s, GrantStream) else 0.0,
            match_from=tuple(s.match_from) if isinstance(s, GrantStream) else (),
            rate=s.rate if isinstance(s, LoanStream) else 0.0,
        )
        for s in scenario.streams
    )


def _project_specs(
    game: Game,
    metric: ResultMetric,
    leads: dict[str, str | None],
    cost: dict[str, float],
    allowed: set[str] | None = None,
) -> tuple[ProjectSpec, ...]:
    return tuple(
        ProjectSpec(
            id=p.id,
            cost=cost.get(p.id, p.cost_per_unit),
            max_units=p.max_units,
            value=game.per_unit(p, metric),
            revenue=p.revenue_per_unit,
            lifetime=p.lifetime_years,
            staff=p.lead.staff,
            leads=tuple(org for org, rep in leads.items() if can_lead(game.orgs[org], p, rep)),
        )
        for p in game.scenario.projects
        if allowed is None or p.id in allowed
    )


def session_funds(game: Game, state: SessionState) -> dict[str, float]:
    """What each stream received: grants, delivered pledges and added money, less cuts."""
    return {sid: round(st.received, 2) for sid, st in state.streams.items()}


def scenario_funds(game: Game) -> tuple[dict[str, float], str]:
    """Grants and loans, every organization's money pledged in full, and sure money events."""
    scenario = game.scenario
    funds = {s.id: 0.0 for s in scenario.streams}
    for s in scenario.streams:
        if isinstance(s, GrantStream | LoanStream):
            funds[s.id] += s.amount
    pledged = 0.0
    for org in scenario.organizations:
        if org.assets.money > 0:
            funds[pledge_stream(game, org.id)] += org.assets.money
            pledged += org.assets.money
    added = 0.0
    for event in scenario.events:
        if isinstance(event.trigger, ChanceTrigger):
            continue
        for effect in event.effects:
            if isinstance(effect, AddMoney):
                funds[effect.stream] += effect.amount
                added += effect.amount
    note = (
        f"money assumed: the grants and loans, plus every organization pledging all of its "
        f"assets.money (${pledged:,.0f}) into the stream it pledges to"
        + (f", plus ${added:,.0f} from money events that do not depend on chance" if added else "")
        + "; budget cuts and chance events are left out"
    )
    return funds, note


def session_problem(game: Game, state: SessionState) -> AllocationProblem:
    """The allocation problem of a session, under the rules the engine spent by: the money
    it received, the leads it had, the streams and projects its table could use (open now,
    or used when they were open), each at the lowest price the table faced."""
    metric = metric_of(game, state)
    leads = {
        org: m.representative
        for org, m in state.members.items()
        if m.status in ("table", "left") or any(b.lead == org for b in state.batches)
    }
    drawn = {stream for b in state.batches for stream, _ in b.draws} | {
        b.stream for b in state.batches
    }
    funds = session_funds(game, state)
    for stream in game.scenario.streams:
        if stream.id not in drawn and stream_closed(game, state, stream) is not None:
            funds[stream.id] = 0.0  # money the table could never spend
    funded = {b.project for b in state.batches}
    allowed = {
        p.id
        for p in game.scenario.projects
        if p.id in funded or project_closed(game, state, p) is None
    }
    cost: dict[str, float] = {}
    for p in game.scenario.projects:
        prices = [b.cost / b.units for b in state.batches if b.project == p.id and b.units]
        cost[p.id] = min([p.cost_per_unit * state.cost_factor.get(p.id, 1.0), *prices])
    return AllocationProblem(
        streams=_stream_specs(game.scenario, funds),
        projects=_project_specs(game, metric, leads, cost, allowed),
        staff={org: game.orgs[org].assets.staff for org in leads},
    )


def scenario_problem(
    game: Game, metric: ResultMetric | None = None
) -> tuple[AllocationProblem, str]:
    """The allocation problem before play, and a note saying what money it assumes."""
    funds, note = scenario_funds(game)
    metric = metric or metric_of(game)
    leads = {org.id: best_representative(org) for org in game.scenario.organizations}
    problem = AllocationProblem(
        streams=_stream_specs(game.scenario, funds),
        projects=_project_specs(game, metric, leads, {}),
        staff={org.id: org.assets.staff for org in game.scenario.organizations},
    )
    return problem, note


def funded_portfolio(game: Game, state: SessionState) -> Portfolio:
    """What the table funded, project by project, valued on the named metric."""
    metric = metric_of(game, state)
    lines: list[Line] = []
    for project in game.scenario.projects:
        # A stopped batch's value is gone, and its unpaid money went back to be spent again.
        batches = [b for b in state.batches if b.project == project.id and not b.stopped]
        if not batches:
            continue
        by_stream: dict[str, int] = {}
        for b in batches:
            by_stream[b.stream] = by_stream.get(b.stream, 0) + b.units
        units = sum(b.units for b in batches)
        lines.append(
            Line(
                project.id,
                units,
                sum(b.cost for b in batches),
                units * game.per_unit(project, metric),
                by_stream,
                sorted({b.lead for b in batches}),
            )
        )
    return Portfolio(tuple(lines), sum(x.value for x in lines), sum(x.cost for x in lines))


def compare(session: Session) -> Comparison:
    """The session's funded portfolio beside the best one its money could have bought."""
    game, state = session.game, session.state
    metric = metric_of(game, state)
    problem = session_problem(game, state)
    return Comparison(
        metric=metric.id,
        unit=metric.unit,
        funds=session_funds(game, state),
        funds_note=(
            "money the partnership had: grants at the start, delivered pledges and money "
            "events, less budget cuts (measurement was paid from it too)"
        ),
        funded=funded_portfolio(game, state),
        optimal=_cached_optimum(problem, exact=False),
    )


def scenario_optimum(
    game: Game, metric: ResultMetric | None = None
) -> tuple[Portfolio, dict[str, float], str]:
    """The best portfolio before play (for a metric, default the first), the money it
    assumes, and the note saying so."""
    problem, note = scenario_problem(game, metric)
    funds, _ = scenario_funds(game)
    return _cached_optimum(problem), funds, note


_CACHE: dict[tuple[AllocationProblem, bool], Portfolio] = {}


def _cached_optimum(problem: AllocationProblem, exact: bool = True) -> Portfolio:
    """The scorecard is asked for often during play, and the money changes rarely."""
    key = (AllocationProblem(problem.streams, problem.projects, _Frozen(problem.staff)), exact)
    found = _CACHE.get(key)
    if found is None:
        if len(_CACHE) > 64:
            _CACHE.clear()
        found = _CACHE[key] = optimal_portfolio(problem, exact=exact)
    return found


class _Frozen(dict[str, float]):
    """A dict usable as part of a cache key."""

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))
