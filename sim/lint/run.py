"""Run every family of checks on a scenario, and locate each finding in its file."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path as FsPath

from sim.engine.game import Game
from sim.lint import agreement, balance, events, money, options
from sim.lint.finding import Finding
from sim.scenario.errors import Path, ScenarioError, dotted
from sim.scenario.load import load_scenario
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
