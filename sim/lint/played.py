"""`sim lint --play N`: play N games and report what never happened in any of them.

The static checks prove that an event *can* fire, an option *can* pass, a project *can*
be funded. Whether it ever does in play is a question only play answers: a `trust_below`
event whose threshold the table never falls under passes every static check and never
fires. So this plays N games with the scripted conveners (every policy in turn, one seed
each, each result named in turn) and reports, as warnings, the events that never fired,
the targets never reached, the options never adopted and the projects never funded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine.autoplay import autoplay
from sim.engine.game import Game
from sim.engine.policies import POLICIES
from sim.engine.session import Session
from sim.lint.finding import Finding

# Games are seeded 1, 2, ... so that a report can be reproduced with `sim autoplay --seed`.
FIRST_SEED = 1


@dataclass
class Seen:
    """What happened in at least one of the games played."""

    games: int = 0
    events: set[str] = field(default_factory=set)
    adopted: set[tuple[str, str]] = field(default_factory=set)
    funded: set[str] = field(default_factory=set)
    # The best final-year result of each result metric, over the games that named it.
    best: dict[str, float] = field(default_factory=dict)

    def add(self, metric: str, achieved: float, notices: list[N.Notice]) -> None:
        self.games += 1
        self.best[metric] = max(self.best.get(metric, achieved), achieved)
        for notice in notices:
            if isinstance(notice, N.ScenarioEventFired):
                self.events.add(notice.event)
            elif isinstance(notice, N.ProposalVoted) and notice.adopted:
                # A package adopts every option in it, not just the one it is named for.
                self.adopted.add((notice.issue, notice.option))
                self.adopted.update(notice.package.items())
            elif isinstance(notice, N.Funded):
                self.funded.add(notice.project)


def game_plan(game: Game, number: int) -> tuple[int, str, A.ChooseResult]:
    """Game `number`'s seed, convener policy and the result it names.

    Every policy plays in turn, and each result is named in turn with each of its targets,
    because the scripted conveners alone always name the first result.
    """
    results = game.scenario.results
    result = results[number % len(results)]
    targets = sorted(result.targets)
    target = targets[(number // len(results)) % len(targets)]
    return (
        FIRST_SEED + number,
        POLICIES[number % len(POLICIES)],
        A.ChooseResult(metric=result.id, target=target),
    )


def play(game: Game, games: int, progress: Callable[[int, int], None] | None = None) -> Seen:
    """Play `games` games and gather what happened in them."""
    seen = Seen()
    for number in range(games):
        seed, policy, named = game_plan(game, number)

        def steer(session: Session, action: A.Action, named: A.ChooseResult = named) -> A.Action:
            return named if isinstance(action, A.ChooseResult) else action

        played = autoplay(game, seed, policy, steer=steer)
        result = played.session.summary()["result"]
        seen.add(result["metric"], result["achieved"], played.events)
        if progress is not None:
            progress(number + 1, games)
    return seen


def findings(game: Game, seen: Seen) -> list[Finding]:
    """A warning for each event, target, option and project that never happened in play."""
    scenario = game.scenario
    within = f"in {seen.games} played game{'s' if seen.games != 1 else ''}"
    out: list[Finding] = []
    for n, event in enumerate(scenario.events):
        if event.id not in seen.events:
            out.append(
                Finding(
                    "warning", ("events", n, "trigger"), f"event '{event.id}' never fired {within}"
                )
            )
    for n, result in enumerate(scenario.results):
        best = seen.best.get(result.id)
        for k, target in enumerate(result.targets):
            if best is None:
                message = f"target {target:g} of '{result.id}' was never tried {within}"
            elif best < target:
                message = (
                    f"target {target:g} of '{result.id}' was never reached {within} "
                    f"(the best final-year result was {best:g})"
                )
            else:
                continue
            out.append(Finding("warning", ("results", n, "targets", k), message))
    for n, issue in enumerate(scenario.issues):
        for k, option in enumerate(issue.options):
            if (issue.id, option.id) not in seen.adopted:
                out.append(
                    Finding(
                        "warning",
                        ("issues", n, "options", k),
                        f"option '{option.id}' of '{issue.id}' was never adopted {within}",
                    )
                )
    for n, project in enumerate(scenario.projects):
        if project.id not in seen.funded:
            out.append(
                Finding(
                    "warning", ("projects", n), f"project '{project.id}' was never funded {within}"
                )
            )
    return out
