"""Loading and validating scenarios: the figures from the scenario-format issue.

The in-process benchmarks use ``tomllib.loads`` of the same bytes as their baseline, so the
ratio says how much the loader adds on top of bare TOML parsing, whatever the machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

from bench.generate import big_scenario
from bench.runner import (
    DEFAULT_ORGS,
    Benchmark,
    Figures,
    Outcome,
    Settings,
    Skipped,
    measure_pair,
)
from sim.scenario.load import load_scenario

FLAGSHIP = Path("scenarios/clean-air-compact.toml")
MS = 1_000_000


def _parse_only(path: Path) -> Callable[[], object]:
    """Read and parse the file with tomllib alone: the floor any loader stands on."""
    return lambda: tomllib.loads(path.read_bytes().decode("utf-8-sig"))


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def flagship_load(settings: Settings) -> Outcome:
    path = settings.root / FLAGSHIP
    if not path.is_file():
        return Skipped("file missing")
    scenario = load_scenario(path)  # fails loudly, before timing, if the file is invalid
    timing, baseline = measure_pair(
        lambda: load_scenario(path), _parse_only(path), settings, full=30, quick=3
    )
    return Figures(
        timing,
        baseline,
        baseline_label="read + tomllib.loads of the same file",
        note=f"{FLAGSHIP}, {_size(path)}, {len(scenario.organizations)} organizations",
    )


def generated_load(settings: Settings) -> Outcome:
    text = big_scenario(settings.orgs)
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        path = Path(folder) / f"generated-{settings.orgs}.toml"
        path.write_text(text, encoding="utf-8")
        scenario = load_scenario(path)
        if len(scenario.organizations) != settings.orgs:
            raise AssertionError(f"loaded {len(scenario.organizations)} organizations")
        timing, baseline = measure_pair(
            lambda: load_scenario(path), _parse_only(path), settings, full=7, quick=2
        )
        size = _size(path)
    judged = settings.orgs == DEFAULT_ORGS
    note = f"{settings.orgs:,} organizations, {size} (bench/generate.py, seed 0)"
    if not judged:
        note += f"; the target is for {DEFAULT_ORGS:,}, so no verdict"
    return Figures(
        timing,
        baseline,
        baseline_label="read + tomllib.loads of the same file",
        note=note,
        judged=judged,
    )


STARTUP_TARGET = 6.0  # issue 15: `sim validate` at most 6x a bare interpreter's start
# The floor under `sim validate`: the required stack at its smallest. Pydantic imported, one
# one-field model defined and used (which loads pydantic's schema machinery), and the file
# parsed by tomllib; none of the format's own models or checks.
FLOOR = (
    "import pydantic, tomllib, sys\n"
    "class One(pydantic.BaseModel):\n    format: int\n"
    "One.model_validate({'format': 1})\n"
    "tomllib.loads(open(sys.argv[1], 'rb').read().decode())"
)


def _person_env() -> dict[str, str]:
    """The environment a person's shell gives: Python writes and reuses bytecode (this
    machine's PYTHONDONTWRITEBYTECODE would make every run compile the game afresh)."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def validate_process(settings: Settings) -> Outcome:
    path = settings.root / FLAGSHIP
    if not path.is_file():
        return Skipped("file missing")
    env = _person_env()

    def run(*argv: str) -> None:
        done = subprocess.run(
            [sys.executable, *argv],
            cwd=settings.root,
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["no output"])[0]
            raise RuntimeError(f"{argv[:3]} exited {done.returncode}: {first}")

    timing, baseline = measure_pair(
        lambda: run("-m", "sim", "validate", str(FLAGSHIP)),
        lambda: run("-c", "pass"),
        settings,
        full=10,
        quick=2,
    )
    floor, _ = measure_pair(
        lambda: run("-c", FLOOR, str(FLAGSHIP)), lambda: None, settings, full=5, quick=1
    )
    floor_ratio = floor.median_ns / max(baseline.median_ns, 1)
    return Figures(
        timing,
        baseline,
        baseline_label="python -c pass",
        note=f"python -m sim validate {FLAGSHIP} as a whole process (startup included), "
        f"bytecode cached as on a person's machine; floor: pydantic with one one-field model, "
        f"and the file parsed by tomllib, takes {floor.median_ns / MS:.0f} ms "
        f"({floor_ratio:.1f}× python -c pass)",
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark("flagship-load", "< 30 ms", 30 * MS, flagship_load),
    Benchmark("generated-load", f"< 1 s at {DEFAULT_ORGS:,} orgs", 1000 * MS, generated_load),
    Benchmark(
        "validate-process",
        f"≤ {STARTUP_TARGET:g}× python -c pass",
        None,
        validate_process,
        ratio_limit=STARTUP_TARGET,
    ),
]
