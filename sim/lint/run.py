"""Run every family of checks on a scenario, and locate each finding in its file."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path as FsPath

from sim.engine.game import Game
from sim.lint import agreement, balance, events, money, options, played
from sim.lint.finding import Finding
from sim.scenario.errors import Path, ScenarioError, dotted
from sim.scenario.load import load_scenario_text
from sim.scenario.locate import locate
from sim.scenario.models import Scenario


def lint(scenario: Scenario) -> list[Finding]:
    """Every lint finding for a valid scenario, errors first."""
    game = Game(scenario)
    found = [
        *agreement.findings(game),
        *money.findings(game),
        *options.findings(game),
        *events.findings(game),
        *balance.findings(game),
    ]
    return sorted(found, key=lambda f: (f.level != "error", f.path.__repr__(), f.message))


def lint_file(
    file: str | FsPath, games: int = 0, progress: Callable[[int, int], None] | None = None
) -> list[ScenarioError]:
    """Load and lint a file; located lines, warnings' messages starting 'warning: '.

    With `games` above 0, also play that many games and warn about what never happened
    in them (see `sim.lint.played`). Raises ScenarioInvalid when the file does not validate.
    """
    scenario, text = load_scenario_text(file)
    positions = locate(text)
    found = lint(scenario)
    if games > 0:
        game = Game(scenario)
        found += played.findings(game, played.play(game, games, progress))
    return [_located(str(file), f, positions) for f in found]


def _located(
    name: str, finding: Finding, positions: Mapping[Path, tuple[int, int]]
) -> ScenarioError:
    probe = finding.path
    while probe and probe not in positions:
        probe = probe[:-1]
    line, col = positions.get(probe, (1, 1))
    prefix = "warning: " if finding.level == "warning" else ""
    return ScenarioError(name, line, col, dotted(finding.path), prefix + finding.message)
