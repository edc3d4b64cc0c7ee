"""The benchmark runner: measure every registered benchmark and print one table.

Machines here are noisy, so each benchmark reports medians over several repeats after
warm-up runs and, where it has one, a ratio against a baseline measured in the same run
(interleaved with it); the ratio is the figure to compare between runs and machines.
Adding a topic means writing ``bench/<topic>.py`` with a ``BENCHMARKS`` list and naming
the module in ``bench.MODULES``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import gc
import importlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import bench
from sim.scenario.models import MAX_ORGANIZATIONS

ROOT = Path(__file__).resolve().parents[1]
# The generated scenario is as big as a valid one gets: the format's organization limit.
DEFAULT_ORGS = MAX_ORGANIZATIONS


# --------------------------------------------------------------------------- definitions


@dataclass(frozen=True)
class Settings:
    """How hard to measure; every benchmark reads its repeat counts from here."""

    quick: bool = False
    repeats: int | None = None  # from --repeats: overrides every benchmark's own count
    orgs: int = DEFAULT_ORGS
    root: Path = ROOT

    def count(self, full: int, quick: int) -> int:
        """The number of timed repeats: the benchmark's full or quick count, or --repeats."""
        if self.repeats is not None:
            return self.repeats
        return quick if self.quick else full

    @property
    def warmup(self) -> int:
        """Untimed runs first, so imports, caches and the allocator are settled."""
        return 1 if self.quick or self.repeats is not None else 2


