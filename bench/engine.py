"""The engine: one full flagship autoplay and the cost per action (the lessons: bench/study.py).

The speed rows use pydantic validation of the flagship's parsed TOML as their baseline,
a fixed amount of Python work, so the ratio travels between machines.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from bench.runner import Benchmark, Figures, Outcome, Settings, Skipped, measure_pair
from sim.engine import Game
from sim.engine.autoplay import autoplay
from sim.scenario.load import load_scenario
from sim.scenario.models import Scenario

FLAGSHIP = Path("scenarios/clean-air-compact.toml")
MS = 1_000_000


def _game(settings: Settings) -> tuple[Game, dict[str, object]] | None:
    path = settings.root / FLAGSHIP
    if not path.is_file():
        return None
    return Game(load_scenario(path)), tomllib.loads(path.read_text(encoding="utf-8"))


def autoplay_full(settings: Settings) -> Outcome:
    loaded = _game(settings)
    if loaded is None:
        return Skipped("file missing")
    game, raw = loaded
    seeds = iter(range(10**9))
    timing, baseline = measure_pair(
        lambda: autoplay(game, next(seeds), "full"),
        lambda: Scenario.model_validate(raw),
        settings,
        full=40,
        quick=3,
    )
    actions = [len(autoplay(game, seed, "full").session.history) for seed in range(5)]
    per_action_us = timing.median_ns / (sum(actions) / len(actions)) / 1000
    return Figures(
        timing,
        baseline,
        baseline_label="Scenario.model_validate of the flagship",
        note=f"about {sum(actions) / len(actions):.0f} actions a game, "
        f"{per_action_us:.0f} µs per action (policy included); "
        f"{10_000 * timing.median_ns / 1e9 / 2:.0f} s for 10,000 games on two cores",
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark("autoplay-full", "< 10 ms", 10 * MS, autoplay_full),
]
