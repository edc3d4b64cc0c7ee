"""`sim autoplay SCENARIO --save FILE`: play headless and save every action as it happens.

One line is printed per action once its entry is durable, so what a watcher has seen
printed is exactly what a crash cannot take away.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from sim.engine.actions import CONVENER, Action
from sim.engine.autoplay import Played, autoplay
from sim.engine.notices import Notice
from sim.engine.session import Session
from sim.record.errors import SaveError
from sim.record.naming import default_name, inside
from sim.record.recorder import Recorder, make_header
from sim.record.sessions import game_from_text, seat_records
from sim.scenario.errors import ScenarioInvalid
from sim.scenario.load import read_scenario_bytes


def autoplay_recorded(
    scenario_file: Path, seed: int, policy: str, save: Path, out: TextIO
) -> Played:
    """Autoplay like `sim autoplay`, saving to `save` (a folder gets the default name).

    Writes "step N saved: SEAT KIND HASH12" to `out` after each durable entry and
    "saved FILE: N actions" at the end. Raises SaveError for every problem.
    """
    text = _scenario_text(scenario_file)
    game = game_from_text(text, str(scenario_file))
    seats = seat_records(game, {CONVENER: "script"}, {CONVENER: f"autoplay ({policy} policy)"})
    header = make_header(game, text, str(scenario_file), seed, seats)
    if save.is_dir():
        save = inside(save, default_name(header.scenario.id, CONVENER))
    probe = game.new_session(seed, header.engine_seats())
    with Recorder.create(save, header, position=(probe.stage, probe.round)) as recorder:

        def saved(session: Session, action: Action, events: list[Notice]) -> None:
            entry = recorder.record(session, action)
            out.write(f"step {entry.step} saved: {entry.seat} {action.kind} {entry.hash[:12]}\n")
            out.flush()  # printed means acknowledged: it must not sit in a buffer

        played = autoplay(game, seed, policy, seats=header.engine_seats(), on_action=saved)
        out.write(f"saved {save}: {recorder.steps} actions\n")
        out.flush()
    return played


def _scenario_text(path: Path) -> str:
    """The scenario file's exact text, which the save embeds and replays from."""
    try:
        return read_scenario_bytes(path).decode("utf-8")
    except ScenarioInvalid as exc:
        raise SaveError("scenario", f"cannot read {path}: {exc.errors[0].message}") from None
    except UnicodeDecodeError:
        raise SaveError("scenario", f"{path} is not UTF-8 text") from None
