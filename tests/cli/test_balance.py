"""`sim balance` end to end through `sim.cli.main`: its JSON, its words, its errors.

A handful of Healthy Homes games per policy keeps these fast; the figures' own rules are
tested in tests/study/test_balance.py.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import pytest

from sim.cli import main
from sim.cli.balance_view import Bar
from sim.study.lessons import LESSONS
from tests.conftest import SCENARIOS

HOMES = str(SCENARIOS / "healthy-homes.toml")
RUNS = "4"
LESSON_KEYS = {"id", "contrast", "metric", "n", "mean_diff", "ci", "d", "emerges"}
ANSI = re.compile(r"\x1b\[")


def played(*args: str) -> dict[str, object]:
    """`sim balance HOMES --runs RUNS --json --lessons ARGS` as parsed JSON."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["balance", HOMES, "--runs", RUNS, "--json", "--lessons", *args])
    assert code == 0
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def one_job() -> dict[str, object]:
    # Played once for the tests that read it: it is the slowest part of this file.
    return played("--jobs", "1")


def test_json_has_every_policy_and_lesson(one_job: dict[str, object]) -> None:
    data = one_job
    assert {"scenario", "runs", "jobs", "policies", "warnings", "lessons"} <= set(data)
    assert data["scenario"] == "Healthy Homes Lakeshore"
    assert data["runs"] == 4
    policies = data["policies"]
    assert isinstance(policies, dict)
    assert list(policies) == ["full", "skip"]
    for summary in policies.values():
        assert summary["games"] == 4
        assert {"mean", "p10", "p90"} <= set(summary["cumulative"])
        assert {"mean", "p10", "p90"} <= set(summary["final"])
        assert "total" in summary["dimensions"]
        assert summary["stages"]["forming"] == {"share": 1.0, "mean_round": 1.0}
    lessons = data["lessons"]
    assert isinstance(lessons, list)
    assert [lesson["id"] for lesson in lessons] == [lesson.id for lesson in LESSONS]
    for lesson in lessons:
        assert set(lesson) >= LESSON_KEYS
    applied = [lesson for lesson in lessons if lesson["applies"]]
    assert applied, "no lesson applies to Healthy Homes"
    for lesson in applied:
        assert lesson["n"] == 4
        low, high = lesson["ci"]
        assert low <= lesson["mean_diff"] <= high
    group = next(lesson for lesson in lessons if lesson["id"] == "group-size")
    assert group["applies"] is False and group["why_not"]


def test_two_jobs_give_the_same_figures_as_one(one_job: dict[str, object]) -> None:
    two = played("--jobs", "2")
    assert two.pop("jobs") == 2
    one = dict(one_job)
    assert one.pop("jobs") == 1
    assert two == one


def test_policies_and_lessons_can_be_chosen(capsys: pytest.CaptureFixture[str]) -> None:
    chosen = ["--policy", "greedy", "--policy", "full,greedy", "--lesson", "measurement"]
    code = main(["balance", HOMES, "--runs", "2", "--jobs", "1", "--json", "--no-score", *chosen])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["policies"]) == ["greedy", "full"]
    assert data["policies"]["full"]["dimensions"] == {}
    assert [lesson["id"] for lesson in data["lessons"]] == ["measurement"]
    assert data["seeds"] == [1, 2]


def test_the_human_output_uses_names_and_no_colour(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["balance", HOMES, "--runs", "2", "--jobs", "1", "--lesson", "group-size"])
    assert code == 0
    out = capsys.readouterr()
    assert out.err == ""
    text = out.out
    assert not ANSI.search(text)
    assert "Healthy Homes Lakeshore: 2 games per policy" in text
    assert "full (every stage, with care) · 2 games" in text
    assert "skip (forming straight to performing) · 2 games" in text
    assert "full: result over the game" in text  # a histogram's title
    assert "Lead-certified contractors are scarce" in text  # events by title
    assert "Warnings (" in text or "No warnings." in text
    assert "does not apply here:" in text
    assert "contractor-shortage" not in text  # never an id


def test_the_progress_bar_survives_having_no_terminal() -> None:
    with Bar(enabled=True) as bar:
        tick = bar.phase("Playing", 2)
        tick(1)
        tick(2, 2)


@pytest.mark.parametrize(
    ("args", "code", "line"),
    [
        (["--runs", "0"], 2, "sim: --runs must be at least 1 (got 0)"),
        (["--jobs", "0"], 2, "sim: --jobs must be at least 1 (got 0)"),
        (["--lesson", "bogus"], 2, "sim: unknown lesson 'bogus' (known: form-perform, "),
        (["--policy", "lazy"], 2, "sim: unknown policy 'lazy' (known: full, skip, "),
    ],
)
def test_bad_options_get_one_line_and_a_usage_code(
    capsys: pytest.CaptureFixture[str], args: list[str], code: int, line: str
) -> None:
    assert main(["balance", HOMES, *args]) == code
    out = capsys.readouterr()
    assert out.out == ""
    [said] = out.err.splitlines()
    assert said.startswith(line)


def test_a_missing_scenario_is_one_located_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["balance", "nowhere.toml", "--runs", "1"]) == 1
    assert capsys.readouterr().err == "nowhere.toml:1:1: (file): no such file\n"


def test_a_broken_scenario_prints_its_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\n[scenario]\ntitle = "x"\n', encoding="utf-8")
    assert main(["balance", str(broken), "--runs", "1"]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines
    assert all(re.match(rf"{re.escape(str(broken))}:\d+:\d+: ", line) for line in lines)


def test_help_teaches_what_emerges_means(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["balance", "--help"])
    assert done.value.code == 0
    text = capsys.readouterr().out
    assert '"emerges"' in text and "|d| (Cohen's d) is at least 0.3" in text
    assert "sim balance scenarios/clean-air-compact.toml" in text
