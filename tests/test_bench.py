"""The benchmark runner's shape and the generated scenarios' validity; never its timings.

Timings belong in `make bench`, where a slow machine shows up as a number rather than a
failed test, so nothing here asserts how long anything took.
"""

from __future__ import annotations

import io
import json
import platform
import tomllib
from pathlib import Path

import pytest

from bench import MODULES
from bench.generate import big_scenario, big_scenario_data
from bench.runner import (
    COLUMNS,
    Benchmark,
    Check,
    Figures,
    Row,
    Settings,
    Skipped,
    Timing,
    discover,
    main,
)
from bench.scenario_load import FLAGSHIP, flagship_load
from sim.scenario.load import parse_scenario
from sim.scenario.models import MAX_ORGANIZATIONS
from sim.scenario.starter import starter_text

QUICK_SMALL = ["--quick", "--only", "generated-load", "--orgs", "50"]


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_every_registered_module_exposes_benchmarks() -> None:
    benchmarks = discover()
    assert MODULES and all(isinstance(b, Benchmark) for b in benchmarks)
    names = {b.name for b in benchmarks}
    assert {"flagship-load", "generated-load", "validate-process"} <= names


def test_table_has_a_header_one_row_and_a_verdict() -> None:
    code, out, err = run(QUICK_SMALL)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Common Table benchmarks")
    assert platform.python_version() in lines[0] and "CPUs" in lines[0]
    head = next(line for line in lines if line.startswith("benchmark"))
    assert [cell.strip() for cell in head.split("|")] == list(COLUMNS)
    rows = [line for line in lines if line.startswith("generated-load ")]
    assert len(rows) == 1
    cells = [cell.strip() for cell in rows[0].split("|")]
    assert len(cells) == len(COLUMNS)
    assert cells[-1] == "info"  # the 1 s target is for 2,000 organizations, not 50
    assert cells[4].endswith("×")
    assert "flagship-load" not in out
    # Progress goes to stderr, one line per benchmark as it starts.
    assert "[1/1] generated-load" in err


def test_json_has_the_figures() -> None:
    code, out, _ = run([*QUICK_SMALL, "--json"])
    assert code == 0
    document = json.loads(out)
    assert set(document) == {"machine", "settings", "results"}
    assert {"python", "cpus", "date"} <= set(document["machine"])
    assert document["settings"]["orgs"] == 50
    (result,) = document["results"]
    assert result["name"] == "generated-load"
    assert result["verdict"] == "info"
    assert isinstance(result["median_ns"], int) and result["median_ns"] > 0
    assert result["p90_ns"] >= result["median_ns"]
    assert len(result["samples_ns"]) == 2
    assert isinstance(result["ratio"], float) and result["ratio"] > 0
    assert result["baseline_median_ns"] > 0


@pytest.mark.parametrize(
    "argv",
    [
        ["--only", "no-such-benchmark"],
        ["--repeats", "0"],
        ["--orgs", "3"],
        ["--orgs", "201"],
        ["--bogus"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(argv)
    assert code == 2
    assert out == ""
    assert err or capsys.readouterr().err  # argparse writes to sys.stderr itself


def test_only_accepts_globs_and_lists() -> None:
    code, out, _ = run(["--list", "--only", "flagship-*,validate-process"])
    assert code == 0
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "flagship-load",
        "validate-process",
    ]


def test_flagship_is_skipped_when_missing_and_measured_when_present(tmp_path: Path) -> None:
    settings = Settings(quick=True, root=tmp_path)
    assert flagship_load(settings) == Skipped("file missing")
    (tmp_path / FLAGSHIP).parent.mkdir()
    (tmp_path / FLAGSHIP).write_text(starter_text("demo", "Demo", "demo.toml"), encoding="utf-8")
    figures = flagship_load(settings)
    assert isinstance(figures, Figures) and figures.baseline is not None
    assert len(figures.timing.samples_ns) == 3


def test_timing_statistics() -> None:
    timing = Timing((5, 1, 4, 2, 3, 10, 6, 7, 8, 9))
    assert timing.median_ns == 5
    assert timing.p90_ns == 9
    assert Timing((7,)).p90_ns == 7


@pytest.mark.parametrize("n_orgs", [50, MAX_ORGANIZATIONS])
def test_generated_scenarios_validate(n_orgs: int) -> None:
    text = big_scenario(n_orgs)
    scenario = parse_scenario(text, f"generated-{n_orgs}.toml")
    assert len(scenario.organizations) == n_orgs
    assert len(scenario.issues) == 7 and all(len(i.options) == 4 for i in scenario.issues)
    assert len(scenario.tensions) == 20
    assert len(scenario.projects) == 10
    assert len(scenario.events) == 8
    options = {i.id: {o.id for o in i.options} for i in scenario.issues}
    for org in scenario.organizations:
        assert {k: set(v) for k, v in org.points.items()} == options
        assert 2 <= len(org.history) <= 3
        assert org.brief.count(". ") == 1 and org.brief.endswith(".")


def test_generated_text_is_author_style_and_deterministic() -> None:
    text = big_scenario(50)
    assert text == big_scenario(50)
    assert text != big_scenario(50, seed=1)
    assert tomllib.loads(text) == big_scenario_data(50)
    assert text.count("[[organizations]]") == 50
    assert "\npoints = { governance = {" in text  # inline tables, as authors write them
    assert "[organizations.points" not in text


def test_a_missed_check_makes_the_row_miss() -> None:
    """A row judged on time and, say, peak memory meets only when both are met."""
    timing = Timing((1, 2, 3))
    on_time = Benchmark("demo", "< 1 s", 10, lambda _: Skipped("unused"))
    good = Figures(timing, checks=(Check("peak 0.2 GB < 1 GB", True),))
    bad = Figures(timing, checks=(Check("peak 1.4 GB ≥ 1 GB", False),))
    assert Row(on_time, good).verdict == "meets"
    assert Row(on_time, bad).verdict == "misses (peak 1.4 GB ≥ 1 GB)"
    report_only = Benchmark("demo", "report only", None, lambda _: Skipped("unused"))
    assert Row(report_only, good).verdict == "meets"
    assert Row(report_only, Figures(timing)).verdict == "info"
    assert Row(on_time, Figures(timing, judged=False, checks=bad.checks)).verdict == "info"
