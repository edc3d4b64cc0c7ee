"""Benchmarks for Common Table; `python -m bench` (or `make bench`) runs them all.

Speed is measured here rather than in timed tests, because a timed test fails on a busy
machine for reasons that have nothing to do with the code.
"""

# The benchmark modules the runner discovers, in the order their rows appear. Each one
# exposes BENCHMARKS: list[bench.runner.Benchmark]. Add new topics here.
MODULES: tuple[str, ...] = (
    "bench.scenario_load",
    "bench.engine",
    "bench.study",
    "bench.record",
    "bench.scoring",
    "bench.agreements",
    "bench.tui",
    "bench.debrief",
)
