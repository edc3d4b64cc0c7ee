"""Machine-readable output stays machine-readable: the stdout of a --json command is exactly
one JSON document on every seed, even when a C library (HiGHS) writes to file descriptor 1.

On main, flagship seeds 106, 110 and 136 printed
"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();" before the JSON.
"""

from __future__ import annotations

import ctypes
import json
from collections.abc import Iterator
from typing import Any

import pytest

import sim.cli.analyze
import sim.cli.autoplay
import sim.scoring.optimizer
from sim.cli import main
from sim.scoring.quiet import stdout_silenced
from tests.scoring.conftest import needs_flagship, scenario

HIGHS_LINE = b"HighsMipSolverData::transformNewIntegerFeasibleSolution tmpSolver.run();\n"
LIBC = ctypes.CDLL(None)
POLICIES = ("full", "skip", "random", "greedy")


def _c_prints(text: bytes) -> None:
    """What HiGHS does: C stdio to file descriptor 1, then a flush."""
    LIBC.printf(text.replace(b"%", b"%%"))
    LIBC.fflush(None)


@pytest.fixture
def noisy_solver(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """Every MILP solve prints HiGHS's debug line to fd 1 first, as it does on some inputs."""
    solves: list[int] = []
    real = sim.scoring.optimizer.milp

    def milp(*args: Any, **kwargs: Any) -> Any:
        solves.append(1)
        _c_prints(HIGHS_LINE)
        return real(*args, **kwargs)

    monkeypatch.setattr(sim.scoring.optimizer, "milp", milp)
    yield solves


def _one_json_document(out: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(out)  # raises on any stray text around the document
    return data


def test_c_output_during_a_solve_never_reaches_stdout(capfd: pytest.CaptureFixture[str]) -> None:
    print("before", flush=True)
    with stdout_silenced():
        LIBC.printf(b"buffered, never flushed by the library\n")  # left in C's buffer
        _c_prints(b"flushed by the library\n")
    print("after", flush=True)
    LIBC.fflush(None)
    assert capfd.readouterr().out == "before\nafter\n"


@pytest.mark.parametrize("name", ["workforce-pathways", "healthy-homes"])
def test_autoplay_json_is_one_document_on_every_seed(
    name: str,
    noisy_solver: list[int],
    capfd: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loaded = scenario(name)
    monkeypatch.setattr(sim.cli.autoplay, "load_or_report", lambda path: loaded)
    for seed in range(100, 300):  # 200 seeds a scenario, every policy
        policy = POLICIES[seed % len(POLICIES)]
        args = ["autoplay", name, "--seed", str(seed), "--policy", policy, "--json"]
        assert main(args) == 0
        out = capfd.readouterr().out
        assert _one_json_document(out)["seed"] == seed, out[:200]
    assert noisy_solver, "the scorecard never solved its optimum: nothing was tested"


def test_analyze_json_is_one_document(
    noisy_solver: list[int], capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("workforce-pathways", "healthy-homes"):
        loaded = scenario(name)
        monkeypatch.setattr(sim.cli.analyze, "load_or_report", lambda path, s=loaded: s)
        assert main(["analyze", name, "--json"]) == 0
        assert _one_json_document(capfd.readouterr().out)
    assert noisy_solver


@needs_flagship
@pytest.mark.parametrize("seed", [106, 136])
def test_the_flagship_seeds_that_printed_highs_text(
    seed: int, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = scenario("clean-air-compact")
    monkeypatch.setattr(sim.cli.autoplay, "load_or_report", lambda path: loaded)
    assert main(["autoplay", "flagship", "--seed", str(seed), "--json"]) == 0
    out = capfd.readouterr().out
    assert "Highs" not in out
    assert _one_json_document(out)["seed"] == seed
