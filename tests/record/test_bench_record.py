"""The saves benchmarks run and build real saves; their timings belong to `make bench`."""

from __future__ import annotations

import io
import json

import pytest

from bench import MODULES
from bench import record as bench_record
from bench.runner import discover, main
from sim.record.reader import parse_save
from sim.record.simulate import verify


def test_registered() -> None:
    assert "bench.record" in MODULES
    names = {b.name for b in discover()}
    assert {"autosave-per-action", "verify-10k", "seek-random-step"} <= names


def test_long_saves_are_real_games() -> None:
    save = parse_save(bench_record.long_save(300))
    assert len(save.entries) == 300
    assert len({e.action.kind for e in save.entries}) >= 5  # a mix, not one action repeated
    assert verify(save).state_hash() == save.entries[-1].hash


def test_the_benchmarks_run_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench_record, "QUICK_LONG", 150)
    monkeypatch.setattr(bench_record, "NEAR", 20)
    monkeypatch.setattr(bench_record, "FAR", 60)
    monkeypatch.setattr(bench_record, "WINDOW", 5)
    out = io.StringIO()
    only = "autosave-per-action,verify-10k,seek-random-step"
    code = main(["--quick", "--json", "--only", only], stdout=out, stderr=io.StringIO())
    assert code == 0
    results = {r["name"]: r for r in json.loads(out.getvalue())["results"]}
    assert results["autosave-per-action"]["verdict"] in ("meets", "misses")
    assert results["verify-10k"]["verdict"] == "info"  # 150 actions: no verdict on 10,000
    assert all(r["median_ns"] > 0 and r["baseline_median_ns"] > 0 for r in results.values())
