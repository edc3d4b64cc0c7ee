"""Batch studies that show the game's lessons emerging from its rules.

Each study plays many seeds with scripted conveners and reports effect sizes;
the bench prints them and the tests assert their direction.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from sim.engine import actions as A
from sim.engine.autoplay import autoplay
from sim.engine.game import Game
from sim.engine.policies import Choices, ConvenerBot, plan_table


@dataclass(frozen=True)
class Comparison:
    """Mean of a over mean of b over the same seeds, with a 95% interval on the difference."""

    label_a: str
    label_b: str
    mean_a: float
    mean_b: float
    diff: float
    low: float
    high: float
    n: int

    def line(self, unit: str = "") -> str:
        return (
            f"{self.label_a} {self.mean_a:,.1f} vs {self.label_b} {self.mean_b:,.1f}{unit}: "
            f"difference {self.diff:+,.1f} (95% CI {self.low:+,.1f} to {self.high:+,.1f}, "
            f"n={self.n} paired seeds)"
        )


def compare(label_a: str, a: list[float], label_b: str, b: list[float]) -> Comparison:
    """Paired comparison: the interval is on the per-seed differences (normal approximation)."""
    diffs = [x - y for x, y in zip(a, b, strict=True)]
    mean = statistics.fmean(diffs)
    half = 1.96 * statistics.stdev(diffs) / math.sqrt(len(diffs)) if len(diffs) > 1 else 0.0
    return Comparison(
        label_a,
        label_b,
        statistics.fmean(a),
        statistics.fmean(b),
        mean,
        mean - half,
        mean + half,
        len(diffs),
    )


def achieved(game: Game, seeds: Iterable[int], policy: str) -> list[float]:
    """The final result of one autoplay per seed."""
    return [autoplay(game, seed, policy).session.summary()["result"]["achieved"] for seed in seeds]


def form_perform(game: Game, seeds: Iterable[int]) -> Comparison:
    """The form-perform paradox: going through every stage against skipping to performing."""
    seeds = list(seeds)
    return compare("full", achieved(game, seeds, "full"), "skip", achieved(game, seeds, "skip"))


def rounds_to_agree(game: Game, seed: int, members: list[str], limit: int = 12) -> int:
    """Norming rounds a table of `members` needs to adopt its governance form and rule.

    The careful convener invites exactly these members, handles every tension, then
    proposes what its soundings say can pass. The count stops at `limit` (stalled).
    """
    session = game.new_session(seed, {"convener": "human"})
    # Give both tables all the calendar they need: the study measures deciding, not the clock.
    session.state.total_rounds = 10 * session.state.total_rounds
    convener = ConvenerBot(game, "full", Choices(invite=tuple(members), steering=False))
    while session.stage in ("forming", "storming"):
        action = convener(session)
        session.apply(action if session.why_illegal(action) is None else A.EndRound())
    start = session.round
    while session.stage == "norming" and session.round - start < limit:
        if session.why_illegal(A.Advance()) is None:
            return session.round - start + 1  # governance and rule are in place
        action = convener(session)
        session.apply(action if session.why_illegal(action) is None else A.EndRound())
    return limit if session.stage == "norming" else session.round - start + 1


def plenary_vs_table(game: Game, seeds: Iterable[int], table: int = 12) -> Comparison:
    """Wheelan: the whole plenary under consensus against a table of `table` members."""
    seeds = list(seeds)
    everyone = list(game.orgs)
    small = plan_table(game, table)
    big = [float(rounds_to_agree(game, s, everyone)) for s in seeds]
    few = [float(rounds_to_agree(game, s, small)) for s in seeds]
    return compare(f"{len(everyone)}-member plenary", big, f"{table}-member table", few)
