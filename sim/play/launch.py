"""Start, resume and list games for the UI, without Textual: the record layer does the saving.

A new game is saved from its first action (`sim.record.start`); when the save cannot be
written the game still runs, unsaved, and says why, so a read-only folder never stops play.
"""

from __future__ import annotations

import os
import random
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sim.engine import actions as A
from sim.engine.game import Game
from sim.play.driver import Driver
from sim.record import SaveError, load_save, resume, start
from sim.record.naming import SAVES
from sim.record.reader import Summary, looks_like_save, summarize
from sim.record.simulate import require_same_rules

BOT_CONVENER_NAME = "bot convener (careful policy)"


def random_seed() -> int:
    """A seed a person can read back and type again: six digits."""
    return random.SystemRandom().randint(100_000, 999_999)


def saves_dir() -> Path:
    """Where games are saved: $SIM_SAVES, else ./saves (the record layer's default)."""
    return Path(os.environ.get("SIM_SAVES") or SAVES)


@dataclass
class Started:
    """A game ready to show, and a warning for the person when saving is off or was repaired."""

    driver: Driver
    warning: str | None = None


def new_game(scenario_file: Path, seat: str, seed: int, folder: Path | None = None) -> Started:
    """A new game of the file's exact text; the person plays `seat`, bots play the rest."""
    text = scenario_file.read_bytes().decode("utf-8")
    players: dict[str, str] = {seat: "person"}
    names: dict[str, str] = {}
    if seat != A.CONVENER:
        players[A.CONVENER] = "script"  # the policy's moves are saved like a person's
        names[A.CONVENER] = BOT_CONVENER_NAME
    folder = folder or saves_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        session, recorder = start(text, str(scenario_file), seed, players, names, folder=folder)  # type: ignore[arg-type]
    except (SaveError, OSError) as exc:
        from sim.scenario.load import load_scenario

        game = Game(load_scenario(scenario_file))
        seats = {seat: "human", A.CONVENER: "human"}
        driver = Driver(game.new_session(seed, seats), seat)
        return Started(driver, f"Autosave is off: {exc}")
    return Started(Driver(session, seat, recorder))


def seat_of(path: Path) -> str:
    """The seat a person played in a save: an organization a person held, else the convener."""
    return load_save(path).header.main_seat()


def resume_game(path: Path) -> Started:
    """Continue a save where it stopped; raises SaveError when it cannot be trusted."""
    seat = seat_of(path)
    session, recorder = resume(path)
    return Started(Driver(session, seat, recorder), recorder.warning)


@dataclass(frozen=True)
class SaveFile:
    """A save in the saves folder, as the resume list shows it before opening it: what the
    header and the last move say, or why the file cannot be read."""

    path: Path
    modified: datetime
    summary: Summary | None = None
    problem: str | None = None  # why the save cannot be summarized (damaged, other rules)

    @property
    def started(self) -> bool:
        """Whether any move was made: a game with none is listed last, and says so."""
        return self.summary is None or self.summary.steps > 0

    @property
    def title(self) -> str:
        """The scenario and the seat a person played, by name."""
        if self.summary is None:
            return self.path.stem
        header = self.summary.header
        seat = header.main_seat()
        names = {s.seat: s.name for s in header.seats}
        name = names.get(seat, seat)
        return f"{header.scenario.title} — {name}{' (convener)' if seat == A.CONVENER else ''}"

    @property
    def state(self) -> str:
        """Where the game stands: the round and stage of the last move, and whether it ended."""
        summary = self.summary
        if summary is None or self.problem:
            return f"cannot be resumed: {self.problem}"
        if not summary.steps:
            return "not started: no moves yet"
        moves = f"{summary.steps:,} move{'s' if summary.steps != 1 else ''}"
        where = f"last move in round {summary.round}, {summary.stage}"
        return f"{'finished' if summary.over else 'in progress'} · {where} · {moves}"


def summarize_save(path: Path) -> SaveFile:
    """One save file as the resume list shows it; a damaged one says why instead."""
    modified = datetime.fromtimestamp(path.stat().st_mtime)
    try:
        summary = summarize(path)
    except SaveError as exc:
        return SaveFile(path, modified, problem=str(exc))
    try:
        require_same_rules(summary.header)
    except SaveError as exc:  # intact, and worth a debrief, but not playable here
        return SaveFile(path, modified, summary, str(exc))
    return SaveFile(path, modified, summary)


def list_saves(folder: Path | None = None) -> list[SaveFile]:
    """Save files, newest first, and games with no moves after the rest (temp files of a
    save in progress, and files that are not saves, such as a scenario, are skipped)."""
    folder = folder or saves_dir()
    if not folder.is_dir():
        return []
    files = [p for p in folder.glob("*.toml") if not p.name.startswith(".") and looks_like_save(p)]
    saves = sorted(
        (summarize_save(p) for p in files),
        key=lambda s: (s.modified, s.path.name),
        reverse=True,
    )
    return sorted(saves, key=lambda s: not s.started)