@dataclass(frozen=True)
class Timing:
    """Wall-clock samples of one measured thing, in nanoseconds."""

    samples_ns: tuple[int, ...]

    @property
    def median_ns(self) -> int:
        ordered = sorted(self.samples_ns)
        mid = len(ordered) // 2
        if len(ordered) % 2:
            return ordered[mid]
        return (ordered[mid - 1] + ordered[mid]) // 2

    @property
    def p90_ns(self) -> int:
        """The 90th percentile by nearest rank (the maximum when there are few samples)."""
        ordered = sorted(self.samples_ns)
        rank = max(1, -(-9 * len(ordered) // 10))  # ceil(0.9 * n)
        return ordered[rank - 1]


@dataclass(frozen=True)
class Check:
    """A further target a benchmark judges itself, such as peak memory."""

    label: str  # what was measured against what, e.g. "peak 0.31 GB < 1 GB"
    met: bool


@dataclass(frozen=True)
class Figures:
    """What one benchmark measured; the runner turns it into a table row."""

    timing: Timing
    baseline: Timing | None = None
    baseline_label: str = ""  # what the baseline is, e.g. "tomllib.loads of the same text"
    note: str = ""  # one line under the table: sizes, what the ratio means
    judged: bool = True  # False: the target does not apply to this run; verdict "info"
    checks: tuple[Check, ...] = ()  # targets besides time; a row meets only if all are met


@dataclass(frozen=True)
class Skipped:
    """A benchmark that cannot run here, e.g. because its input file does not exist yet."""

    reason: str


Outcome = Figures | Skipped


@dataclass(frozen=True)
class Benchmark:
    """A named measurement with its target; `limit_ns` is None for report-only benchmarks."""

    name: str
    target: str
    limit_ns: int | None
    run: Callable[[Settings], Outcome]
    ratio_limit: float | None = None  # a target on the ratio to the baseline instead


@dataclass(frozen=True)
class Row:
    """One finished benchmark: its definition, what it measured, and the verdict."""

    benchmark: Benchmark
    outcome: Outcome | None = None
    error: str = ""
    seconds: float = 0.0

    @property
    def ratio(self) -> float | None:
        o = self.outcome
        if isinstance(o, Figures) and o.baseline is not None and o.baseline.median_ns > 0:
            return o.timing.median_ns / o.baseline.median_ns
        return None

    @property
    def verdict(self) -> str:
        o = self.outcome
        if self.error:
            return f"error: {self.error}"
        if isinstance(o, Skipped):
            return f"skipped: {o.reason}"
        if not isinstance(o, Figures) or not o.judged:
            return "info"
        ratio_limit = self.benchmark.ratio_limit
        if ratio_limit is not None and self.ratio:
            timed = "meets" if self.ratio <= ratio_limit else "misses"
        elif self.benchmark.limit_ns is not None:
            timed = "meets" if o.timing.median_ns < self.benchmark.limit_ns else "misses"
        else:
            timed = "meets" if o.checks else "info"
        missed = [c.label for c in o.checks if not c.met]
        return f"misses ({'; '.join(missed)})" if missed else timed


# --------------------------------------------------------------------------- measuring


def measure(fn: Callable[[], object], settings: Settings, full: int, quick: int) -> Timing:
    """Time fn with perf_counter_ns after warm-up runs; GC is collected between samples."""
    for _ in range(settings.warmup):
        fn()
    samples: list[int] = []
    for _ in range(settings.count(full, quick)):
        gc.collect()
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return Timing(tuple(samples))


def measure_pair(
    subject: Callable[[], object],
    baseline: Callable[[], object],
    settings: Settings,
    full: int,
    quick: int,
) -> tuple[Timing, Timing]:
    """Time subject and baseline alternately, so a noisy spell hits both and the ratio holds."""
    for _ in range(settings.warmup):
        baseline()
        subject()
    subject_ns: list[int] = []
    baseline_ns: list[int] = []
    for _ in range(settings.count(full, quick)):
        for fn, samples in ((baseline, baseline_ns), (subject, subject_ns)):
            gc.collect()
            start = time.perf_counter_ns()
            fn()
            samples.append(time.perf_counter_ns() - start)
    return Timing(tuple(subject_ns)), Timing(tuple(baseline_ns))


# --------------------------------------------------------------------------- discovery


def discover(modules: Sequence[str] = bench.MODULES) -> list[Benchmark]:
    """Every benchmark of the registered modules, in registry order; names must be unique."""
    found: list[Benchmark] = []
    for module_name in modules:
        module = importlib.import_module(module_name)
        found.extend(module.BENCHMARKS)
    names = [b.name for b in found]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise ValueError(f"duplicate benchmark names: {', '.join(duplicates)}")
    return found


def select(benchmarks: Sequence[Benchmark], patterns: Sequence[str]) -> list[Benchmark]:
    """The benchmarks matching any pattern (exact names or shell globs); all when none."""
    if not patterns:
        return list(benchmarks)
    return [b for b in benchmarks if any(fnmatch.fnmatchcase(b.name, p) for p in patterns)]


# --------------------------------------------------------------------------- reporting


def machine() -> dict[str, Any]:
    """The facts that make numbers from two runs comparable, or not."""
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "cpus": os.cpu_count(),
        "platform": f"{platform.system()} {platform.machine()}",
    }


def format_ns(ns: int) -> str:
    """A duration with three significant digits in the unit that suits it."""
    for unit, scale in (("s", 1_000_000_000), ("ms", 1_000_000), ("µs", 1_000)):
        if ns >= scale:
            value = ns / scale
            return f"{value:.3g} {unit}" if value < 100 else f"{value:.0f} {unit}"
    return f"{ns} ns"


def header_line(facts: dict[str, Any]) -> str:
    return (
        f"Common Table benchmarks · {facts['date']} · {facts['implementation']} "
        f"{facts['python']} · {facts['cpus']} CPUs · {facts['platform']}"
    )


COLUMNS = ("benchmark", "median", "p90", "target", "ratio vs baseline", "verdict")


def table(rows: Sequence[Row], facts: dict[str, Any]) -> str:
    """The report: a header line, one table row per benchmark, then its notes."""
    cells: list[tuple[str, ...]] = []
    for row in rows:
        o = row.outcome
        median = p90 = "—"
        if isinstance(o, Figures):
            median, p90 = format_ns(o.timing.median_ns), format_ns(o.timing.p90_ns)
        ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
        cells.append((row.benchmark.name, median, p90, row.benchmark.target, ratio, row.verdict))
    widths = [max(len(c[i]) for c in (COLUMNS, *cells)) for i in range(len(COLUMNS))]

    def line(values: Sequence[str]) -> str:
        return " | ".join(v.ljust(w) for v, w in zip(values, widths, strict=True)).rstrip()

    out = [header_line(facts), "", line(COLUMNS), "-+-".join("-" * w for w in widths)]
    out += [line(c) for c in cells]
    notes = []
    for row in rows:
        o = row.outcome
        if not isinstance(o, Figures):
            continue
        parts = [o.note] if o.note else []
        parts += [c.label for c in o.checks]
        if o.baseline is not None:
            parts.append(f"baseline: {o.baseline_label}, median {format_ns(o.baseline.median_ns)}")
        parts.append(f"{len(o.timing.samples_ns)} repeats")
        notes.append(f"  {row.benchmark.name}: " + "; ".join(parts))
    if notes:
        out += ["", "Notes:", *notes]
    return "\n".join(out) + "\n"


def as_json(rows: Sequence[Row], facts: dict[str, Any], settings: Settings) -> str:
    results: list[dict[str, Any]] = []
    for row in rows:
        o = row.outcome
        entry: dict[str, Any] = {
            "name": row.benchmark.name,
            "target": row.benchmark.target,
            "limit_ns": row.benchmark.limit_ns,
            "verdict": row.verdict,
            "median_ns": None,
            "p90_ns": None,
            "samples_ns": [],
            "baseline": None,
            "baseline_median_ns": None,
            "ratio": row.ratio,
            "note": "",
            "checks": [],
        }
        if isinstance(o, Figures):
            entry.update(
                median_ns=o.timing.median_ns,
                p90_ns=o.timing.p90_ns,
                samples_ns=list(o.timing.samples_ns),
                note=o.note,
                checks=[{"label": c.label, "met": c.met} for c in o.checks],
            )
            if o.baseline is not None:
                entry.update(baseline=o.baseline_label, baseline_median_ns=o.baseline.median_ns)
        results.append(entry)
    settings_json = {"quick": settings.quick, "repeats": settings.repeats, "orgs": settings.orgs}
    document = {"machine": facts, "settings": settings_json, "results": results}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --------------------------------------------------------------------------- running


def run_all(benchmarks: Sequence[Benchmark], settings: Settings, progress: TextIO) -> list[Row]:
    """Run each benchmark in turn; one that raises becomes an error row, not a crash."""
    rows: list[Row] = []
    for n, benchmark in enumerate(benchmarks, start=1):
        progress.write(f"[{n}/{len(benchmarks)}] {benchmark.name} … ")
        progress.flush()
        start = time.perf_counter()
        outcome: Outcome | None = None
        error = ""
        try:
            outcome = benchmark.run(settings)
        except Exception as exc:  # a broken benchmark must not hide the others' results
            lines = str(exc).splitlines()
            error = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
        row = Row(benchmark, outcome, error, time.perf_counter() - start)
        rows.append(row)
        progress.write(f"{row.verdict} ({row.seconds:.1f} s)\n")
        progress.flush()
    return rows


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=(
            "Run Common Table's benchmarks and print one table: median, p90, target, "
            "ratio against a baseline measured in the same run, and a verdict. Exits 0 "
            "even when a target is missed; 1 when a benchmark failed to run; 2 on usage errors."
        ),
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only these benchmarks (repeatable or comma-separated; globs allowed)",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for tests)")
    parser.add_argument(
        "--repeats", type=_positive, metavar="N", help="timed repeats for every benchmark"
    )
    parser.add_argument(
        "--orgs",
        type=_positive,
        default=DEFAULT_ORGS,
        metavar="N",
        help=f"organizations in the generated scenario (default {DEFAULT_ORGS})",
    )
    return parser


