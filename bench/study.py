"""Batch play: the flagship scorecard's time, scored games against bare autoplays, the
worst allocation ratio any game reached, and the lessons as paired contrasts.

`sim balance SCENARIO --lessons --runs 200` gives the full figures the README quotes;
these rows run fewer seeds in --quick mode so the table stays fast.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench.runner import Benchmark, Figures, Outcome, Settings, Skipped, Timing, measure_pair
from sim.engine import Game
from sim.engine.autoplay import autoplay
from sim.scenario.load import load_scenario
from sim.study.batch import Arm, run
from sim.study.lessons import run_lessons

FLAGSHIP = Path("scenarios/clean-air-compact.toml")
SCENARIOS = ("clean-air-compact", "healthy-homes", "workforce-pathways")
POLICIES = ("full", "skip", "random", "greedy")
MS = 1_000_000
# The target: 10,000 scored flagship games in under a minute on two cores.
BALANCE_GAMES = 10_000
BALANCE_LIMIT_S = 60


def _flagship(settings: Settings) -> tuple[Path, Game] | None:
    path = settings.root / FLAGSHIP
    return (path, Game(load_scenario(path))) if path.is_file() else None


def scorecard_time(settings: Settings) -> Outcome:
    loaded = _flagship(settings)
    if loaded is None:
        return Skipped("file missing")
    from sim.scoring.card import scorecard

    game = loaded[1]
    sessions = [autoplay(game, seed, "full").session for seed in range(3)]
    picks = iter(range(10**9))
    timing, baseline = measure_pair(
        lambda: scorecard(sessions[next(picks) % 3]),
        lambda: autoplay(game, 1, "full"),
        settings,
        full=20,
        quick=3,
    )
    return Figures(timing, baseline, baseline_label="one bare flagship autoplay (the game itself)")


def balance_scored(settings: Settings) -> Outcome:
    loaded = _flagship(settings)
    if loaded is None:
        return Skipped("file missing")
    path = loaded[0]
    n = 20 if settings.quick else 200
    tasks = [(Arm("full"), seed) for seed in range(1, n + 1)]
    start = time.perf_counter_ns()
    run(path, tasks, jobs=2)
    bare = time.perf_counter_ns() - start
    start = time.perf_counter_ns()
    run(path, tasks, jobs=2, score=True)
    scored = time.perf_counter_ns() - start
    at_scale = scored * BALANCE_GAMES / n / 1e9
    return Figures(
        Timing((scored,)),
        Timing((bare,)),
        baseline_label=f"{n} bare flagship autoplays, 2 jobs",
        note=f"{n} scored flagship games with 2 jobs; {BALANCE_GAMES:,} would take about "
        f"{at_scale:,.0f} s (target {BALANCE_LIMIT_S} s)",
        judged=False,
    )


def allocation_worst(settings: Settings) -> Outcome:
    """The highest share of its optimum any game's funded portfolio reached (must be ≤ 100%)."""
    from sim.scoring.portfolios import compare

    games = 1_000 if not settings.quick else 40
    per = games // (len(SCENARIOS) * len(POLICIES))
    worst, where = 0.0, ""
    start = time.perf_counter_ns()
    for name in SCENARIOS:
        path = settings.root / "scenarios" / f"{name}.toml"
        if not path.is_file():
            return Skipped(f"{path.name} missing")
        game = Game(load_scenario(path))
        for policy in POLICIES:
            for seed in range(1, per + 1):
                comp = compare(autoplay(game, seed, policy).session)
                if comp.optimal.value > 0:
                    ratio = comp.funded.value / comp.optimal.value
                    if ratio > worst:
                        worst, where = ratio, f"{name} seed {seed} {policy}"
    verdict = "within" if worst <= 1.0 + 1e-9 else "ABOVE"
    return Figures(
        Timing((time.perf_counter_ns() - start,)),
        note=f"worst allocation ratio over {per * len(SCENARIOS) * len(POLICIES)} games: "
        f"{worst:.1%} of the optimum ({where}) — {verdict} the bound",
        judged=False,
    )


def lessons(settings: Settings) -> Outcome:
    loaded = _flagship(settings)
    if loaded is None:
        return Skipped("file missing")
    path, game = loaded
    runs = 10 if settings.quick else 200
    start = time.perf_counter_ns()
    results = run_lessons(path, game, runs, jobs=2)
    lines = []
    for r in results:
        if r.result is None:
            lines.append(f"{r.lesson.id}: does not apply ({r.applies})")
        else:
            c = r.result
            lines.append(
                f"{r.lesson.id}: {c.mean_diff:+,.1f} (95% CI {c.low:+,.1f} to {c.high:+,.1f}, "
                f"d = {c.d:+.2f}, n = {c.n}) {'emerges' if r.emerges else 'does not emerge'}"
            )
    return Figures(Timing((time.perf_counter_ns() - start,)), note="; ".join(lines), judged=False)


BENCHMARKS: list[Benchmark] = [
    Benchmark("scorecard-flagship", "< 20 ms", 20 * MS, scorecard_time),
    Benchmark("balance-10k-scored", f"10k in < {BALANCE_LIMIT_S} s", None, balance_scored),
    Benchmark("allocation-worst", "≤ 100% of optimum", None, allocation_worst),
    Benchmark("lessons-flagship", "emerge, |d| ≥ 0.3", None, lessons),
]
