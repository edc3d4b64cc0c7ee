"""Balance: many games per convener policy, summed up as distributions and warnings.

`play_policies` plays the games; `summarize` turns their figures into a `Balance`: per
policy the spread of the result and of each scorecard dimension, when each stage is
reached, what returns and what fires; and the warnings a scenario author should read.
Every warning names options, projects, events and results by their names, never ids.
No terminal output here: `sim.cli.balance` prints what this returns.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sim.scenario.models import Scenario
from sim.scoring.model import DIMENSIONS, LABELS
from sim.study.batch import Arm, Task, run
from sim.study.lessons import LessonResult
from sim.study.metrics import GameFigures

STAGES = ("forming", "storming", "norming", "performing", "adjourning")
# The lower and upper deciles: the spread a typical game stays within.
LOW_QUANTILE = 0.1
HIGH_QUANTILE = 0.9
# Fewer games than this cannot show that a figure varies.
MIN_GAMES_TO_VARY = 2
# Figures in JSON keep this many decimals: enough to compare, short enough to read.
JSON_DIGITS = 4


def quantile(values: Sequence[float], q: float) -> float:
    """The q-quantile by linear interpolation between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    at = q * (len(ordered) - 1)
    low = math.floor(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


@dataclass(frozen=True)
class Spread:
    """How a figure spread over games: its mean, deciles, extremes and how many games."""

    mean: float
    p10: float
    p90: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        if not values:
            return cls(0.0, 0.0, 0.0, 0.0, 0.0, 0)
        return cls(
            statistics.fmean(values),
            quantile(values, LOW_QUANTILE),
            quantile(values, HIGH_QUANTILE),
            min(values),
            max(values),
            len(values),
        )

    @property
    def varies(self) -> bool:
        return self.high > self.low

    def as_json(self) -> dict[str, float | int]:
        return {
            "mean": round(self.mean, JSON_DIGITS),
            "p10": round(self.p10, JSON_DIGITS),
            "p90": round(self.p90, JSON_DIGITS),
            "min": round(self.low, JSON_DIGITS),
            "max": round(self.high, JSON_DIGITS),
            "n": self.n,
        }


@dataclass(frozen=True)
class StageTiming:
    """Share of games that reached a stage, and the mean round they first entered it."""

    stage: str
    share: float
    mean_round: float | None  # None when no game reached it


@dataclass(frozen=True)
class EventShare:
    """Share of games in which a scenario event fired."""

    id: str
    title: str
    share: float


@dataclass(frozen=True)
class DimensionSpread:
    """A scorecard dimension's spread over the games it was scored in."""

    name: str
    label: str
    spread: Spread  # n is the number of games it was scored in


@dataclass(frozen=True)
class PolicySummary:
    """Everything `sim balance` reports about one convener policy."""

    policy: str
    games: int
    cumulative: Spread
    final: Spread
    cumulative_values: tuple[float, ...]  # per game, for histograms
    dimensions: tuple[DimensionSpread, ...]
    stages: tuple[StageTiming, ...]
    tensions_returned: Spread
    regressions: Spread
    events: tuple[EventShare, ...]
    reached: float  # share of games whose final year reached the named target
    agreed: float  # share of games that adopted governance and a decision rule

    def as_json(self) -> dict[str, object]:
        return {
            "games": self.games,
            "cumulative": self.cumulative.as_json(),
            "final": self.final.as_json(),
            "dimensions": {
                d.name: {"label": d.label, **d.spread.as_json()} for d in self.dimensions
            },
            "stages": {
                t.stage: {
                    "share": round(t.share, JSON_DIGITS),
                    "mean_round": None
                    if t.mean_round is None
                    else round(t.mean_round, JSON_DIGITS),
                }
                for t in self.stages
            },
            "tensions_returned": self.tensions_returned.as_json(),
            "regressions": self.regressions.as_json(),
            "events": [
                {"id": e.id, "title": e.title, "share": round(e.share, JSON_DIGITS)}
                for e in self.events
            ],
            "reached": round(self.reached, JSON_DIGITS),
            "agreed": round(self.agreed, JSON_DIGITS),
        }


# Every kind of warning, in the order they are listed (docs/balance.md explains each).
WARNING_KINDS = (
    "dominates",
    "never-varies",
    "never-adopted",
    "never-funded",
    "never-fires",
    "never-reached",
)


@dataclass(frozen=True)
class BalanceWarning:
    """Something a scenario author should look at; `kind` is for tools, `text` for people."""

    kind: str  # one of WARNING_KINDS
    text: str
    policy: str | None = None  # the policy it is about, when it is about one

    def as_json(self) -> dict[str, str | None]:
        return {"kind": self.kind, "text": self.text, "policy": self.policy}


@dataclass(frozen=True)
class Balance:
    """A balance study of one scenario: each policy's summary, the warnings, the lessons."""

    scenario: str  # its title
    runs: int
    jobs: int
    first_seed: int
    policies: tuple[PolicySummary, ...]
    warnings: tuple[BalanceWarning, ...]
    lessons: tuple[LessonResult, ...] = field(default=())

    def as_json(self) -> dict[str, object]:
        return {
            "scenario": self.scenario,
            "runs": self.runs,
            "jobs": self.jobs,
            "seeds": [self.first_seed, self.first_seed + self.runs - 1],
            "policies": {p.policy: p.as_json() for p in self.policies},
            "warnings": [w.as_json() for w in self.warnings],
            "lessons": [lesson.as_json() for lesson in self.lessons],
        }


def play_policies(
    path: Path,
    policies: Sequence[str],
    runs: int,
    *,
    jobs: int = 1,
    first_seed: int = 1,
    score: bool = True,
    progress: Callable[[int], None] | None = None,
) -> dict[str, list[GameFigures]]:
    """`runs` games of each policy on the same seeds, in one pool so no worker sits idle."""
    seeds = range(first_seed, first_seed + runs)
    tasks: list[Task] = [(Arm(policy, policy), seed) for policy in policies for seed in seeds]
    played = run(path, tasks, jobs=jobs, score=score, progress=progress)
    return {policy: played[i * runs : (i + 1) * runs] for i, policy in enumerate(policies)}


def _share(games: Sequence[GameFigures], test: Callable[[GameFigures], bool]) -> float:
    return sum(1 for g in games if test(g)) / len(games) if games else 0.0


def _dimensions(games: Sequence[GameFigures]) -> tuple[DimensionSpread, ...]:
    # Each dimension is read only in the games it was scored in: a 0 for "did not apply"
    # is not a score.
    per_game = [dict(g.scores) for g in games]
    names = [d for d in (*DIMENSIONS, "seat", "total") if any(d in s for s in per_game)]
    out = []
    for name in names:
        values = [
            s[name]
            for s, g in zip(per_game, games, strict=True)
            if name in s and name not in g.unscored
        ]
        label = LABELS.get(name, "scorecard total")
        out.append(DimensionSpread(name, label, Spread.of(values)))
    return tuple(out)


def _stages(games: Sequence[GameFigures]) -> tuple[StageTiming, ...]:
    entered = [dict(g.entered) for g in games]
    out = []
    for stage in STAGES:
        rounds = [e[stage] for e in entered if stage in e]
        share = _share(games, lambda g, st=stage: st in g.stages)
        out.append(StageTiming(stage, share, statistics.fmean(rounds) if rounds else None))
    return tuple(out)


def summarize_policy(
    scenario: Scenario, policy: str, games: Sequence[GameFigures]
) -> PolicySummary:
    cumulative = [g.cumulative for g in games]
    return PolicySummary(
        policy=policy,
        games=len(games),
        cumulative=Spread.of(cumulative),
        final=Spread.of([g.final for g in games]),
        cumulative_values=tuple(cumulative),
        dimensions=_dimensions(games),
        stages=_stages(games),
        tensions_returned=Spread.of([float(g.tensions_returned) for g in games]),
        regressions=Spread.of([float(g.regressions) for g in games]),
        events=tuple(
            EventShare(e.id, e.title, _share(games, lambda g, i=e.id: i in g.events_fired))
            for e in scenario.events
        ),
        reached=_share(games, lambda g: g.reached),
        agreed=_share(games, lambda g: g.agreed),
    )


def _dominance(summaries: Sequence[PolicySummary]) -> list[BalanceWarning]:
    # A policy dominates when even its weaker games (p10) do at least as well as every other
    # policy's stronger games (p90), and on average strictly better: with ties nobody wins.
    out = []
    for top in summaries:
        others = [p for p in summaries if p.policy != top.policy]
        if others and all(
            top.cumulative.p10 >= p.cumulative.p90 and top.cumulative.mean > p.cumulative.mean
            for p in others
        ):
            beaten = ", ".join(f"{p.policy} {p.cumulative.p90:,.1f}" for p in others)
            out.append(
                BalanceWarning(
                    "dominates",
                    f"{top.policy} dominates: its p10 cumulative result "
                    f"({top.cumulative.p10:,.1f}) is at or above every other policy's p90 "
                    f"({beaten})",
                    top.policy,
                )
            )
    return out


def _flat_dimensions(summaries: Sequence[PolicySummary]) -> list[BalanceWarning]:
    out = []
    for p in summaries:
        for d in p.dimensions:
            if d.name != "total" and d.spread.n >= MIN_GAMES_TO_VARY and not d.spread.varies:
                out.append(
                    BalanceWarning(
                        "never-varies",
                        f"{d.label} never varies under {p.policy}: "
                        f"{d.spread.low:g} in every one of {d.spread.n} games",
                        p.policy,
                    )
                )
    return out


def _never_adopted(scenario: Scenario, games: Sequence[GameFigures]) -> list[BalanceWarning]:
    adopted = {pair for g in games for pair in g.adopted}
    return [
        BalanceWarning(
            "never-adopted",
            f"option '{option.label}' of '{issue.name}' is never adopted (in {len(games)} games)",
        )
        for issue in scenario.issues
        for option in issue.options
        if (issue.id, option.id) not in adopted
    ]


def _never_funded(scenario: Scenario, games: Sequence[GameFigures]) -> list[BalanceWarning]:
    funded = {p for g in games for p in g.funded}
    return [
        BalanceWarning(
            "never-funded", f"project '{p.name}' is never funded (in {len(games)} games)"
        )
        for p in scenario.projects
        if p.id not in funded
    ]


def _never_fired(scenario: Scenario, games: Sequence[GameFigures]) -> list[BalanceWarning]:
    fired = {e for g in games for e in g.events_fired}
    return [
        BalanceWarning("never-fires", f"event '{e.title}' never fires (in {len(games)} games)")
        for e in scenario.events
        if e.id not in fired
    ]


def _never_reached(scenario: Scenario, games: Sequence[GameFigures]) -> list[BalanceWarning]:
    # A target is the one a game named for its result: a metric and a final-year figure.
    named: dict[tuple[str, float], list[GameFigures]] = {}
    for g in games:
        if g.metric:
            named.setdefault((g.metric, g.target), []).append(g)
    if games and not named:
        return [BalanceWarning("never-reached", "no game named a result, so none reached one")]
    metrics = {r.id: r for r in scenario.results}
    out = []
    for (metric_id, target), named_in in named.items():
        if any(g.reached for g in named_in):
            continue
        metric = metrics.get(metric_id)
        name = metric.name if metric else metric_id
        unit = f" {metric.unit}" if metric else ""
        best = max(g.final for g in named_in)
        out.append(
            BalanceWarning(
                "never-reached",
                f"the target of {target:,g}{unit} ({name}) is never reached: the best final "
                f"year was {best:,.1f} (named in {len(named_in)} games)",
            )
        )
    return out


def warnings(
    scenario: Scenario, summaries: Sequence[PolicySummary], games: Sequence[GameFigures]
) -> list[BalanceWarning]:
    """Every warning, in the order the issue names them; `games` are all policies' games."""
    return [
        *_dominance(summaries),
        *_flat_dimensions(summaries),
        *_never_adopted(scenario, games),
        *_never_funded(scenario, games),
        *_never_fired(scenario, games),
        *_never_reached(scenario, games),
    ]


def summarize(
    scenario: Scenario,
    played: Mapping[str, Sequence[GameFigures]],
    *,
    runs: int,
    jobs: int,
    first_seed: int = 1,
    lessons: Sequence[LessonResult] = (),
) -> Balance:
    """The balance study of `played` (policy → its games), with any lessons already run."""
    summaries = [summarize_policy(scenario, policy, games) for policy, games in played.items()]
    every_game = [g for games in played.values() for g in games]
    return Balance(
        scenario=scenario.scenario.title,
        runs=runs,
        jobs=jobs,
        first_seed=first_seed,
        policies=tuple(summaries),
        warnings=tuple(warnings(scenario, summaries, every_game)),
        lessons=tuple(lessons),
    )
