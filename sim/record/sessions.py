"""Recorded sessions: start one, resume one after a crash, or branch a what-if from a step.

Each returns the live `Session` and the `Recorder` that saves its every action; the UI
applies actions through `recorder.apply(session, action)`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from sim.engine.actions import CONVENER
from sim.engine.game import Game
from sim.engine.session import Session
from sim.record import durable
from sim.record.errors import SaveError
from sim.record.model import Branch, Header, Player, SeatRecord, now
from sim.record.naming import SAVES, default_path
from sim.record.reader import load_save, parse_save, read_fd
from sim.record.recorder import PROGRAM, Recorder, make_header
from sim.record.simulate import run
from sim.scenario.errors import ScenarioInvalid
from sim.scenario.load import parse_scenario


def game_from_text(text: str, source: str) -> Game:
    """Parse the exact scenario text a new save will embed."""
    try:
        return Game(parse_scenario(text.encode("utf-8"), source))
    except ScenarioInvalid as exc:
        raise SaveError("scenario", str(exc.errors[0])) from None


def seat_records(
    game: Game, players: Mapping[str, Player], names: Mapping[str, str] | None = None
) -> list[SeatRecord]:
    """Every seat: the convener (a person unless said otherwise), then each organization.

    Seats not in `players` are bots, except the convener, whom the engine treats as a person.
    """
    names = names or {}
    seats = [
        SeatRecord(
            seat=CONVENER,
            player=players.get(CONVENER, "person"),
            name=names.get(CONVENER, game.scenario.convener.name),
        )
    ]
    for org in game.scenario.organizations:
        seats.append(
            SeatRecord(
                seat=org.id, player=players.get(org.id, "bot"), name=names.get(org.id, org.name)
            )
        )
    unknown = sorted(set(players) - {seat.seat for seat in seats})
    if unknown:
        raise SaveError("seats", f"unknown seat '{unknown[0]}': use convener or an organization id")
    return seats


def start(
    scenario_text: str,
    source: str,
    seed: int,
    players: Mapping[str, Player],
    names: Mapping[str, str] | None = None,
    path: Path | None = None,
    folder: Path = SAVES,
) -> tuple[Session, Recorder]:
    """A new game of exactly `scenario_text`, saved from its first action.

    `players` maps the seats people (or scripts) play to "person" / "script"; by default
    the save goes to `folder/<scenario-id>-<yyyymmdd-hhmmss>-<seat>.toml`.
    """
    game = game_from_text(scenario_text, source)
    header = make_header(game, scenario_text, source, seed, seat_records(game, players, names))
    session = game.new_session(seed, header.engine_seats())
    if path is None:
        folder.mkdir(parents=True, exist_ok=True)  # the default place may not exist here yet
        path = default_path(header.scenario.id, header.main_seat(), folder)
    recorder = Recorder.create(path, header, position=(session.stage, session.round))
    return session, recorder


def resume(path: str | os.PathLike[str]) -> tuple[Session, Recorder]:
    """Continue a save exactly where it stopped: every action re-applied, every hash checked.

    A torn final entry (never acknowledged) is cut from the file and reported in
    `recorder.warning`; any other damage raises SaveError and leaves the file untouched.
    """
    file = Path(path)
    try:
        fd = durable.open_locked(file, os.O_RDWR | os.O_APPEND)
    except OSError as exc:
        raise SaveError("file", f"cannot open it: {exc.strerror or exc}") from None
    try:
        save = parse_save(read_fd(fd))
        session = run(save)
        warning = None
        if save.torn is not None:
            os.ftruncate(fd, save.torn.offset)
            durable.sync(fd)
            warning = f"step {save.torn.step}: dropped: {save.torn.message()}"
    except BaseException:
        os.close(fd)
        raise
    bound = Recorder.bound_for(save.header, save.written)
    position = (session.stage, session.round)
    return session, Recorder(file, fd, len(save.entries), position, warning, bound)


def branch(
    parent: str | os.PathLike[str], fork_step: int, path: Path | None = None
) -> tuple[Session, Recorder]:
    """A what-if: a new save holding the parent's first `fork_step` actions, ready to diverge.

    The new file sits next to the parent unless `path` says otherwise.
    """
    save = load_save(parent)
    if not 0 <= fork_step <= len(save.entries):
        raise SaveError(
            "branch", f"step {fork_step} is not in {parent} (it has {len(save.entries)} steps)"
        )
    session = run(save, upto=fork_step)
    header: Header = save.header.model_copy(
        update={
            "created": now(),
            "program": PROGRAM,
            "branch": Branch(parent=str(parent), fork_step=fork_step),
        }
    )
    if path is None:
        folder = Path(parent).parent
        path = default_path(
            header.scenario.id, header.main_seat(), folder, tag=f"whatif-{fork_step}"
        )
    recorder = Recorder.create(
        path,
        header,
        position=(session.stage, session.round),
        annotations=[note for note in save.annotations if note.step <= fork_step],
        entries=save.entries[:fork_step],
    )
    return session, recorder
