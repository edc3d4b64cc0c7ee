"""Saves: the figures from the saves issue (#5) — autosave cost, `sim verify`, replay seeking.

Long saves are made by driving random legal actions (people in every seat, so votes and
pledges are actions too) through a stretched starter scenario: 20 years of 12 rounds, with
the convener's time raised, is room for 10,000 actions in one game. The 10,000-action save
is built once per run and shared by the verify and seek benchmarks. Quick mode (for tests)
uses 1,000 actions and gives no verdict on the 10,000-action targets.
"""

from __future__ import annotations

import random
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

import tomli_w

from bench.runner import Benchmark, Figures, Outcome, Settings, Timing
from sim.engine.actions import CONVENER, Action, EndRound, Vote
from sim.engine.session import Session
from sim.record.model import Entry, now
from sim.record.reader import load_save
from sim.record.recorder import Recorder
from sim.record.replay import SNAPSHOT_EVERY, Replay
from sim.record.sessions import start
from sim.record.simulate import verify
from sim.scenario.starter import starter_text

MS = 1_000_000
LONG = 10_000
QUICK_LONG = 1_000
NEAR, FAR, WINDOW = 100, 1000, 50  # autosave is timed for WINDOW actions either side of each
ROUND_LENGTH = 60  # a random game ends its round about once in this many actions


def long_scenario() -> str:
    """The starter scenario stretched to 240 rounds with 100 convener time units each."""
    data = tomllib.loads(starter_text("long-game", "Long game", "long-game.toml"))
    data["timeline"].update(years=20, rounds_per_year=12)
    data["convener"]["time_per_round"] = 100
    return tomli_w.dumps(data)


def random_action(session: Session, rng: random.Random) -> Action:
    """A random legal action of any seat; open votes are answered first."""
    state = session.state
    if state.pending is not None:
        waiting = [m for m in state.pending.voters if m not in state.pending.votes]
        if waiting:
            choice = rng.choice(("yes", "yes", "no", "stand_aside"))
            return Vote(seat=rng.choice(waiting), choice=choice)  # type: ignore[arg-type]
        return EndRound()
    options = [a for a in session.legal_actions(CONVENER) if a.kind != "end_round"]
    for org in state.at_table():
        options += [a for a in session.legal_actions(org) if a.kind == "pledge"]
    # A person's seat that is invited answers, so the table can fill and move on.
    for org, member in state.members.items():
        if member.invited is not None:
            return next(a for a in session.legal_actions(org) if a.kind == "join")
    if not options or rng.random() < 1 / ROUND_LENGTH:
        return EndRound()
    return rng.choice(options)


def start_long_game(folder: Path, seed: int = 1) -> tuple[Session, Recorder]:
    text = long_scenario()
    seats = {seat: "person" for seat in ("convener", "city", "county", "foundation", "neighbors")}
    return start(text, "long-game.toml", seed, seats, path=folder / "long.toml")  # type: ignore[arg-type]


_LONG_SAVES: dict[int, bytes] = {}


def long_save(actions: int) -> bytes:
    """A save of one game of `actions` random legal actions (built once per process)."""
    if actions not in _LONG_SAVES:
        with tempfile.TemporaryDirectory(prefix="bench-record-") as folder:
            session, recorder = start_long_game(Path(folder))
            recorder.close()
            header = load_save(recorder.path).header
            rng = random.Random(7)
            entries: list[Entry] = []
            while len(entries) < actions and not session.is_over:
                before = (session.stage, session.round)
                action = random_action(session, rng)
                session.apply(action)
                entries.append(
                    Entry(
                        step=len(entries) + 1,
                        seat=action.seat,
                        time=now(),
                        stage=before[0],
                        round=before[1],
                        action=action,
                        hash=session.state_hash(),
                    )
                )
            path = Path(folder) / "built.toml"
            position = (session.stage, session.round)
            Recorder.create(path, header, position=position, entries=entries).close()
            _LONG_SAVES[actions] = path.read_bytes()
    return _LONG_SAVES[actions]


def _timed(fn: Callable[[], object], repeats: int) -> Timing:
    samples = []
    for _ in range(repeats):
        began = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - began)
    return Timing(tuple(samples))


# --------------------------------------------------------------------------- benchmarks


