"""`sim verify`'s whole check of a save file: read and re-simulate it one entry at a time,
then say how it ends and check a what-if branch against its parent.

The first entry that fails to read or to re-simulate stops the check: a large damaged save
costs only the entries before the damage.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sim.engine.session import Session
from sim.record.errors import SaveError, TornSave
from sim.record.model import Branch, Entry, Header
from sim.record.reader import load_save, open_save, read_bytes
from sim.record.simulate import replay_entries, require_same_rules


@dataclass(frozen=True)
class Verified:
    """A save that re-simulated to every recorded hash, and what can be said of its end."""

    header: Header
    steps: int
    session: Session
    closed: bool  # its last entry says the game ended there
    bound: bool  # version 3 on: entries bound to the header, and a close record kept
    parent_note: str | None = None  # a branch whose parent could not be compared

    def state(self) -> str:
        """Where the re-simulated game stands after the last step."""
        s = self.session
        return "finished" if s.is_over else f"stopped in {s.stage}, round {s.round}"

    def notes(self) -> list[str]:
        """What else the person should know: a save that merely stops, a parent not here."""
        out = []
        if self.bound and not self.closed:
            # Before version 3 a save had no close record; the re-simulation is all there is.
            out.append(
                f"ends after step {self.steps}; no close record (a game still in progress, "
                "or a save cut short)"
            )
        if self.parent_note:
            out.append(self.parent_note)
        return out


def verify_file(path: str | os.PathLike[str]) -> Verified:
    """Check a save completely; SaveError (one line, naming the part) at the first problem."""
    opened = open_save(read_bytes(path))
    try:
        require_same_rules(opened.header)
    except SaveError:
        for _ in opened.entries():  # damage is still reported as damage, not as other rules
            pass
        raise
    branch = opened.header.branch
    fork = branch.fork_step if branch is not None else 0
    shared: list[str] = []  # the hashes of the steps a branch shares with its parent

    def entries() -> Iterator[Entry]:
        for entry in opened.entries():
            if entry.step <= fork:
                shared.append(entry.hash)
            yield entry

    session = replay_entries(opened.header, entries())
    if opened.torn is not None:
        torn = opened.torn
        problem = f"{torn.message()}; resuming the save drops it and continues"
        raise TornSave(f"step {torn.step}", problem, torn.step)
    note = None
    if branch is not None:
        note = _check_parent(Path(path), opened.header, branch, shared)
    return Verified(
        header=opened.header,
        steps=len(session.history),
        session=session,
        closed=opened.last_over,
        bound=opened.header.bound is not None,
        parent_note=note,
    )


def _parent_path(save: Path, parent: str) -> Path | None:
    """Where the parent is: as written, else beside the branch (where branches are made)."""
    for candidate in (Path(parent), save.parent / Path(parent).name):
        if candidate.is_file():
            return candidate
    return None


def _check_parent(save: Path, header: Header, branch: Branch, shared: list[str]) -> str | None:
    """A branch's first steps are its parent's: same game, same hashes up to the fork."""
    found = _parent_path(save, branch.parent)
    if found is None:
        return f"its parent {branch.parent} is not here, so the shared steps were not compared"
    try:
        parent = load_save(found)
    except SaveError as exc:
        raise SaveError("branch", f"its parent {found} cannot be read: {exc}") from None
    same = (parent.header.scenario.sha256, parent.header.seed, parent.header.rules) == (
        header.scenario.sha256,
        header.seed,
        header.rules,
    )
    if not same:
        raise SaveError(
            "branch", f"its parent {found} is a different game (scenario, seed or rules)"
        )
    if len(parent.entries) < branch.fork_step:
        raise SaveError(
            "branch",
            f"it forks at step {branch.fork_step}, but its parent {found} holds only "
            f"{len(parent.entries)} steps",
        )
    for entry, ours in zip(parent.entries, shared, strict=False):
        if entry.hash != ours:
            raise SaveError(
                "branch",
                f"step {entry.step} differs from its parent {found}, though the branch "
                f"copies the parent's first {branch.fork_step} steps",
            )
    return None
