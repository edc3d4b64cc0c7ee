"""The committed schema, the shipped scenarios, `sim new` and the command's exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import jsonschema
import pytest

from sim.cli import main
from sim.scenario import load_scenario
from sim.scenario.schema import scenario_schema_text
from tests.conftest import SCENARIOS

SHIPPED = sorted(SCENARIOS.glob("*.toml"))


def test_committed_schema_matches_the_models() -> None:
    committed = (SCENARIOS / "scenario.schema.json").read_text(encoding="utf-8")
    assert committed == scenario_schema_text(), (
        "scenarios/scenario.schema.json is stale: run `make schema` and commit it"
    )


def test_schema_describes_the_discriminated_unions() -> None:
    schema = json.loads(scenario_schema_text())
    issue = schema["properties"]["issues"]["items"]
    assert issue["required"] == ["kind"]
    assert {
        "if": {"properties": {"kind": {"const": "custom"}}, "required": ["kind"]},
        "then": {"$ref": "#/$defs/CustomIssue"},
    } in issue["allOf"]
    assert "oneOf" not in scenario_schema_text()
    assert schema["$defs"]["Organization"]["additionalProperties"] is False


def test_an_editor_is_pointed_at_the_wrong_field_inside_a_union() -> None:
    # What taplo does with the schema: validate, and report each error at its path. With
    # pydantic's oneOf it could only say "not valid under any of the schemas".
    raw = tomllib.loads((SCENARIOS / "clean-air-compact.toml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(json.loads(scenario_schema_text()))
    assert list(validator.iter_errors(raw)) == []
    raw["streams"][0]["match_share"] = "x"
    raw["issues"][0]["options"][0]["form"] = "dictatorship"
    raw["events"][0]["effects"][0]["effect"] = "earthquake"
    found = {tuple(e.absolute_path): e.message for e in validator.iter_errors(raw)}
    assert set(found) == {
        ("streams", 0, "match_share"),
        ("issues", 0, "options", 0, "form"),
        ("events", 0, "effects", 0, "effect"),
    }
    assert "'x' is not of type 'number'" in found[("streams", 0, "match_share")]


def test_there_are_shipped_scenarios_and_a_flagship() -> None:
    names = {path.stem for path in SHIPPED}
    assert "clean-air-compact" in names
    assert len(names) >= 3


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_every_shipped_scenario_validates(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("#:schema ./scenario.schema.json\n")
    scenario = load_scenario(path)
    assert scenario.scenario.id == path.stem


def test_flagship_has_what_the_seminar_needs() -> None:
    s = load_scenario(SCENARIOS / "clean-air-compact.toml")
    assert len(s.organizations) == 48
    assert len(s.interests) >= 6
    assert len(s.tensions) >= 5
    assert len(s.issues) >= 6
    assert all(3 <= len(issue.options) <= 5 for issue in s.issues)
    assert len(s.streams) >= 4
    grants = [st for st in s.streams if st.kind == "grant" and st.match_share == pytest.approx(0.2)]
    assert grants and all(g.eligible for g in grants)
    assert len(s.projects) >= 10
    assert all(p.source for p in s.projects)
    assert len(s.events) >= 8
    issue_options = {i.id: {o.id for o in i.options} for i in s.issues}
    for org in s.organizations:
        assert set(org.points) == set(issue_options), org.id
        for issue_id, options in org.points.items():
            assert set(options) == issue_options[issue_id], (org.id, issue_id)
    briefed = [org for org in s.organizations if len(org.brief.split()) >= 120]
    assert len(briefed) >= 12
    sectors = {org.sector for org in s.organizations}
    assert {
        "public",
        "private",
        "nonprofit",
        "community",
        "philanthropic",
        "labor",
        "academic",
    } <= sectors
    levels = {org.level for org in s.organizations if org.level}
    assert {"local", "county", "regional", "state", "federal"} <= levels


def test_short_scenarios_are_short() -> None:
    sizes = {path.stem: len(load_scenario(path).organizations) for path in SHIPPED}
    small = [n for stem, n in sizes.items() if stem != "clean-air-compact"]
    assert any(n <= 12 for n in small)
    assert any(n <= 7 for n in small)


def test_validate_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = SCENARIOS / "clean-air-compact.toml"
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[scenario]\nid = 'BAD ID'\n")
    assert main(["validate", str(good)]) == 0
    assert "ok: " in capsys.readouterr().out
    assert main(["validate", str(good), str(bad)]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:3:1: scenario.id: 'BAD ID' is not a valid id" in err
    assert "1 of 2 files have problems" in err


def test_usage_error_exits_2() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sim", "validate"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2
    assert "usage: sim validate" in done.stderr


def test_missing_file_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "nowhere.toml"]) == 1
    assert capsys.readouterr().err == "nowhere.toml:1:1: (file): no such file\n"


def test_new_writes_a_starter_that_validates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "scenarios").mkdir()
    assert main(["new", "River Cleanup"]) == 0
    path = tmp_path / "scenarios" / "river-cleanup.toml"
    assert path.exists()
    assert (tmp_path / "scenarios" / "scenario.schema.json").exists()
    scenario = load_scenario(path)
    assert scenario.scenario.id == "river-cleanup"
    assert scenario.scenario.title == "River Cleanup"
    assert main(["validate", str(path)]) == 0
    assert main(["new", "river-cleanup"]) == 1
    assert "already exists" in capsys.readouterr().err


def test_schema_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "s.json"
    assert main(["schema", "-o", str(out)]) == 0
    assert out.read_text() == scenario_schema_text()


def test_help_teaches() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sim", "--help"], capture_output=True, text=True, check=True
    )
    for word in ("play", "validate", "schema", "new", "examples:"):
        assert word in done.stdout
