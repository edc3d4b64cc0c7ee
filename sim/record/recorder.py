"""The recorder: one durable entry per applied action, appended to a save it holds locked.

An action counts as saved (acknowledged) only when `record` or `apply` returns: by then the
entry has been written with a single write and synced to disk. If a write fails the recorder
refuses every later action, so the game can never run ahead of its save unnoticed.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType

from sim import __version__
from sim.engine.actions import Action
from sim.engine.game import Game
from sim.engine.notices import Notice
from sim.engine.session import Session
from sim.engine.version import RULES_VERSION
from sim.record import durable
from sim.record.errors import SaveError
from sim.record.layout import CURRENT, entry_text, header_text
from sim.record.model import (
    Annotation,
    Branch,
    Entry,
    Header,
    ScenarioRecord,
    SeatRecord,
    now,
    sha256_text,
)

PROGRAM = f"sim {__version__}"
# Crash tests set this to slow each save down, so a kill lands at many different moments.
DELAY_ENV = "SIM_RECORD_DELAY_MS"


def make_header(
    game: Game,
    scenario_text: str,
    source: str,
    seed: int,
    seats: Sequence[SeatRecord],
    branch: Branch | None = None,
) -> Header:
    """The header of a new save of `game`, played from exactly `scenario_text`."""
    return Header(
        version=CURRENT.number,
        program=PROGRAM,
        created=now(),
        seed=seed,
        rules=RULES_VERSION,
        seats=tuple(seats),
        scenario=ScenarioRecord(
            id=game.scenario.scenario.id,
            title=game.scenario.scenario.title,
            source=source,
            sha256=sha256_text(scenario_text),
            text=scenario_text,
        ),
        branch=branch,
    )


class Recorder:
    """Appends entries to one save file; use `create`, or `sim.record.sessions.resume`."""

    def __init__(
        self,
        path: Path,
        fd: int,
        steps: int,
        position: tuple[str, int],
        warning: str | None = None,
    ) -> None:
        self.path = path
        self.warning = warning  # e.g. the torn final entry resume dropped, for the UI to show
        self._fd: int | None = fd
        self._steps = steps
        self._position = position  # stage and round before the next action
        self._failed = False
        self._delay = _delay_from_env()

    @classmethod
    def create(
        cls,
        path: Path,
        header: Header,
        *,
        position: tuple[str, int],
        annotations: Iterable[Annotation] = (),
        entries: Sequence[Entry] = (),
    ) -> Recorder:
        """Write a new save (never over an existing file) and return its recorder.

        `position` is the stage and round the game is in after `entries` (a fresh
        session's for a new game).
        """
        text = header_text(header, annotations) + "".join(entry_text(e) for e in entries)
        try:
            fd = durable.create(path, text.encode("utf-8"))
        except FileExistsError:
            raise SaveError("file", f"{path} exists; a save is never overwritten") from None
        except OSError as exc:
            raise SaveError("file", f"cannot create {path}: {exc.strerror or exc}") from None
        return cls(path, fd, len(entries), position)

    @property
    def steps(self) -> int:
        """Entries durably saved so far."""
        return self._steps

    def apply(self, session: Session, action: Action) -> list[Notice]:
        """Apply an action and save it; the events come back only once the entry is durable."""
        self._usable()
        if len(session.history) != self._steps:
            raise ValueError(
                f"the session has {len(session.history)} actions, the save {self._steps}"
            )
        events = session.apply(action)  # an illegal action raises here and nothing is written
        self.record(session, action)
        return events

    def record(self, session: Session, action: Action) -> Entry:
        """Save an action the session has just applied; durable when this returns."""
        self._usable()
        step = self._steps + 1
        if len(session.history) != step or session.history[-1] != action:
            raise ValueError(f"step {step}: the session's last action is not this one")
        stage, round_ = self._position
        entry = Entry(
            step=step,
            seat=action.seat,
            time=now(),
            stage=stage,
            round=round_,
            action=action,
            hash=session.state_hash(),
        )
        data = entry_text(entry).encode("utf-8")
        if self._delay:
            time.sleep(self._delay)
        try:
            durable.append(self._fd, data)  # type: ignore[arg-type]  # _usable checked it
        except OSError as exc:
            self._failed = True
            raise SaveError.at_step(
                step, f"could not be saved to {self.path}: {exc.strerror or exc}"
            ) from None
        self._steps = step
        self._position = (session.stage, session.round)
        return entry

    def annotate(self, step: int, author: str, text: str) -> Annotation:
        """Add an instructor's note to this live save (a rewrite; appends then continue)."""
        from sim.record.rewrite import add_annotation  # rewrite.py imports this module

        self._usable()
        assert self._fd is not None
        note, fd = add_annotation(self._fd, self.path, step, author, text)
        os.close(self._fd)
        self._fd = fd
        return note

    def close(self) -> None:
        """Release the file (and its lock); the save stays valid whatever happened."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Recorder:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _usable(self) -> None:
        if self._fd is None:
            raise SaveError("file", f"the recorder of {self.path} is closed")
        if self._failed:
            raise SaveError(
                "file", f"an earlier write to {self.path} failed; resume the save to continue"
            )


def _delay_from_env() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_ENV, "0"))) / 1000
    except ValueError:
        return 0.0
