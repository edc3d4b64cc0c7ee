"""Drive the real `sim` command in tmux: what a facilitator's terminal actually shows.

Pilot tests run the app in-process; these start the installed command in a real
pseudo-terminal, so packaging, the CLI entry point and terminal input are covered too.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "tests" / "tui" / "fixtures" / "catalog"
WAIT = 15.0
WIDTH, HEIGHT = 120, 40


def sim_command() -> list[str]:
    """The installed `sim` beside this Python, else the module form of the same command."""
    installed = Path(sys.executable).parent / "sim"
    return [str(installed)] if installed.exists() else [sys.executable, "-m", "sim"]


class Tmux:
    """One tmux server on its own socket, holding one session that runs a command."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            check=check,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )

    def start(self, command: str, cwd: Path) -> None:
        size = ["-x", str(WIDTH), "-y", str(HEIGHT)]
        # The command runs in `cwd`, so PYTHONPATH keeps it on this checkout's `sim`.
        env = ["-e", f"PYTHONPATH={ROOT}"]
        self.run("new-session", "-d", *size, *env, "-s", "sim", "-c", str(cwd), command)

    def send(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", "sim", *(["-l"] if literal else []), *keys)

    def screen(self) -> str:
        result = self.run("capture-pane", "-p", "-t", "sim", check=False)
        return result.stdout

    def wait_for(self, text: str) -> str:
        """Poll the pane until `text` shows, for at most WAIT seconds."""
        deadline = time.monotonic() + WAIT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(
            f"{text!r} did not appear within {WAIT:.0f} s; the pane shows:\n{screen}"
        )

    def wait_without(self, text: str) -> str:
        """Poll the pane until `text` no longer shows, for at most WAIT seconds."""
        deadline = time.monotonic() + WAIT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text not in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} still shows after {WAIT:.0f} s; the pane shows:\n{screen}")

    def alive(self) -> bool:
        return self.run("has-session", "-t", "sim", check=False).returncode == 0

    def wait_until_gone(self) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            if not self.alive():
                return
            time.sleep(0.2)
        raise AssertionError(f"sim did not exit within {WAIT:.0f} s:\n{self.screen()}")

    def kill(self) -> None:
        self.run("kill-server", check=False)
        # tmux leaves its socket file behind; remove ours so runs do not pile up.
        folder = Path(os.environ.get("TMUX_TMPDIR", "/tmp")) / f"tmux-{os.getuid()}"
        (folder / self.socket).unlink(missing_ok=True)


def open_tmux(prefix: str = "sim-e2e") -> Iterator[Tmux]:
    """A private tmux server for one test, killed afterwards; every e2e fixture uses it.

    Skips where tmux is missing on a person's machine, but fails under CI=true.
    """
    if shutil.which("tmux") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("tmux is required in CI for the end-to-end tests")
        pytest.skip("tmux is not installed (apt-get install tmux)")
    session = Tmux(f"{prefix}-{uuid.uuid4().hex[:12]}")
    try:
        yield session
    finally:
        session.kill()


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    yield from open_tmux()


def shell_command(args: list[str], rc_file: Path) -> str:
    """Run sim with a known terminal and scenario folder, and record its exit code.

    COLUMNS and LINES repeat the pane's size: a process tmux starts can read the
    pty before tmux has sized it, and would then draw at the 80×24 fallback.
    """
    env = (
        f"env TERM=xterm-256color COLUMNS={WIDTH} LINES={HEIGHT} "
        f"SIM_SCENARIOS={shlex.quote(str(CATALOG))}"
    )
    return f"{env} {shlex.join(args)}; echo $? > {shlex.quote(str(rc_file))}"


def test_browse_open_roster_filter_quit(tmux: Tmux, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    tmux.start(shell_command(sim_command(), rc_file), tmp_path)
    home = tmux.wait_for("Big Table")
    assert "Common Table" in home
    assert "✗ invalid · broken.toml" in home
    tmux.send("Enter")
    tmux.wait_for("Harbor City region")
    tmux.send("2")
    tmux.wait_for("Showing 48 of 48 organizations")
    tmux.send("/")
    tmux.send("county", literal=True)
    roster = tmux.wait_for("Showing 4 of 48 organizations")
    assert "North County Board" in roster
    assert "Short" in roster  # the short-name column only fits a wide terminal: 120 columns
    assert "CONFIDENTIAL" not in roster
    # Leave the filter for the table, where q quits rather than types; the footer
    # offers "q Quit" only once the filter no longer has focus.
    tmux.send("Tab")
    tmux.wait_for("q Quit")
    tmux.send("q")
    tmux.wait_until_gone()
    assert rc_file.read_text().strip() == "0"


def test_play_a_file_then_escape_home_and_quit(tmux: Tmux, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    args = [*sim_command(), "play", str(CATALOG / "demo.toml")]
    tmux.start(shell_command(args, rc_file), tmp_path)
    tmux.wait_for("Your region")
    tmux.send("Escape")
    home = tmux.wait_for("Bring a city's sectors to one table")
    assert "Demo Starter" in home
    tmux.send("q")
    tmux.wait_until_gone()
    assert rc_file.read_text().strip() == "0"
