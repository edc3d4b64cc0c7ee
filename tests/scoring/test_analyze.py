"""`sim analyze` on the shipped scenarios, and the voting model against the engine's own."""

from __future__ import annotations

import argparse
import json
import random
from math import prod
from pathlib import Path

import numpy as np
import pytest

from sim.cli.analyze import add_commands
from sim.engine import Game
from sim.engine.voting import passes, rule_in_force, voters
from sim.scenario.models import DecisionRuleSpec
from sim.scoring.analysis import analyze_scenario
from sim.scoring.rules import RULES, committee_of, parse_rule, passing, voting_for
from tests.conftest import SCENARIOS
from tests.scoring.conftest import FLAGSHIP, needs_flagship, scenario

SHIPPED = sorted(SCENARIOS.glob("*.toml"))


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="sim")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_analyze_json_on_shipped_scenarios(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["analyze", str(path), "--json", "--max-coalition", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    alloc = data["optimal_allocation"]
    assert alloc["value"] > 0 and alloc["projects"]
    assert {"value", "projects", "funds", "funds_note"} <= set(alloc)
    ag = data["agreements"]
    for key in (
        "n_outcomes",
        "n_passing",
        "welfare_best",
        "nash_best",
        "maxmin_best",
        "pareto_count",
    ):
        assert key in ag
    loaded = scenario(path.stem)
    assert ag["n_outcomes"] == prod(len(i.options) for i in loaded.issues)
    assert isinstance(data["veto_players"], list) and isinstance(data["blocking_coalitions"], list)
    if ag["welfare_best"] is not None:
        best = ag["welfare_best"]
        assert best["welfare"] >= ag["nash_best"]["welfare"]
        assert best["welfare"] >= ag["maxmin_best"]["welfare"]


def test_analyze_text_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["analyze", str(SCENARIOS / "workforce-pathways.toml"), "--rule", "majority"]) == 0
    out = capsys.readouterr().out
    for heading in ("OPTIMAL ALLOCATION", "AGREEMENTS", "VETO PLAYERS", "BLOCKING COALITIONS"):
        assert heading in out
    assert "every organization pledging all of its assets.money" in out
    assert "Caveat: With many parties almost every package is Pareto-optimal" in out
    assert "simple majority" in out


def test_rule_option_ids_and_thresholds_are_accepted() -> None:
    workforce = scenario("workforce-pathways")
    assert parse_rule("executive-committee", workforce).rule == "executive_committee"
    assert parse_rule("supermajority:0.75").threshold == 0.75
    with pytest.raises(ValueError, match="unknown rule"):
        parse_rule("unanimity-plus", workforce)


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["--rule", "bogus"], 2),
        (["--rule", "supermajority:0.4"], 2),
        (["--max-coalition", "-1"], 2),
    ],
)
def test_analyze_usage_errors_exit_2(
    argv: list[str], code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["analyze", str(SCENARIOS / "healthy-homes.toml"), *argv]) == code
    assert capsys.readouterr().err.startswith("sim: ")


def test_analyze_a_missing_file_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["analyze", "no-such-file.toml"]) == 1
    assert "no such file" in capsys.readouterr().err


@pytest.mark.parametrize("rule", RULES)
@pytest.mark.parametrize("name", ["healthy-homes", "workforce-pathways"])
def test_whole_package_passing_reads_tallies_as_the_engine_does(name: str, rule: str) -> None:
    """The vectorized rule against `sim.engine.voting.passes` on random yes/no tallies."""
    loaded = scenario(name)
    game = Game(loaded)
    session = game.new_session(0)
    members = list(game.orgs)
    spec = parse_rule(rule)
    voting = voting_for(loaded, members, spec)
    body = [m for m, counts in zip(members, voting.voters, strict=True) if counts]
    rng = random.Random(f"{name}-{rule}")
    rows = np.array([[rng.random() < 0.7 for _ in members] for _ in range(200)])
    ours = passing(rows, voting)
    for row, mine in zip(rows, ours, strict=True):
        votes = {
            m: "yes" if yes else "no" for m, yes in zip(members, row, strict=True) if m in body
        }
        assert passes(game, session.state, votes, spec)[0] == bool(mine)


def test_executive_committee_is_the_engines() -> None:
    loaded = scenario("workforce-pathways")
    game = Game(loaded)
    state = game.new_session(0).state
    for org in game.orgs:
        state.members[org].status = "table"
    state.agreement["decision-rule"] = "executive-committee"
    members = list(game.orgs)
    voting = voting_for(loaded, members, DecisionRuleSpec(rule="executive_committee"))
    committee = [m for m, c in zip(members, committee_of(loaded, members), strict=True) if c]
    assert set(voters(game, state)) == set(committee) | {
        m for m, v in zip(members, voting.veto, strict=True) if v
    }


@pytest.mark.parametrize(
    "rule_option", ["executive-committee", "supermajority", "consensus-minus-one"]
)
def test_a_sessions_voting_body_is_the_engines(rule_option: str) -> None:
    """With a policy board adopted, only its members (and veto holders) vote, as in play."""
    loaded = scenario("workforce-pathways")
    game = Game(loaded)
    session = game.new_session(0)
    state = session.state
    kinds = ("decision_maker", "doer", "designee")
    for n, org in enumerate(game.orgs):
        state.members[org].status = "table"
        state.members[org].representative = kinds[n % 3]
    state.agreement["structure"] = "full-with-community-vote"
    state.agreement["decision-rule"] = rule_option
    body = voters(game, state)
    members = state.at_table()
    spec = rule_in_force(game, state)
    voting = voting_for(loaded, members, spec, body=body)
    assert [m for m, v in zip(members, voting.voters, strict=True) if v] == body
    rng = random.Random(rule_option)
    rows = np.array([[rng.random() < 0.6 for _ in members] for _ in range(200)])
    for row, mine in zip(rows, passing(rows, voting), strict=True):
        votes = {
            m: "yes" if yes else "no" for m, yes in zip(members, row, strict=True) if m in body
        }
        assert passes(game, state, votes, spec)[0] == bool(mine)


@needs_flagship
def test_flagship_analysis() -> None:
    from sim.scenario import load_scenario

    loaded = load_scenario(FLAGSHIP)
    data = analyze_scenario(loaded, max_coalition=2)
    assert data["organizations"] == len(loaded.organizations)
    assert data["agreements"]["n_outcomes"] == prod(len(i.options) for i in loaded.issues)
    assert data["optimal_allocation"]["value"] > 0
    if data["agreements"]["n_passing"]:
        # Under consensus every organization can sink every package on its own.
        assert len(data["veto_players"]) == len(loaded.organizations)


def test_command_registration_stays_light_and_agrees_with_the_rules() -> None:
    """`add_commands` runs on every `sim` start: it must not pull in numpy or scipy."""
    import subprocess
    import sys

    from sim.cli import analyze as commands
    from sim.scoring import analysis, rules

    code = (
        "import sys, argparse\n"
        "from sim.cli.analyze import add_commands\n"
        "add_commands(argparse.ArgumentParser().add_subparsers())\n"
        "assert 'numpy' not in sys.modules and 'scipy' not in sys.modules, 'heavy import'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=SCENARIOS.parent)
    assert commands.RULES == rules.RULES
    assert commands.DEFAULT_COALITION == analysis.DEFAULT_COALITION
