"""The debrief (#7): opening a 10,000-action save in the viewer, seeking, writing the report.

The save is `bench.record`'s long random game. "First frame" is the moment `sim replay`'s
opening screen has been painted once, from the header and an entry count; "ready" is the
viewer's own first frame on the replayed save (it records the time, just before it starts
scoring every step in the background), against `sim verify` of the same save; the app runs
headless, as in the tests. A seek is
what one key press does: move the cursor, rebuild the session at the step, score it, lay
out the state pane and repaint. Quick mode uses 1,000 actions and gives no verdict.
"""

from __future__ import annotations

import asyncio
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from bench.record import LONG, QUICK_LONG, long_save
from bench.runner import Benchmark, Figures, Outcome, Settings, Timing
from bench.tui import Frames
from sim.debrief.debrief import Debrief
from sim.debrief.render.markdown import render_markdown
from sim.debrief.render.report import report
from sim.record.reader import glance, load_save
from sim.record.simulate import verify
from sim.tui.app import make_replay_app, open_replay_app
from sim.tui.replay.opening import Opening, OpeningScreen
from sim.tui.replay.screen import ReplayScreen

MS = 1_000_000
SIZE = (120, 40)
READY_RATIO = 1.0  # the viewer is ready on a save within the time `sim verify` takes on it


def _save(folder: Path, settings: Settings) -> Path:
    path = folder / "long.toml"
    path.write_bytes(long_save(QUICK_LONG if settings.quick else LONG))
    return path


async def _opening(path: Path) -> tuple[int, int]:
    """Nanoseconds from `sim replay`'s glance at the save to the viewer's first painted
    frame, and to the viewer ready on the replayed save (read, checked, re-simulated)."""
    began = time.perf_counter()
    app = open_replay_app(Opening(path, glance(path)))
    async with app.run_test(size=SIZE) as pilot:
        first: float | None = None
        while True:
            screen = app.screen
            if first is None and isinstance(screen, OpeningScreen):
                first = screen.first_frame_at
            if isinstance(screen, ReplayScreen) and screen.first_frame_at is not None:
                break
            await pilot.pause()
        if first is None:
            raise RuntimeError("the viewer opened without its opening frame")
        return int((first - began) * 1e9), int((screen.first_frame_at - began) * 1e9)


def _openings(settings: Settings) -> tuple[Timing, Timing, Timing, int]:
    """First frames, ready viewers and `sim verify` of one long save, interleaved."""
    with tempfile.TemporaryDirectory(prefix="bench-debrief-") as folder:
        path = _save(Path(folder), settings)
        for _ in range(settings.warmup):
            asyncio.run(_opening(path))
        firsts, readies, verifies = [], [], []
        for _ in range(settings.count(full=5, quick=1)):
            first, ready = asyncio.run(_opening(path))
            firsts.append(first)
            readies.append(ready)
            began = time.perf_counter_ns()
            verify(load_save(path))
            verifies.append(time.perf_counter_ns() - began)
        steps = len(load_save(path).entries)
    return Timing(tuple(firsts)), Timing(tuple(readies)), Timing(tuple(verifies)), steps


_OPENINGS: dict[bool, tuple[Timing, Timing, Timing, int]] = {}


def _measured_openings(settings: Settings) -> tuple[Timing, Timing, Timing, int]:
    """One set of openings serves both rows (each opening gives both figures)."""
    if settings.quick not in _OPENINGS:
        _OPENINGS[settings.quick] = _openings(settings)
    return _OPENINGS[settings.quick]


def _opening_row(ready: bool, what: str) -> Callable[[Settings], Outcome]:
    """A row of the openings: the first frames, or the viewers ready, against `sim verify`."""

    def run(settings: Settings) -> Outcome:
        first, readied, verifying, steps = _measured_openings(settings)
        return Figures(
            readied if ready else first,
            verifying,
            baseline_label="`sim verify` of the same save (read, check, re-simulate every hash)",
            note=f"{steps:,}-action save, `sim replay`'s path headless at {SIZE[0]}×{SIZE[1]}: "
            + what,
            judged=steps == LONG,
        )

    return run


open_to_first_frame = _opening_row(
    False, "the header and an entry count paint the frame; the replay runs behind it"
)
open_to_ready = _opening_row(
    True, "to the viewer's own first frame on the save, read, checked and re-simulated"
)


async def _seeks(path: Path, repeats: int) -> tuple[list[int], list[int], int]:
    """Nanoseconds from each seek to the first frame that shows it, and from a repaint of
    the status line alone (no seek) to its frame, the baseline."""
    app = make_replay_app(Debrief.open(path, check_every_step=False))
    rng = random.Random(3)
    seeks: list[int] = []
    repaints: list[int] = []
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReplayScreen)
        status = screen.query_one("#replay-status", Static)
        for _ in range(repeats):
            # Everything a seek changes is asked for before its first frame can be drawn,
            # so that frame shows the step; follow-up frames (a scroll bar) are not waited on.
            frames = Frames(app, lambda s: s is screen)
            began = time.perf_counter_ns()
            screen.go(rng.randint(0, screen.debrief.steps))
            await asyncio.wait_for(frames.seen.wait(), 5)
            seeks.append(frames.stamp - began)
            await pilot.pause()
            frames = Frames(app, lambda s: s is screen)
            began = time.perf_counter_ns()
            status.update(status.content, layout=False)
            await asyncio.wait_for(frames.seen.wait(), 5)
            repaints.append(frames.stamp - began)
            await pilot.pause()
        return seeks, repaints, screen.debrief.steps


def seek_random_step(settings: Settings) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="bench-debrief-") as folder:
        path = _save(Path(folder), settings)
        seeks, repaints, steps = asyncio.run(_seeks(path, settings.count(full=30, quick=5)))
    return Figures(
        Timing(tuple(seeks)),
        Timing(tuple(repaints)),
        baseline_label="repainting the status line with no seek",
        note=f"{steps:,}-action save at 120×40; from the seek to the frame handed to the "
        "driver, as the keypress row times a key: move the cursor, rebuild the session "
        "from the nearest snapshot, score it, lay out the state pane and repaint",
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
        "replay-open-first-frame", "< 400 ms for 10,000 actions", 400 * MS, open_to_first_frame
    ),
    Benchmark(
        "replay-open-ready",
        f"≤ {READY_RATIO}× `sim verify`",
        None,
        open_to_ready,
        ratio_limit=READY_RATIO,
    ),
    Benchmark("replay-seek-random-step", "< 100 ms", 100 * MS, seek_random_step),
    Benchmark("report-10k", "report only", None, report_long),
]
