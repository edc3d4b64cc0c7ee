"""`sim lint`: shipped scenarios pass, and each kind of problem is found where it is."""

from __future__ import annotations

import argparse
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from sim.cli.lint import add_commands
from sim.lint import lint_file
from tests.conftest import SCENARIOS

SHIPPED = sorted(SCENARIOS.glob("*.toml"))
LOCATED = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<col>\d+): (?P<path>\S+): (?P<msg>.+)$")


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="sim")
    add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return int(args.handler(args))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_shipped_scenarios_lint_clean(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["lint", str(path)]) == 0, capsys.readouterr().err
    assert f"{path}: ok" in capsys.readouterr().out


def mutated(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """healthy-homes.toml with one change, written back as TOML."""
    data = tomllib.loads((SCENARIOS / "healthy-homes.toml").read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "mutated.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def findings(path: Path) -> list[re.Match[str]]:
    out = []
    for error in lint_file(path):
        match = LOCATED.match(str(error))
        assert match, str(error)
        out.append(match)
    return out


def at(path: Path, match: re.Match[str]) -> str:
    """The source line a finding points to."""
    return path.read_text(encoding="utf-8").splitlines()[int(match["line"]) - 1]


def org(data: dict[str, Any], org_id: str) -> dict[str, Any]:
    return next(o for o in data["organizations"] if o["id"] == org_id)


def test_no_agreement_above_every_batna_is_an_error_at_a_batna(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = mutated(tmp_path, lambda d: org(d, "tenants-union").update(batna=99))
    errors = [f for f in findings(path) if not f["msg"].startswith("warning:")]
    assert len(errors) == 1
    assert re.fullmatch(r"organizations\[\d\]\.batna", errors[0]["path"])
    assert "passes consensus" in errors[0]["msg"] and "tenants-union short by" in errors[0]["msg"]
    assert at(path, errors[0]).startswith("batna")
    assert run(["lint", str(path)]) == 1
    assert "1 error(s)" in capsys.readouterr().out


def test_batna_above_best_possible_is_a_warning(tmp_path: Path) -> None:
    path = mutated(tmp_path, lambda d: org(d, "tenants-union").update(batna=101))
    messages = [f["msg"] for f in findings(path)]
    assert any(m.startswith("warning: BATNA 101 is above the 100 points") for m in messages)


def test_a_stream_that_can_fund_nothing_is_an_error(tmp_path: Path) -> None:
    def loan_for_remediation(d: dict[str, Any]) -> None:
        loan = next(s for s in d["streams"] if s["id"] == "foundation-loan")
        loan["eligible"] = ["home-remediation"]  # earns no revenue, so cannot repay a loan

    (error,) = [
        f for f in findings(mutated(tmp_path, loan_for_remediation)) if "stream" in f["path"]
    ]
    assert error["path"] == "streams[2]"
    assert "fund no project" in error["msg"] and "revenue" in error["msg"]


def test_a_grant_whose_match_cannot_be_met_is_an_error(tmp_path: Path) -> None:
    def no_match_money(d: dict[str, Any]) -> None:
        for o in d["organizations"]:
            o["assets"]["money"] = 0
        d["events"] = [e for e in d["events"] if e["id"] != "toddler-in-the-news"]

    errors = [f for f in findings(mutated(tmp_path, no_match_money)) if "match" in f["msg"]]
    assert errors and errors[0]["path"] == "streams[0].match_from"


def test_an_option_nobody_scores_is_an_error(tmp_path: Path) -> None:
    def zero(d: dict[str, Any]) -> None:
        for o in d["organizations"]:
            o["points"]["measurement"]["open-address-data"] = 0

    (error,) = [f for f in findings(mutated(tmp_path, zero)) if "scores zero" in f["msg"]]
    assert error["path"] == "issues[3].options[2]"


@pytest.mark.parametrize(
    ("trigger", "where", "words"),
    [
        ({"on": "round", "year": 1, "round": 1}, "events[0].trigger.round", "opening round"),
        ({"on": "stage", "stage": "forming"}, "events[0].trigger.stage", "starts in forming"),
        ({"on": "chance", "probability": 0.0}, "events[0].trigger.probability", "probability of 0"),
        ({"on": "trust_below", "threshold": 0.0}, "events[0].trigger.threshold", "below 0"),
    ],
)
def test_an_event_that_can_never_fire_is_an_error(
    tmp_path: Path, trigger: dict[str, Any], where: str, words: str
) -> None:
    path = mutated(tmp_path, lambda d: d["events"][0].update(trigger=trigger))
    (error,) = [f for f in findings(path) if "can never fire" in f["msg"]]
    assert error["path"] == where and words in error["msg"]


def test_a_tension_that_can_never_return_is_an_error(tmp_path: Path) -> None:
    def cold(d: dict[str, Any]) -> None:
        tension = next(t for t in d["tensions"] if t["id"] == "public-housing-first")
        tension["heat"] = 0.0
        d.setdefault("dynamics", {})["heat_growth"] = 0.0
        d["events"][0]["trigger"] = {"on": "tension_returns", "tension": "public-housing-first"}

    (error,) = [f for f in findings(mutated(tmp_path, cold)) if "can never fire" in f["msg"]]
    assert error["path"] == "events[0].trigger.tension" and "heat 0" in error["msg"]


def test_a_returning_tension_whose_parties_never_come_is_an_error(tmp_path: Path) -> None:
    def unreachable(d: dict[str, Any]) -> None:
        for party in ("tenants-union", "housing-authority"):
            org(d, party)["sends"] = dict.fromkeys(
                ("letter", "staff_call", "convener_meeting", "champion"), "nobody"
            )
        d["events"][0]["trigger"] = {"on": "tension_returns", "tension": "public-housing-first"}

    found = findings(mutated(tmp_path, unreachable))
    (error,) = [f for f in found if "can never fire" in f["msg"]]
    assert error["path"] == "events[0].trigger.tension"
    assert "ever comes to the table" in error["msg"]
    declines = [f for f in found if f["msg"].endswith("turns down every ask, so it can never join")]
    assert len(declines) == 2 and all(f["msg"].startswith("warning:") for f in declines)


def test_balance_hints_are_warnings_and_exit_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def hints(d: dict[str, Any]) -> None:
        d["interests"].append({"id": "transit", "name": "Transit", "weight": 1.0})
        project = next(p for p in d["projects"] if p["id"] == "asthma-referral")
        project["lead"] = {"organizations": ["health-system"], "staff": 50.0}

    path = mutated(tmp_path, hints)
    found = findings(path)
    paths = {f["path"]: f["msg"] for f in found}
    assert paths["interests[6]"].startswith("warning: no organization serves 'transit'")
    assert paths["projects[4].lead"].startswith("warning: no organization can lead")
    assert all(f["msg"].startswith("warning:") for f in found)
    assert run(["lint", str(path)]) == 0
    captured = capsys.readouterr()
    assert "warning(s)" in captured.out and "warning:" in captured.err


def test_an_invalid_file_exits_1_with_its_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("format = 1\n[scenario]\nid = 'x'\n", encoding="utf-8")
    assert run(["lint", str(path)]) == 1
    assert LOCATED.match(capsys.readouterr().err.splitlines()[0])
