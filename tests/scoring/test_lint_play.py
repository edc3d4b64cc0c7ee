"""`sim lint --play N`: what passes the static checks but never happens in play is reported.

On main, healthy-homes' `trust_below 0.25` event passed lint and never fired in 60 games.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.autoplay import autoplay
from sim.lint.played import game_plan
from sim.scenario import load_scenario
from tests.conftest import SCENARIOS
from tests.scoring.test_lint import LOCATED, at, findings, mutated, run

HOMES = SCENARIOS / "healthy-homes.toml"
GAMES = 12


def played(path: Path, games: int = GAMES) -> dict[str, str]:
    """The play findings for a file, path -> message, without the static ones."""
    from sim.lint import lint_file

    static = {str(e) for e in lint_file(path)}
    out = {}
    for error in lint_file(path, games):
        if str(error) in static:
            continue
        match = LOCATED.match(str(error))
        assert match, str(error)
        out[match["path"]] = match["msg"]
    return out


def test_an_event_that_never_fires_in_play_is_a_warning_at_its_trigger() -> None:
    assert not any("union-walks-out" in m["msg"] for m in findings(HOMES))  # static: fine
    found = played(HOMES)
    said = f"warning: event 'union-walks-out' never fired in {GAMES} played games"
    assert found["events[3].trigger"] == said
    # The events that do fire in these games are not reported.
    assert "events[0].trigger" not in found and "events[1].trigger" not in found


def _gold_plated(data: dict[str, Any]) -> None:
    """A project no table can afford, and a top target just out of reach."""
    project = dict(data["projects"][0], id="gold-plated", cost_per_unit=90_000_000, max_units=1)
    data["projects"].append(project)
    data["results"][0]["targets"] = [70, 110, 120]


def test_a_project_never_funded_and_a_target_never_reached(tmp_path: Path) -> None:
    path = mutated(tmp_path, _gold_plated)
    static = " ".join(m["msg"] for m in findings(path))
    assert "gold-plated" not in static and "120" not in static
    found = played(path)
    project = len(_projects(path)) - 1
    assert found[f"projects[{project}]"] == (
        f"warning: project 'gold-plated' was never funded in {GAMES} played games"
    )
    assert re.fullmatch(
        rf"warning: target 120 of 'healthy-homes-per-year' was never reached in {GAMES} played "
        r"games \(the best final-year result was [\d.]+\)",
        found["results[0].targets[2]"],
    )
    assert "results[0].targets[0]" not in found  # 70 is reached
    assert not any(p.startswith("projects[") and p != f"projects[{project}]" for p in found)


def _projects(path: Path) -> list[Any]:
    return load_scenario(path).projects


def test_options_never_adopted_are_exactly_those_no_game_adopted() -> None:
    found = played(HOMES, 4)
    game = Game(load_scenario(HOMES))
    adopted: set[tuple[str, str]] = set()
    for number in range(4):
        seed, policy, named = game_plan(game, number)

        def steer(session: object, action: A.Action, named: A.ChooseResult = named) -> A.Action:
            return named if isinstance(action, A.ChooseResult) else action

        played_game = autoplay(game, seed, policy, steer=steer)  # as lint plays it
        adopted |= set(played_game.session.state.agreement.items())
    reported = set()
    for n, issue in enumerate(game.scenario.issues):
        for k, option in enumerate(issue.options):
            if f"issues[{n}].options[{k}]" in found:
                reported.add((issue.id, option.id))
    assert reported and not reported & adopted
    options = [message for where, message in found.items() if ".options[" in where]
    assert all(m.startswith("warning: option '") for m in options)


def test_the_warning_points_at_the_line_of_what_never_happened() -> None:
    from sim.lint import lint_file

    lines = [LOCATED.match(str(e)) for e in lint_file(HOMES, 3)]
    event = next(m for m in lines if m and m["path"] == "events[3].trigger")
    assert at(HOMES, event).startswith('trigger = { on = "trust_below"')


def test_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", str(HOMES), "--play", "3"]) == 0  # warnings only
    captured = capsys.readouterr()
    assert "never fired in 3 played games" in captured.err
    assert re.search(r"ok \(\d+ warning\(s\)\)", captured.out)
    for bad in ("0", "-2", "many", "10001"):
        with pytest.raises(SystemExit) as exit_:
            run(["lint", str(HOMES), "--play", bad])
        assert exit_.value.code == 2
        assert "--play" in capsys.readouterr().err
