"""The `sim verify` subcommand as `sim.cli` registers it through `add_commands`."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli.verify import add_commands
from tests.conftest import ROOT
from tests.record.helpers import run_cli


def test_add_commands_registers_verify_only() -> None:
    parser = argparse.ArgumentParser(prog="sim")
    commands = parser.add_subparsers(dest="command")
    add_commands(commands)
    assert set(commands.choices) == {"verify"}


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        run_cli(["verify"])
    assert exit_.value.code == 2
    assert "SAVE" in capsys.readouterr().err


def test_verify_prints_one_line(save_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(["verify", str(save_path)]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and " steps verified " in out


def test_the_command_line_stays_fast_to_start() -> None:
    code = (
        "import sys, sim.cli.verify, sim.record\n"
        "heavy = [m for m in ('pydantic', 'sim.engine', 'tomli_w') if m in sys.modules]\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
