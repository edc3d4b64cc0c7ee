"""Play many games, in parallel worker processes, each one arm of a study on one seed.

A worker loads the scenario once and plays the tasks it is sent; every game is the same
given its scenario, seed and arm, so a study gives the same figures with any number of
jobs.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sim.engine.autoplay import autoplay
from sim.engine.bots.convener import Choices
from sim.engine.game import Game
from sim.scenario.load import load_scenario
from sim.study.metrics import GameFigures, figures

# Games a worker takes at a time: large enough that sending them costs little.
CHUNK = 8


@dataclass(frozen=True)
class Arm:
    """One side of a contrast, or one policy of a balance study."""

    label: str
    policy: str = "full"
    choices: Choices | None = None


Task = tuple[Arm, int]
_GAME: Game | None = None


def _load(path: str) -> None:
    global _GAME
    _GAME = Game(load_scenario(Path(path)))


def play(game: Game, arm: Arm, seed: int, score: bool = False) -> GameFigures:
    """One game of an arm, and its figures (with its scorecard when `score`)."""
    played = autoplay(game, seed, arm.policy, choices=arm.choices)
    scores = None
    unscored: tuple[str, ...] = ()
    if score:
        from sim.scoring.card import scorecard

        card = scorecard(played.session)
        scores = {name: d.score for name, d in card.dimensions.items()}
        scores["total"] = card.total
        unscored = tuple(name for name, d in card.dimensions.items() if not d.scored)
    return figures(played.session, scores, unscored)


def _work(job: tuple[Task, bool]) -> GameFigures:
    (arm, seed), score = job
    assert _GAME is not None
    return play(_GAME, arm, seed, score)


def run(
    path: Path,
    tasks: Sequence[Task],
    *,
    jobs: int = 1,
    score: bool = False,
    progress: Callable[[int], None] | None = None,
) -> list[GameFigures]:
    """Play every task; `progress` is told after each game how many are done."""
    jobs_in = [(task, score) for task in tasks]
    out: list[GameFigures] = []
    if jobs <= 1:
        _load(str(path))
        for job in jobs_in:
            out.append(_work(job))
            if progress is not None:
                progress(len(out))
        return out
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        jobs, mp_context=context, initializer=_load, initargs=(str(path),)
    ) as pool:
        for figure in pool.map(_work, jobs_in, chunksize=CHUNK):
            out.append(figure)
            if progress is not None:
                progress(len(out))
    return out
