"""Play the flagship to the scorecard in a real terminal: `sim play ... --seed 7` in tmux.

A shadow session with the same scenario and seed runs beside the game: the engine's
careful convener decides each action on it, the test types that action's keys, waits
until the screen says the step was taken, and applies the action to the shadow too.
At the end the save the game wrote must re-simulate to the shadow's exact state.
"""

from __future__ import annotations

import re
import shlex
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.engine import Game
from sim.engine import actions as A
from sim.engine.policies import ConvenerBot
from sim.record import load_save, verify
from sim.scenario.load import load_scenario
from tests.e2e.test_tmux_browser import HEIGHT, WIDTH, Tmux, open_tmux, sim_command
from tests.tui.keyplay import MAX_PER_ROUND, OPEN, keys_for, tmux_keys

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
FLAGSHIP = ROOT / "scenarios" / "clean-air-compact.toml"
SEED = 7
STEP = re.compile(r"step (\d+)\b")
EDITOR_TITLE = {"agreement": "Agreement editor", "allocation": "Allocation editor"}
KEY_SETTLE = 2.0  # most keys repaint within milliseconds; this is the cap


@pytest.fixture
def game_tmux() -> Iterator[Tmux]:
    yield from open_tmux("sim-game")


def painted(tmux: Tmux) -> str:
    """The pane with its colours, so a moved highlight counts as a change."""
    return tmux.run("capture-pane", "-e", "-p", "-t", "sim", check=False).stdout


def press(tmux: Tmux, key: str) -> None:
    """Send one key and wait until the app has repainted, as a person waits to see it."""
    before = painted(tmux)
    tmux.send(key)
    deadline = time.monotonic() + KEY_SETTLE
    while time.monotonic() < deadline and painted(tmux) == before:
        time.sleep(0.01)


def wait_for_step(tmux: Tmux, step: int) -> str:
    deadline = time.monotonic() + 15
    screen = ""
    while time.monotonic() < deadline:
        screen = tmux.screen()
        found = [int(n) for n in STEP.findall(screen)]
        if step in found or "Final score" in screen:
            return screen
        time.sleep(0.02)
    raise AssertionError(f"step {step} did not show; the pane shows:\n{screen}")


def test_play_the_flagship_to_the_scorecard(game_tmux: Tmux, tmp_path: Path) -> None:
    rc_file = tmp_path / "rc"
    saves = tmp_path / "saves"
    args = [*sim_command(), "play", str(FLAGSHIP), "--seed", str(SEED)]
    env = (
        f"env TERM=xterm-256color COLUMNS={WIDTH} LINES={HEIGHT} "
        f"SIM_SAVES={shlex.quote(str(saves))}"
    )
    game_tmux.start(f"{env} {shlex.join(args)}; echo $? > {shlex.quote(str(rc_file))}", tmp_path)
    briefing = game_tmux.wait_for("Your confidential brief")
    assert "Your seat: Convener" in briefing
    game_tmux.send("Escape")
    table = game_tmux.wait_for("FORMING")
    assert "To move on to storming: name the specific measurable result" in table

    game = Game(load_scenario(FLAGSHIP))
    shadow = game.new_session(SEED, {"convener": "human"})
    policy = ConvenerBot(game, "full")
    place, in_round = "table", 0
    while not shadow.is_over:
        action = policy(shadow)
        if shadow.why_illegal(action) is not None or in_round >= MAX_PER_ROUND:
            action = A.EndRound()
        came_from = place
        keys, place = keys_for(shadow, action, place)
        sent = tmux_keys(keys)
        opener = sent.index("i") if action.kind == "invite" else -1
        # The key that opens an editor: the keys after it are the editor's, once it shows.
        editor = sent.index(OPEN[place]) if place in OPEN and place != came_from else -1
        for n, key in enumerate(sent):
            press(game_tmux, key)
            if n == editor:
                game_tmux.wait_for(EDITOR_TITLE[place])
            elif n == opener:
                # The name filter takes typing only once the dialog is up.
                game_tmux.wait_for("whom do you ask")
            elif n == opener + 1:
                # The first letter reached the filter when its placeholder gives way to it;
                # had the dialog not held focus yet, this fails here rather than inviting
                # the wrong organization later.
                game_tmux.wait_without("Type part of a name, then enter")
            elif opener >= 0 and n == len(sent) - 2:
                # Enter picks the name and opens the ask dialog; its number must reach it.
                game_tmux.wait_for("How you ask decides")
            if key == "Escape":
                # Leaving an editor swaps screens; a loaded machine may take longer than
                # one repaint, and the next key must reach the table, not the editor.
                game_tmux.wait_for("Your move")
        events = shadow.apply(action)
        in_round = 0 if action.kind == "end_round" else in_round + 1
        if shadow.is_over:
            break
        if any(e.kind == "stage_changed" for e in events):
            moment = game_tmux.wait_for("enter continues")
            assert "▲" in moment or "▼" in moment
            press(game_tmux, "Enter")
        wait_for_step(game_tmux, len(shadow.history))

    card = game_tmux.wait_for("Final score")
    assert "trust & process" in card and "governance fit" in card
    assert f"{len(shadow.history)} actions" in card
    game_tmux.send("q")
    game_tmux.wait_until_gone()
    assert rc_file.read_text().strip() == "0"
    [save] = saves.glob("clean-air-compact-*-convener.toml")
    assert verify(load_save(save)).state_hash() == shadow.state_hash()
