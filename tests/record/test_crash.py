"""Crash test: SIGKILL a real `sim autoplay --save` process at random moments, again and again,
and check each time that the save loads, verifies, holds every action the process printed
as saved (acknowledged) before it died, and can be resumed to the end."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from sim.record import load_save, resume, verify
from sim.record.recorder import DELAY_ENV
from tests.conftest import ROOT
from tests.record.helpers import play, scenario_file

KILLS = 50
SEED = 5_2025  # the kill moments are random, but the same on every run
ACK = re.compile(r"^step (\d+) saved: (\S+) (\w+) ([0-9a-f]{12})$")
DELAY_MS = "3"  # stretches a ~25-action game over ~0.1 s so kills land all through it
COMMAND = [sys.executable, "-m", "sim", "autoplay"]


def test_killed_sim_autoplay_never_loses_an_acknowledged_move(tmp_path: Path) -> None:
    crash_many(COMMAND, tmp_path)


@dataclass(frozen=True)
class Plan:
    run: int
    seed: int
    lines: int  # acknowledged lines to wait for before the kill (-1: kill during start-up)
    pause: float  # then this many seconds more


@dataclass(frozen=True)
class Outcome:
    plan: Plan
    acknowledged: list[tuple[int, str, str]]
    saved: int | None  # entries in the file; None when it was never created
    finished: bool


def crash_many(command: list[str], folder: Path) -> None:
    scenario = scenario_file(folder)
    rng = random.Random(SEED)
    plans = [
        Plan(
            n,
            rng.randint(1, 6),
            -1 if rng.random() < 0.1 else rng.randint(0, 24),
            rng.uniform(0, 0.006),
        )
        for n in range(KILLS)
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(lambda plan: kill_once(command, scenario, plan), plans))
    mid_game = [o for o in outcomes if o.saved is not None and not o.finished]
    assert len(mid_game) >= KILLS // 2, "too few kills landed while the game was being saved"
    assert any(o.saved is None for o in outcomes) or any(o.plan.lines == -1 for o in outcomes)


def kill_once(command: list[str], scenario: Path, plan: Plan) -> Outcome:
    save = scenario.parent / f"crash-{plan.run}.toml"
    # The game runs in the scenario's folder; PYTHONPATH keeps it on this checkout's `sim`.
    env = {**os.environ, DELAY_ENV: DELAY_MS, "PYTHONPATH": str(ROOT)}
    args = [*command, str(scenario), "--seed", str(plan.seed), "--save", str(save)]
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=scenario.parent, env=env
    ) as process:
        assert process.stdout is not None
        lines: list[bytes] = []
        if plan.lines < 0:
            time.sleep(plan.pause * 50)  # somewhere in the ~0.3 s start-up
        else:
            while len(lines) < plan.lines:
                line = process.stdout.readline()
                if not line:
                    break
                lines.append(line)
            time.sleep(plan.pause)
        process.send_signal(signal.SIGKILL)
        lines += process.stdout.read().splitlines(keepends=True)
        process.wait()
    acknowledged = []
    for line in lines:
        found = ACK.match(line.decode().rstrip("\n")) if line.endswith(b"\n") else None
        if found:
            acknowledged.append((int(found[1]), found[3], found[4]))
    assert [step for step, _, _ in acknowledged] == list(range(1, len(acknowledged) + 1))
    if not save.exists():
        assert acknowledged == [], f"run {plan.run}: acknowledged moves but no save"
        return Outcome(plan, acknowledged, None, False)
    record = load_save(save)  # a torn final entry is dropped here, with a note in `torn`
    session = verify(record)
    assert len(record.entries) >= len(acknowledged), f"run {plan.run}: lost a saved move"
    for step, kind, hash12 in acknowledged:
        entry = record.entries[step - 1]
        assert (entry.action.kind, entry.hash[:12]) == (kind, hash12), f"run {plan.run}"
    finished = session.is_over
    resumed, recorder = resume(save)  # and the game goes on to its end from there
    with recorder:
        play(resumed, recorder, seed=plan.seed)
    assert verify(load_save(save)).is_over
    return Outcome(plan, acknowledged, len(record.entries), finished)
