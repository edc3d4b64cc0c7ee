"""Never lose a move: one write and one sync per entry before it counts, a locked file, and a
recorder that stops at the first failed write."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from sim.engine.actions import EndRound
from sim.record import SaveError, annotate, durable, load_save, resume, start, verify
from sim.record.recorder import DELAY_ENV
from tests.record.helpers import STARTER, play


def test_each_entry_is_one_write_then_a_sync_before_it_counts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    real_write, real_sync = os.write, durable.sync

    def write(fd: int, data: bytes) -> int:
        calls.append("write")
        return real_write(fd, data)

    def sync(fd: int) -> None:
        calls.append("sync")
        real_sync(fd)

    session, recorder = start(STARTER, "demo.toml", 3, {}, path=tmp_path / "s.toml")
    monkeypatch.setattr(durable.os, "write", write)
    monkeypatch.setattr(durable, "sync", sync)
    with recorder:
        for _ in range(5):
            calls.clear()
            play(session, recorder, steps=1)
            assert calls == ["write", "sync"]


def test_creating_a_save_syncs_the_file_and_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(durable, "sync", lambda fd: calls.append("file"))
    real_folder = durable.sync_folder
    monkeypatch.setattr(
        durable, "sync_folder", lambda folder: (calls.append("folder"), real_folder(folder))
    )
    _, recorder = start(STARTER, "demo.toml", 3, {}, path=tmp_path / "s.toml")
    recorder.close()
    assert calls == ["file", "folder"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.toml"]  # no temp file left


def test_a_failed_write_stops_the_recorder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "s.toml"
    session, recorder = start(STARTER, "demo.toml", 3, {}, path=path)
    play(session, recorder, steps=3)

    def full(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(durable, "append", full)
    with pytest.raises(SaveError, match=r"^step 4: could not be saved .*No space left"):
        play(session, recorder, steps=1)
    monkeypatch.undo()
    with pytest.raises(SaveError, match=r"an earlier write .* failed"):
        recorder.apply(session, EndRound())
    recorder.close()
    session, recorder = resume(path)  # the save holds the three acknowledged actions
    with recorder:
        assert recorder.steps == 3 and recorder.warning is None
        play(session, recorder)
    assert verify(load_save(path)).is_over


def test_one_game_at_a_time_per_save(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    session, recorder = start(STARTER, "demo.toml", 3, {}, path=path)
    with recorder:
        play(session, recorder, steps=2)
        with pytest.raises(SaveError, match="a running game is recording this save"):
            resume(path)
        with pytest.raises(SaveError, match="a running game is recording this save"):
            annotate(path, 1, "Ines", "too early")
        # The live recorder may annotate its own save, then go on appending to the new file.
        recorder.annotate(2, "Ines", "the table chose its result first")
        play(session, recorder)
    save = load_save(path)
    assert [(a.step, a.author) for a in save.annotations] == [(2, "Ines")]
    assert verify(save).is_over
    second_session, second = resume(path)  # the lock went with the first recorder
    second.close()
    assert second_session.is_over


def test_an_illegal_action_is_not_written(tmp_path: Path) -> None:
    from sim.engine.actions import Fund
    from sim.engine.session import IllegalAction

    session, recorder = start(STARTER, "demo.toml", 3, {}, path=tmp_path / "s.toml")
    with recorder:
        size = (tmp_path / "s.toml").stat().st_size
        with pytest.raises(IllegalAction):
            recorder.apply(session, Fund(project="retrofit", stream="federal", units=1))
        assert (tmp_path / "s.toml").stat().st_size == size and recorder.steps == 0


def test_the_crash_test_delay_slows_each_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DELAY_ENV, "30")
    session, recorder = start(STARTER, "demo.toml", 3, {}, path=tmp_path / "s.toml")
    with recorder:
        began = time.perf_counter()
        play(session, recorder, steps=2)
        assert time.perf_counter() - began >= 0.06
