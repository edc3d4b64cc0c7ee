"""`sim replay SAVE` in a real terminal (tmux): open, step, annotate, quit, find the note.

Same conventions as tests/e2e: its own tmux socket, COLUMNS/LINES repeated for the pane,
polling capture-pane, skipped without tmux unless CI=true.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.record.reader import load_save
from tests.debrief.helpers import play_save
from tests.e2e.test_tmux_browser import HEIGHT, WIDTH, Tmux, open_tmux, sim_command

pytestmark = pytest.mark.e2e


@pytest.fixture
def tmux() -> Iterator[Tmux]:
    yield from open_tmux()


def test_open_step_annotate_and_find_the_note_in_the_file(tmux: Tmux, tmp_path: Path) -> None:
    save = play_save(tmp_path, "table-a.toml")
    steps = len(load_save(save).entries)
    rc_file = tmp_path / "rc"
    env = f"env TERM=xterm-256color COLUMNS={WIDTH} LINES={HEIGHT} SIM_AUTHOR=Facilitator"
    args = shlex.join([*sim_command(), "replay", str(save)])
    tmux.start(f"{env} {args}; echo $? > {shlex.quote(str(rc_file))}", tmp_path)
    tmux.wait_for(f"Step {steps}/{steps}")
    tmux.send("Left")
    tmux.send("Left")
    tmux.wait_for(f"Step {steps - 2}/{steps}")
    tmux.send("a")
    tmux.wait_for(f"Note on step {steps - 2}")
    tmux.send("Why measure only now?", literal=True)
    tmux.send("Enter")
    screen = tmux.wait_for(f"Note saved on step {steps - 2}")
    assert "Why measure only now?" in screen  # shown in the timeline at once
    tmux.send("q")
    tmux.wait_until_gone()
    assert rc_file.read_text().strip() == "0"
    notes = load_save(save).annotations
    assert [(n.step, n.author, n.text) for n in notes] == [
        (steps - 2, "Facilitator", "Why measure only now?")
    ]