def main(
    argv: Sequence[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line; return the exit code."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error (or --help)
        return exc.code if isinstance(exc.code, int) else 2
    benchmarks = discover()
    patterns = [p.strip() for item in args.only for p in item.split(",") if p.strip()]
    chosen = select(benchmarks, patterns)
    unmatched = [p for p in patterns if not select(benchmarks, [p])]
    if unmatched:
        known = ", ".join(b.name for b in benchmarks)
        err.write(f"python -m bench: no benchmark named {', '.join(unmatched)} (known: {known})\n")
        return 2
    if args.list:
        for b in chosen:
            out.write(f"{b.name}\t{b.target}\n")
        return 0
    if not 4 <= args.orgs <= MAX_ORGANIZATIONS:
        err.write(f"python -m bench: --orgs must be from 4 to {MAX_ORGANIZATIONS}\n")
        return 2
    settings = Settings(quick=args.quick, repeats=args.repeats, orgs=args.orgs)
    facts = machine()
    err.write(header_line(facts) + "\n")
    rows = run_all(chosen, settings, err)
    out.write(as_json(rows, facts, settings) if args.json else table(rows, facts))
    out.flush()
    return 1 if any(row.error for row in rows) else 0


__all__ = [
    "Benchmark",
    "Check",
    "Figures",
    "Outcome",
    "Settings",
    "Skipped",
    "Timing",
    "main",
    "measure",
    "measure_pair",
]
