"""`sim autoplay` and `sim graph` as a person runs them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from sim.cli import main
from tests.conftest import SCENARIOS

FLAGSHIP = str(SCENARIOS / "clean-air-compact.toml")


@pytest.mark.parametrize("policy", ["full", "skip", "random", "greedy"])
def test_autoplay_json_has_the_contract_fields(
    policy: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["autoplay", FLAGSHIP, "--seed", "7", "--policy", policy, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["scenario"] == "clean-air-compact"
    assert data["seed"] == 7
    assert data["policy"] == policy
    assert data["stages_visited"][0] == "forming"
    assert data["stages_visited"][-1] == "adjourning"
    assert data["actions"] > 0
    assert set(data["result"]) >= {"metric", "target", "achieved"}


def test_skip_jumps_from_forming_to_performing(capsys: pytest.CaptureFixture[str]) -> None:
    main(["autoplay", FLAGSHIP, "--seed", "3", "--policy", "skip", "--json"])
    stages = json.loads(capsys.readouterr().out)["stages_visited"]
    assert stages[:2] == ["forming", "performing"]


def test_full_goes_through_every_stage(capsys: pytest.CaptureFixture[str]) -> None:
    main(["autoplay", FLAGSHIP, "--seed", "3", "--policy", "full", "--json"])
    stages = json.loads(capsys.readouterr().out)["stages_visited"]
    assert stages[:4] == ["forming", "storming", "norming", "performing"]


def test_autoplay_text_tells_the_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["autoplay", FLAGSHIP, "--seed", "3", "--seat", "freight-assoc"]) == 0
    out = capsys.readouterr().out
    for heading in ("FORMING", "STORMING", "NORMING", "PERFORMING", "ADJOURNING", "Result:"):
        assert heading in out
    assert "Seat freight-assoc:" in out


def test_autoplay_rejects_an_unknown_seat(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["autoplay", FLAGSHIP, "--seat", "nobody-here"]) == 2
    assert "unknown seat 'nobody-here'" in capsys.readouterr().err


def test_autoplay_on_a_broken_scenario_prints_located_errors(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["autoplay", "missing.toml"]) == 1
    assert capsys.readouterr().err == "missing.toml:1:1: (file): no such file\n"


def test_graph_prints_mermaid_with_guards() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sim", "graph"], capture_output=True, text=True, check=True
    )
    lines = done.stdout.splitlines()
    assert lines[0] == "stateDiagram-v2"
    assert "    forming --> performing: skip [result_named]" in lines
    assert "    performing --> storming: regress" in lines
    assert "    storming --> norming: begin_norming [tensions_handled]" in lines
