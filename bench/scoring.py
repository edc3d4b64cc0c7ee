"""Scoring and analysis: the figures from the scoring issue (#4).

Agreement analytics and the optimal-allocation MILP are timed on the 48-organization
flagship (and on a generated 48-organization scenario, so there is a figure before the
flagship exists); a small instance is timed against the brute-force reference the tests
trust, so the ratio says what vectorizing buys whatever the machine.
"""

from __future__ import annotations

from math import prod

import numpy as np

from bench.generate import big_scenario_data
from bench.runner import Benchmark, Figures, Outcome, Settings, Skipped, measure, measure_pair
from sim.engine.game import Game
from sim.scenario import Scenario
from sim.scenario.load import load_scenario
from sim.scoring.agreements import analyze_agreements, analyze_space
from sim.scoring.optimizer import optimal_portfolio
from sim.scoring.portfolios import scenario_problem
from sim.scoring.rules import Voting, vote_weight
from sim.scoring.space import space_from_tables
from tests.scoring import brute

FLAGSHIP = "scenarios/clean-air-compact.toml"
GENERATED_ORGS = 48
MS = 1_000_000


def _flagship(settings: Settings) -> Scenario | None:
    path = settings.root / FLAGSHIP
    return load_scenario(path) if path.is_file() else None


def _generated() -> Scenario:
    return Scenario.model_validate(big_scenario_data(GENERATED_ORGS))


def _agreements(scenario: Scenario, settings: Settings, label: str) -> Figures:
    analyze_agreements(scenario)  # fails loudly before timing
    timing = measure(lambda: analyze_agreements(scenario), settings, full=7, quick=2)
    n = prod(len(i.options) for i in scenario.issues)
    return Figures(
        timing,
        note=f"{label}: {n:,} packages × {len(scenario.organizations)} organizations, consensus, "
        "Pareto frontier and blocking coalitions up to 3",
    )


def flagship_agreements(settings: Settings) -> Outcome:
    scenario = _flagship(settings)
    if scenario is None:
        return Skipped("file missing")
    return _agreements(scenario, settings, FLAGSHIP)


def generated_agreements(settings: Settings) -> Outcome:
    return _agreements(_generated(), settings, f"bench/generate.py, {GENERATED_ORGS} orgs")


def flagship_milp(settings: Settings) -> Outcome:
    scenario = _flagship(settings)
    if scenario is None:
        return Skipped("file missing")
    problem, _ = scenario_problem(Game(scenario))
    portfolio = optimal_portfolio(problem)  # the solver itself, not the scorecard's cache

    timing = measure(lambda: optimal_portfolio(problem), settings, full=7, quick=2)
    return Figures(
        timing,
        note=f"{FLAGSHIP}: {len(scenario.projects)} projects × {len(scenario.streams)} streams, "
        f"optimum {portfolio.value:,.1f} (exact, HiGHS)",
    )


def _small_instance() -> brute.Instance:
    rng = np.random.default_rng(0)
    members = 6
    tables = [rng.integers(0, 30, size=(3, members)).tolist() for _ in range(4)]
    return brute.Instance(
        tables=tables,
        batna=[40] * members,
        rule="consensus_minus_one",
        threshold=2 / 3,
        veto=[False] * members,
        weights=[vote_weight(0.0, 1)] * members,
        committee=[True] * members,
    )


def versus_brute(settings: Settings) -> Outcome:
    inst = _small_instance()
    space = space_from_tables([np.array(t) for t in inst.tables], inst.batna)
    voting = Voting(
        rule="consensus_minus_one",
        threshold=inst.threshold,
        veto=np.array(inst.veto),
        weights=np.array(inst.weights, dtype=np.int64),
        committee=np.array(inst.committee),
    )

    def fast() -> object:
        return analyze_space(space, voting, max_coalition=3)

    def slow() -> object:
        return (
            brute.welfare_best(inst),
            brute.nash_candidates(inst),
            brute.maxmin_best(inst),
            brute.pareto(inst),
            brute.blocking_coalitions(inst, 3),
        )

    timing, baseline = measure_pair(fast, slow, settings, full=9, quick=2)
    return Figures(
        timing,
        baseline,
        baseline_label="the tests' brute-force reference (pure Python)",
        note=f"{space.n_outcomes} packages × {len(inst.batna)} members, consensus minus one",
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark("scoring-agreements", "report only", None, flagship_agreements),
    Benchmark("scoring-agreements-generated", "report only", None, generated_agreements),
    Benchmark("scoring-milp", "report only", None, flagship_milp),
    Benchmark("scoring-vs-brute", "report only", None, versus_brute),
]
