"""The debrief (#7): opening a 10,000-action save in the viewer, seeking, writing the report.

The save is `bench.record`'s long random game. "First frame" is the moment the viewer's
screen has been composed and painted once (it records the time, just before it starts
scoring every step in the background); the app runs headless, as in the tests. A seek is
what one key press does: move the cursor, rebuild the session at the step, score it, lay
out the state pane and repaint. Quick mode uses 1,000 actions and gives no verdict.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from pathlib import Path

from bench.record import LONG, QUICK_LONG, long_save
from bench.runner import Benchmark, Figures, Outcome, Settings, Timing
from sim.debrief.debrief import Debrief
from sim.debrief.render.markdown import render_markdown
from sim.debrief.render.report import report
from sim.record.reader import load_save
from sim.tui.app import make_replay_app
from sim.tui.replay.screen import ReplayScreen

MS = 1_000_000
SIZE = (120, 40)


def _save(folder: Path, settings: Settings) -> Path:
    path = folder / "long.toml"
    path.write_bytes(long_save(QUICK_LONG if settings.quick else LONG))
    return path


async def _first_frame(path: Path) -> int:
    """Nanoseconds from opening the save to the viewer's first painted frame."""
    began = time.perf_counter()
    app = make_replay_app(Debrief.open(path, check_every_step=False))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        while not (isinstance(screen, ReplayScreen) and screen.first_frame_at is not None):
            await pilot.pause()
            screen = app.screen
        return int((screen.first_frame_at - began) * 1e9)


def open_to_first_frame(settings: Settings) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="bench-debrief-") as folder:
        path = _save(Path(folder), settings)
        repeats = settings.count(full=5, quick=1)
        for _ in range(settings.warmup):
            asyncio.run(_first_frame(path))
        samples, reads = [], []
        for _ in range(repeats):
            samples.append(asyncio.run(_first_frame(path)))
            began = time.perf_counter_ns()
            load_save(path)
            reads.append(time.perf_counter_ns() - began)
        steps = len(load_save(path).entries)
    return Figures(
        Timing(tuple(samples)),
        Timing(tuple(reads)),
        baseline_label="reading and checking the save file alone (sim.record.load_save)",
        note=f"{steps:,}-action save, viewer headless at {SIZE[0]}×{SIZE[1]}; the rest of "
        "the time is one re-simulation (with the trace) and the first layout",
        judged=steps == LONG,
    )


async def _seeks(path: Path, repeats: int) -> tuple[list[int], list[int], int]:
    app = make_replay_app(Debrief.open(path, check_every_step=False))
    rng = random.Random(3)
    seeks: list[int] = []
    idle: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        for _ in range(repeats):
            began = time.perf_counter_ns()
            await pilot.pause()
            idle.append(time.perf_counter_ns() - began)
            target = rng.randint(0, screen.debrief.steps)
            began = time.perf_counter_ns()
            screen.go(target)
            await pilot.pause()
            seeks.append(time.perf_counter_ns() - began)
        return seeks, idle, screen.debrief.steps


def seek_random_step(settings: Settings) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="bench-debrief-") as folder:
        path = _save(Path(folder), settings)
        seeks, idle, steps = asyncio.run(_seeks(path, settings.count(full=30, quick=5)))
    return Figures(
        Timing(tuple(seeks)),
        Timing(tuple(idle)),
        baseline_label="the headless app settling with nothing to do (Pilot.pause)",
        note=f"{steps:,}-action save; a seek moves the cursor, rebuilds the session from the "
        "nearest snapshot, scores it, lays out the state pane and repaints",
        judged=steps == LONG,
    )


def report_long(settings: Settings) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="bench-debrief-") as folder:
        path = _save(Path(folder), settings)
        repeats = settings.count(full=3, quick=1)
        samples = []
        size = 0
        for _ in range(repeats):
            began = time.perf_counter_ns()
            size = len(render_markdown(report(Debrief.open(path))))
            samples.append(time.perf_counter_ns() - began)
        steps = len(load_save(path).entries)
    return Figures(
        Timing(tuple(samples)),
        note=f"`sim report` of a {steps:,}-action save: replay with every hash checked, "
        f"scores at each round, key moments; {size / 1024:.0f} KB of Markdown",
        judged=False,
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark(
        "replay-open-first-frame", "< 1 s for 10,000 actions", 1000 * MS, open_to_first_frame
    ),
    Benchmark("replay-seek-random-step", "< 100 ms", 100 * MS, seek_random_step),
    Benchmark("report-10k", "report only", None, report_long),
]