def autosave(settings: Settings) -> Outcome:
    """What saving costs per action (state hash, entry, one write, fdatasync), by save length.

    Two copies of one game are recorded side by side, one around step 100 and one around step
    1,000, alternating action by action, so a slow spell of the disk hits both alike.
    """
    near: list[int] = []
    far: list[int] = []
    hashing: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-record-") as folder:
        games = []
        for name, until in (("a", NEAR - WINDOW), ("b", FAR - WINDOW)):
            (Path(folder) / name).mkdir()
            session, recorder = start_long_game(Path(folder) / name)
            rng = random.Random(11)
            while recorder.steps < until and not session.is_over:
                recorder.apply(session, random_action(session, rng))
            games.append((session, recorder, rng))
        for _ in range(2 * WINDOW):
            for (session, recorder, rng), samples in zip(games, (near, far), strict=True):
                if session.is_over:
                    raise RuntimeError(f"the game ended after {recorder.steps} actions")
                action = random_action(session, rng)
                session.apply(action)
                began = time.perf_counter_ns()
                recorder.record(session, action)
                samples.append(time.perf_counter_ns() - began)
            began = time.perf_counter_ns()
            games[1][0].state_hash()
            hashing.append(time.perf_counter_ns() - began)
        for _, recorder, _ in games:
            recorder.close()
    hash_ms = Timing(tuple(hashing)).median_ns / MS
    return Figures(
        Timing(tuple(far)),
        Timing(tuple(near)),
        baseline_label=f"the same game's steps {NEAR - WINDOW + 1}-{NEAR + WINDOW}, interleaved",
        note=(
            f"per action at steps {FAR - WINDOW + 1}-{FAR + WINDOW} of one save; ratio = "
            f"step ~{FAR:,} / step ~{NEAR}; of each, state_hash() takes about {hash_ms:.2f} ms"
        ),
    )


def verify_long(settings: Settings) -> Outcome:
    """`sim verify`'s work on a long save: read, check, re-simulate, compare every hash."""
    actions = QUICK_LONG if settings.quick else LONG
    data = long_save(actions)
    with tempfile.TemporaryDirectory(prefix="bench-record-") as folder:
        path = Path(folder) / "long.toml"
        path.write_bytes(data)
        steps = len(load_save(path).entries)
        repeats = settings.count(full=3, quick=1)
        timing = _timed(lambda: verify(load_save(path)), repeats)
        baseline = _timed(lambda: load_save(path), repeats)
    per_step_ms = timing.median_ns / MS / steps
    return Figures(
        timing,
        baseline,
        baseline_label="reading and checking the file alone (no re-simulation)",
        note=(
            f"{steps:,} actions, {len(data) / 1024 / 1024:.1f} MB; {per_step_ms:.2f} ms per "
            f"action ({1000 / per_step_ms:,.0f} actions/s)"
        ),
        judged=steps == LONG,
    )


def seek(settings: Settings) -> Outcome:
    """Seeking the debrief replay to a random step of the long save."""
    actions = QUICK_LONG if settings.quick else LONG
    with tempfile.TemporaryDirectory(prefix="bench-record-") as folder:
        path = Path(folder) / "long.toml"
        path.write_bytes(long_save(actions))
        began = time.perf_counter()
        replay = Replay.open(path)
        opened = time.perf_counter() - began
        began = time.perf_counter()
        Replay.open(path, check_every_step=False)
        opened_fast = time.perf_counter() - began
    rng = random.Random(3)
    repeats = settings.count(full=30, quick=5)
    targets = iter([rng.randint(0, replay.steps) for _ in range(repeats + 1)])
    snaps = iter([rng.randrange(0, replay.steps + 1, SNAPSHOT_EVERY) for _ in range(repeats + 1)])
    timing = _timed(lambda: replay.session_at(next(targets)), repeats)
    baseline = _timed(lambda: replay.session_at(next(snaps)), repeats)
    return Figures(
        timing,
        baseline,
        baseline_label="a seek that lands on a snapshot (restore only)",
        note=(
            f"{replay.steps:,}-action save, a snapshot every {SNAPSHOT_EVERY} steps; opening "
            f"the replay took {opened:.1f} s checking every hash, {opened_fast:.1f} s checking "
            "them at snapshots only"
        ),
        judged=replay.steps == LONG,
    )


BENCHMARKS: list[Benchmark] = [
    Benchmark("autosave-per-action", "< 5 ms at 1,000 actions", 5 * MS, autosave),
    Benchmark("verify-10k", "< 2 s for 10,000 actions", 2000 * MS, verify_long),
    Benchmark("seek-random-step", "< 100 ms", 100 * MS, seek),
]
