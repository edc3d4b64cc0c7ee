"""Every input is read through a bounded reader: devices, pipes and folders are refused
in one line, at once, by every command that reads a scenario or a save."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import SCENARIOS, run_sim

# Each command that reads a scenario, and each that reads a save.
SCENARIO_COMMANDS = [["validate"], ["lint"], ["analyze"], ["autoplay"], ["play"]]
SAVE_COMMANDS = [["verify"], ["report"], ["replay"], ["play", "--resume"]]


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


def _refused(args: list[str], path: Path, says: str) -> None:
    # A timeout here is the defect itself: the command blocked or kept reading.
    done = run_sim(*args, str(path), timeout=60)
    assert done.returncode == 1, done
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert says in line, line
    assert str(path) in line


@pytest.mark.parametrize("command", SCENARIO_COMMANDS + SAVE_COMMANDS, ids=" ".join)
def test_a_fifo_is_refused_without_blocking(command: list[str], fifo: Path) -> None:
    _refused(command, fifo, "it is a pipe (FIFO), not a regular file")


@pytest.mark.parametrize("command", [["validate"], ["verify"]], ids=" ".join)
def test_dev_zero_is_refused_without_reading(command: list[str], tmp_path: Path) -> None:
    _refused(command, Path("/dev/zero"), "it is a device, not a regular file")
    link = tmp_path / "zero.toml"
    link.symlink_to("/dev/zero")
    _refused(command, link, "it is a device, not a regular file")


def test_a_folder_is_refused(tmp_path: Path) -> None:
    _refused(["validate"], tmp_path, "it is a folder, not a file")


def test_autoplay_save_of_a_scenario_behind_a_pipe_is_refused(fifo: Path, tmp_path: Path) -> None:
    done = run_sim("autoplay", str(fifo), "--save", str(tmp_path / "s.toml"), timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "pipe" in done.stderr
    assert not (tmp_path / "s.toml").exists()


def test_regular_files_still_read(tmp_path: Path) -> None:
    done = run_sim("validate", str(SCENARIOS / "healthy-homes.toml"))
    assert done.returncode == 0, done.stderr
