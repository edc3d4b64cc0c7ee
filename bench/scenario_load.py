"""Loading and validating scenarios: the figures from the scenario-format issue.

The in-process benchmarks use ``tomllib.loads`` of the same bytes as their baseline, so the
ratio says how much the loader adds on top of bare TOML parsing, whatever the machine.
"""

from __future__ import annotations

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


def validate_process(settings: Settings) -> Outcome:
    path = settings.root / FLAGSHIP
    if not path.is_file():
        return Skipped("file missing")

    def validate() -> None:
        done = subprocess.run(
            [sys.executable, "-m", "sim", "validate", str(FLAGSHIP)],
            cwd=settings.root,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            first = (done.stderr.strip().splitlines() or ["no output"])[0]
            raise RuntimeError(f"sim validate exited {done.returncode}: {first}")

    def bare() -> None:
        subprocess.run([sys.executable, "-c", "pass"], cwd=settings.root, check=True)

    timing, baseline = measure_pair(validate, bare, settings, full=10, quick=2)
    return Figures(
        timing,
        baseline,
        baseline_label="python -c pass",
        note=f"python -m sim validate {FLAGSHIP} as a whole process (startup included)",
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark("flagship-load", "< 30 ms", 30 * MS, flagship_load),
    Benchmark("generated-load", f"< 1 s at {DEFAULT_ORGS:,} orgs", 1000 * MS, generated_load),
    Benchmark("validate-process", "report only", None, validate_process),
]
