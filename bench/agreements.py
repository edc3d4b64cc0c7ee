"""Agreement analysis at scale (#15): a million packages × 48 members under every rule.

The instance is ten issues of four options (4¹⁰ = 1,048,576 packages) with points and
BATNAs drawn as `bench/generate.py` draws them. Each sample builds the space and runs
the whole analysis (passing, welfare, Nash, max-min, blocking coalitions up to 3; the
frontier is skipped at this size, as `sim analyze` skips it) under one rule. The row's
time is the slowest rule's; the note gives every rule's median. Peak memory is each
rule's run in a fresh process (its maximum resident set, interpreter included). The
baseline is a fixed amount of NumPy work on the same data: writing the int64 points
table once, as the analysis's first step used to. Quick mode (for tests) uses 4⁷
packages and gives no verdict.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from math import prod
from statistics import median

import numpy as np

from bench.runner import Benchmark, Check, Figures, Outcome, Settings, Timing
from sim.engine.voting import EXECUTIVE_SIZE
from sim.scoring.agreements import analyze_space
from sim.scoring.rules import RULES, RuleName, Voting, vote_weight
from sim.scoring.space import space_from_tables

MEMBERS = 48
OPTIONS = 4
ISSUES, QUICK_ISSUES = 10, 7
MAX_POINTS = 30  # per option, as the generator draws them
BATNA_SHARE = (0.3, 0.6)  # a BATNA is this share of the member's best total
MAX_MONEY, MAX_INFLUENCE = 2_000_000, 5
SUPERMAJORITY = 2 / 3
SECONDS_LIMIT = 2.0
MEMORY_LIMIT = 1024**3  # bytes
MS = 1_000_000
SEED = 0


def instance(issues: int) -> tuple[list[np.ndarray], np.ndarray, dict[str, Voting]]:
    """The points tables, the BATNAs and every rule's voting model (deterministic)."""
    rng = np.random.default_rng(SEED)
    tables = [rng.integers(0, MAX_POINTS + 1, size=(OPTIONS, MEMBERS)) for _ in range(issues)]
    best = sum(t.max(axis=0) for t in tables)
    batna = (best * rng.uniform(*BATNA_SHARE, size=MEMBERS)).astype(np.int64)
    money = rng.integers(0, MAX_MONEY + 1, size=MEMBERS)
    influence = rng.integers(0, MAX_INFLUENCE + 1, size=MEMBERS)
    weights = np.array(
        [vote_weight(float(m), int(i)) for m, i in zip(money, influence, strict=True)]
    )
    ranked = np.lexsort((-money, -influence))  # the engine's committee: most influence first
    committee = np.zeros(MEMBERS, dtype=bool)
    committee[ranked[:EXECUTIVE_SIZE]] = True
    votings = {
        rule: Voting(
            rule=rule,  # type: ignore[arg-type]
            threshold=SUPERMAJORITY if rule == "supermajority" else 0.5,
            veto=np.zeros(MEMBERS, dtype=bool),
            weights=weights.astype(np.int64),
            committee=committee,
        )
        for rule in RULES
    }
    return tables, batna, votings


def analyze(tables: list[np.ndarray], batna: np.ndarray, voting: Voting) -> object:
    space = space_from_tables(tables, batna)
    return analyze_space(space, voting, max_coalition=3)


def child() -> None:
    """In a fresh process: one rule's analysis, then its time and peak memory as JSON."""
    issues, rule = int(sys.argv[1]), sys.argv[2]
    tables, batna, votings = instance(issues)
    began = time.perf_counter()
    analyze(tables, batna, votings[rule])
    seconds = time.perf_counter() - began
    print(json.dumps({"seconds": seconds, "peak": peak_bytes()}))


def peak_bytes() -> int:
    """This process's peak resident memory.

    VmHWM belongs to the address space exec made, while ru_maxrss also counts the
    parent's pages the fork shared for a moment before exec (both are Linux's).
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kilobytes on Linux


def _peak(settings: Settings, issues: int, rule: RuleName) -> int:
    done = subprocess.run(
        [sys.executable, "-c", "from bench.agreements import child; child()", str(issues), rule],
        cwd=settings.root,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(json.loads(done.stdout)["peak"])


def _int64_table(tables: list[np.ndarray]) -> np.ndarray:
    acc = np.zeros((1, MEMBERS), dtype=np.int64)
    for t in tables:
        acc = (acc[:, None, :] + t[None, :, :].astype(np.int64)).reshape(-1, MEMBERS)
    return acc


def at_scale(settings: Settings) -> Outcome:
    issues = QUICK_ISSUES if settings.quick else ISSUES
    tables, batna, votings = instance(issues)
    repeats = settings.count(full=5, quick=1)
    samples: dict[str, list[int]] = {rule: [] for rule in votings}
    baseline: list[int] = []
    for _ in range(settings.warmup):
        _int64_table(tables)
        analyze(tables, batna, votings["majority"])
    for _ in range(repeats):  # rules and baseline interleaved, so a noisy spell hits all
        began = time.perf_counter_ns()
        _int64_table(tables)
        baseline.append(time.perf_counter_ns() - began)
        for rule, voting in votings.items():
            began = time.perf_counter_ns()
            analyze(tables, batna, voting)
            samples[rule].append(time.perf_counter_ns() - began)
    slowest = max(samples, key=lambda r: median(samples[r]))
    peaks = {rule: _peak(settings, issues, rule) for rule in votings}  # type: ignore[arg-type]
    worst = max(peaks, key=peaks.__getitem__)
    judged = issues == ISSUES
    checks = (
        Check(
            f"peak memory {peaks[worst] / 1024**3:.2f} GB ({worst}) "
            f"{'<' if peaks[worst] < MEMORY_LIMIT else '≥'} {MEMORY_LIMIT / 1024**3:.0f} GB",
            peaks[worst] < MEMORY_LIMIT,
        ),
    )
    per_rule = ", ".join(f"{rule} {median(samples[rule]) / MS:,.0f} ms" for rule in votings)
    return Figures(
        Timing(tuple(samples[slowest])),
        Timing(tuple(baseline)),
        baseline_label="writing the same int64 points table once",
        note=(
            f"{prod(t.shape[0] for t in tables):,} packages × {MEMBERS} members, slowest "
            f"rule {slowest}; every rule: {per_rule}"
        ),
        judged=judged,
        checks=checks if judged else (),
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        "scoring-agreements-1m",
        f"< {SECONDS_LIMIT:.0f} s and < 1 GB, every rule",
        int(SECONDS_LIMIT * 1000) * MS,
        at_scale,
    ),
]
