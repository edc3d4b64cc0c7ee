"""`sim lint`: checks deeper than validation — is the scenario playable and balanced?

Errors make a scenario unplayable as written: no agreement above every BATNA passes the
default rule (consensus), a stream whose money can fund nothing, an option nobody scores,
an event that can never fire. Warnings are balance hints a facilitator should look at.
Each finding carries the path it is about, so the command can print FILE:LINE:COL.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Literal

import numpy as np

from sim.engine.game import Game
from sim.engine.pledges import pledge_stream
from sim.engine.streams import match_sources, may_fund
from sim.scenario.errors import Path, ScenarioError, dotted
from sim.scenario.load import load_scenario
from sim.scenario.locate import locate
from sim.scenario.models import (
    AddMoney,
    ChanceTrigger,
    DeferredTensionTrigger,
    FundingStream,
    GrantStream,
    LoanStream,
    MidpointTrigger,
    Project,
    RoundTrigger,
    Scenario,
    StageTrigger,
    TrustBelowTrigger,
)
from sim.scoring.portfolios import best_representative, can_lead, scenario_optimum
from sim.scoring.rules import passing, voting_for, yes_votes
from sim.scoring.space import SpaceTooLarge, scenario_space

Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Finding:
    """One lint result: how serious, where in the scenario, and what is wrong."""

    level: Level
    path: Path
    message: str


def lint(scenario: Scenario) -> list[Finding]:
    """Every lint finding for a valid scenario, errors first."""
    game = Game(scenario)
    found = [
        *_agreement(game),
        *_streams(game),
        *_options(scenario),
        *_events(game),
        *_balance(game),
    ]
    return sorted(found, key=lambda f: (f.level != "error", f.path.__repr__(), f.message))


def lint_file(file: str | FsPath) -> list[ScenarioError]:
    """Load and lint a file; located lines, warnings' messages starting 'warning: '.

    Raises ScenarioInvalid when the file does not validate.
    """
    scenario = load_scenario(file)
    text = FsPath(file).read_text(encoding="utf-8-sig")
    positions = locate(text)
    return [_located(str(file), f, positions) for f in lint(scenario)]


def _located(
    name: str, finding: Finding, positions: Mapping[Path, tuple[int, int]]
) -> ScenarioError:
    probe = finding.path
    while probe and probe not in positions:
        probe = probe[:-1]
    line, col = positions.get(probe, (1, 1))
    prefix = "warning: " if finding.level == "warning" else ""
    return ScenarioError(name, line, col, dotted(finding.path), prefix + finding.message)


# --------------------------------------------------------------------------- agreement


def _agreement(game: Game) -> list[Finding]:
    scenario = game.scenario
    org_index = {org.id: n for n, org in enumerate(scenario.organizations)}
    out: list[Finding] = []
    for org in scenario.organizations:
        best = sum(game.issue_max[org.id].values())
        if org.batna > best:
            out.append(
                Finding(
                    "warning",
                    ("organizations", org_index[org.id], "batna"),
                    f"BATNA {org.batna} is above the {best} points its best possible agreement "
                    "gives: it can never vote yes",
                )
            )
    try:
        space = scenario_space(scenario)
    except SpaceTooLarge as exc:
        return [*out, Finding("warning", ("issues",), f"agreement space not checked: {exc}")]
    yes = yes_votes(space.gains)
    if passing(yes, voting_for(scenario, space.members)).any():
        return out
    # The nearest miss: the package leaving the fewest members below BATNA, then the least short.
    short = np.clip(-space.gains, 0, None)
    below = (short > 0).sum(axis=1)
    nearest = int(np.lexsort((short.sum(axis=1), below))[0])
    misses = [
        (m, int(short[nearest, k])) for k, m in enumerate(space.members) if short[nearest, k] > 0
    ]
    first = misses[0][0]
    detail = ", ".join(f"{m} short by {gap}" for m, gap in misses)
    out.append(
        Finding(
            "error",
            ("organizations", org_index[first], "batna"),
            f"no agreement puts every organization at or above its BATNA, so none passes "
            f"consensus; the nearest ({', '.join(space.package(nearest).values())}) leaves "
            f"{detail}",
        )
    )
    return out


# --------------------------------------------------------------------------- money


def _potential(game: Game) -> dict[str, float]:
    """Money each stream could ever hold: grants, every pledge, money events."""
    scenario = game.scenario
    money = {s.id: 0.0 for s in scenario.streams}
    for s in scenario.streams:
        if isinstance(s, GrantStream | LoanStream):
            money[s.id] += s.amount
    for org in scenario.organizations:
        if org.assets.money > 0:
            money[pledge_stream(game, org.id)] += org.assets.money
    for event in scenario.events:
        for effect in event.effects:
            if isinstance(effect, AddMoney):
                money[effect.stream] += effect.amount
    return money


def _leadable(game: Game) -> set[str]:
    """Projects some organization could lead, with a representative some ask brings."""
    return {
        p.id
        for p in game.scenario.projects
        if any(
            can_lead(org, p, best_representative(org)) and org.assets.staff + 1e-9 >= p.lead.staff
            for org in game.scenario.organizations
        )
    }


def _streams(game: Game) -> list[Finding]:
    scenario = game.scenario
    money = _potential(game)
    leadable = _leadable(game)
    out: list[Finding] = []
    for n, stream in enumerate(scenario.streams):
        path: Path = ("streams", n)
        share = stream.match_share if isinstance(stream, GrantStream) else 0.0
        eligible = [p for p in scenario.projects if _may_fund(stream, p)]
        if not eligible:
            why = (
                " (a loan funds only projects with revenue_per_unit)"
                if stream.kind == "loan"
                else ""
            )
            out.append(
                Finding("error", path, f"its money can fund no project: none is eligible{why}")
            )
            continue
        if money[stream.id] <= 0:
            if stream.kind in ("pooled", "in_kind"):
                out.append(
                    Finding(
                        "warning",
                        path,
                        "no organization pledges into it and no event adds money to it",
                    )
                )
            continue
        led = [p for p in eligible if p.id in leadable]
        if not led:
            out.append(
                Finding(
                    "error",
                    path,
                    "its money can fund no project: no organization can lead any project it "
                    f"may fund ({', '.join(p.id for p in eligible)})",
                )
            )
            continue
        cheapest = min(led, key=lambda p: p.cost_per_unit)
        own = cheapest.cost_per_unit * (1 - share)
        if own > money[stream.id] + 0.01:
            out.append(
                Finding(
                    "error",
                    path,
                    f"its money can fund no project: ${money[stream.id]:,.0f} is less than "
                    f"one unit of the cheapest it may fund ({cheapest.id}, ${own:,.0f})",
                )
            )
            continue
        if isinstance(stream, GrantStream) and share > 0:
            sources = match_sources(scenario, stream)
            match = share * cheapest.cost_per_unit
            available = sum(money.get(s, 0.0) for s in sources)
            if not sources or available + 0.01 < match:
                where = ", ".join(sources) if sources else "no pooled stream"
                out.append(
                    Finding(
                        "error",
                        (*path, "match_from") if stream.match_from else path,
                        f"its money can fund no project: it needs a {share:.0%} match "
                        f"(${match:,.0f} for one unit of {cheapest.id}) from {where}, which "
                        f"can hold only ${available:,.0f}",
                    )
                )
    return out


def _may_fund(stream: FundingStream, project: Project) -> bool:
    """A stream's own rules for a project, as the engine spends by them."""
    return may_fund(stream, project) is None


