"""The MILP optimum equals exhaustive search on small portfolios, and obeys every rule."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sim.engine import Game
from sim.scenario import load_scenario
from sim.scoring.optimizer import AllocationProblem, ProjectSpec, StreamSpec, optimal_portfolio
from sim.scoring.portfolios import scenario_optimum
from tests.conftest import SCENARIOS
from tests.scoring import brute

LEADS = ("a", "b")


@st.composite
def problems(draw: st.DrawFn) -> AllocationProblem:
    n_projects = draw(st.integers(1, 3))
    projects = tuple(
        ProjectSpec(
            id=f"p{k}",
            cost=float(draw(st.sampled_from([10, 20, 30, 50]))),
            max_units=draw(st.integers(1, 3)),
            value=float(draw(st.integers(0, 6))),
            revenue=float(draw(st.sampled_from([0, 0, 5]))),
            staff=draw(st.sampled_from([0.0, 0.5, 1.0])),
            leads=tuple(x for x in LEADS if draw(st.booleans())),
        )
        for k in range(n_projects)
    )
    ids = [p.id for p in projects]
    n_streams = draw(st.integers(1, 3))
    kinds = [draw(st.sampled_from(["grant", "pooled", "loan"])) for _ in range(n_streams)]
    matching = draw(st.integers(-1, n_streams - 1))  # at most one grant needs a match
    streams = []
    for k, kind in enumerate(kinds):
        share = draw(st.sampled_from([0.2, 0.5])) if kind == "grant" and k == matching else 0.0
        others = [f"s{j}" for j in range(n_streams) if j != k]
        streams.append(
            StreamSpec(
                id=f"s{k}",
                kind=kind,
                budget=float(draw(st.sampled_from([0, 15, 40, 75, 120]))),
                eligible=frozenset(x for x in ids if draw(st.booleans()))
                if draw(st.booleans())
                else frozenset(),
                match_share=share,
                match_from=tuple(x for x in others if draw(st.booleans())) if share else (),
            )
        )
    # The optimum is a bound that does not ration leads' staff (what staff is free changes
    # in play), so the exhaustive search gets staff to spare and must agree with it.
    staff = {lead: 1_000.0 for lead in LEADS}
    return AllocationProblem(tuple(streams), projects, staff)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problems())
def test_milp_equals_exhaustive_search(problem: AllocationProblem) -> None:
    portfolio = optimal_portfolio(problem)
    assert portfolio.value == pytest.approx(brute.best_value(problem), abs=1e-6)
    units = {
        (line.project, stream): n
        for line in portfolio.lines
        for stream, n in line.by_stream.items()
    }
    assert brute.feasible(problem, units)


def test_a_loan_pays_only_for_projects_with_revenue() -> None:
    problem = AllocationProblem(
        streams=(StreamSpec("loan", "loan", 100.0),),
        projects=(
            ProjectSpec("no-revenue", 10.0, 5, 10.0, revenue=0.0, leads=("a",)),
            ProjectSpec("repays", 10.0, 2, 1.0, revenue=3.0, leads=("a",)),
        ),
        staff={"a": 5.0},
    )
    assert optimal_portfolio(problem).units() == {"repays": 2}


def test_a_grant_needs_its_match() -> None:
    grant = StreamSpec("grant", "grant", 1000.0, match_share=0.2, match_from=("pool",))
    pool = StreamSpec("pool", "pooled", 40.0)
    project = ProjectSpec("retrofit", 100.0, 10, 1.0, staff=1.0, leads=("a",))
    # $40 of match covers 20% of two $100 units; the grant's $1,000 is not the limit.
    assert optimal_portfolio(AllocationProblem((grant, pool), (project,), {"a": 1.0})).value == 2


@pytest.mark.parametrize("name", ["healthy-homes", "workforce-pathways"])
def test_scenario_optimum_uses_money_within_the_stream_rules(name: str) -> None:
    game = Game(load_scenario(SCENARIOS / f"{name}.toml"))
    portfolio, funds, note = scenario_optimum(game)
    assert portfolio.value > 0
    assert portfolio.cost <= sum(funds.values()) + 0.01
    assert "assets.money" in note
    streams = {s.id: s for s in game.scenario.streams}
    for line in portfolio.lines:
        project = game.projects[line.project]
        assert line.units <= project.max_units
        for stream_id in line.by_stream:
            stream = streams[stream_id]
            assert not stream.eligible or project.id in stream.eligible
            assert stream.kind != "loan" or project.revenue_per_unit > 0
