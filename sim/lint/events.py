"""Events: every scenario event must be able to fire."""

from __future__ import annotations

from sim.engine.game import Game
from sim.lint.finding import Finding
from sim.scenario.errors import Path
from sim.scenario.models import (
    ChanceTrigger,
    DeferredTensionTrigger,
    MidpointTrigger,
    RoundTrigger,
    StageTrigger,
    TrustBelowTrigger,
)
from sim.scoring.portfolios import best_representative


def findings(game: Game) -> list[Finding]:
    """An error per event whose trigger can never fire."""
    scenario = game.scenario
    timeline = scenario.timeline
    total = timeline.years * timeline.rounds_per_year
    reachable = {org.id for org in scenario.organizations if best_representative(org) is not None}
    tensions = {t.id: t for t in scenario.tensions}
    out: list[Finding] = []
    for n, event in enumerate(scenario.events):
        path: Path = ("events", n, "trigger")
        trigger = event.trigger
        never: tuple[Path, str] | None = None
        if isinstance(trigger, RoundTrigger):
            if trigger.year > timeline.years or trigger.round > timeline.rounds_per_year:
                never = (path, f"year {trigger.year}, round {trigger.round} is beyond the timeline")
            elif (trigger.year, trigger.round) == (1, 1):
                # Round events are checked as each round opens, and the first round opens
                # before anything can be checked.
                never = (
                    (*path, "round"),
                    "year 1, round 1 is the opening round, which no round trigger sees",
                )
        elif isinstance(trigger, StageTrigger) and trigger.stage == "forming":
            never = ((*path, "stage"), "the game starts in forming; nothing ever enters it again")
        elif isinstance(trigger, ChanceTrigger):
            if trigger.probability <= 0:
                never = ((*path, "probability"), "a probability of 0 never fires")
            elif trigger.stage == "adjourning":
                never = (
                    (*path, "stage"),
                    "no round is played in adjourning, so chance never fires there",
                )
        elif isinstance(trigger, TrustBelowTrigger) and trigger.threshold <= 0:
            never = ((*path, "threshold"), "trust density cannot fall below 0")
        elif isinstance(trigger, MidpointTrigger) and total < 2:
            never = (path, "a one-round game has no midpoint")
        elif isinstance(trigger, DeferredTensionTrigger):
            spec = tensions.get(trigger.tension)
            if spec is not None and spec.heat <= 0 and scenario.dynamics.heat_growth <= 0:
                never = (
                    (*path, "tension"),
                    f"'{trigger.tension}' starts with heat 0 and deferred tensions never heat up "
                    "(dynamics.heat_growth = 0), so it can never come back",
                )
            elif spec is not None and not any(p in reachable for p in spec.parties):
                never = (
                    (*path, "tension"),
                    f"none of the parties to '{trigger.tension}' ever comes to the table "
                    "(each turns down every ask), so it can never be deferred and return",
                )
        if never is not None:
            out.append(Finding("error", never[0], f"event '{event.id}' can never fire: {never[1]}"))
    return out