# --------------------------------------------------------------------------- options


def _options(scenario: Scenario) -> list[Finding]:
    out: list[Finding] = []
    for n, issue in enumerate(scenario.issues):
        for k, option in enumerate(issue.options):
            if all(
                org.points.get(issue.id, {}).get(option.id, 0) == 0
                for org in scenario.organizations
            ):
                out.append(
                    Finding(
                        "error",
                        ("issues", n, "options", k),
                        f"option '{option.id}' of {issue.id} scores zero for every organization, "
                        "so no one would ever propose or support it",
                    )
                )
    return out


# --------------------------------------------------------------------------- events


def _events(game: Game) -> list[Finding]:
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


# --------------------------------------------------------------------------- balance


def _balance(game: Game) -> list[Finding]:
    scenario = game.scenario
    out: list[Finding] = []
    served = {i for org in scenario.organizations for i in org.interests}
    for n, interest in enumerate(scenario.interests):
        if interest.id not in served:
            out.append(
                Finding(
                    "warning",
                    ("interests", n),
                    f"no organization serves '{interest.id}', so no table can cover it",
                )
            )
    leadable = _leadable(game)
    for n, project in enumerate(scenario.projects):
        if project.id not in leadable:
            out.append(
                Finding(
                    "warning",
                    ("projects", n, "lead"),
                    f"no organization can lead '{project.id}' (sector, named leads, a doer, "
                    f"{project.lead.staff:g} staff), so it can never be funded",
                )
            )
    for n, org in enumerate(scenario.organizations):
        if best_representative(org) is None:
            out.append(
                Finding(
                    "warning",
                    ("organizations", n, "sends"),
                    f"'{org.id}' turns down every ask, so it can never join",
                )
            )
    for n, metric in enumerate(scenario.results):
        optimum, _, _ = scenario_optimum(game, metric)
        top = max(metric.targets)
        if optimum.value + 1e-9 < top:
            k = metric.targets.index(top)
            out.append(
                Finding(
                    "warning",
                    ("results", n, "targets", k),
                    f"the top target {top:g} {metric.unit} is beyond the best portfolio's "
                    f"{optimum.value:,.1f} even at full effectiveness, with every organization "
                    "pledging all its money",
                )
            )
    return out
