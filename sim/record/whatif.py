"""What-if branches: a new save holding a game's first steps, ready to play differently.

`sessions.branch` writes the new save (recording its parent and fork step);
this adds what the debrief viewer needs around it: a closed file, and the way to play it on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim.record.sessions import branch


@dataclass(frozen=True)
class WhatIf:
    path: Path
    parent: Path
    fork_step: int

    @property
    def play_command(self) -> str:
        return f"sim play --resume {self.path}"


def branch_at(parent: Path, fork_step: int, path: Path | None = None) -> WhatIf:
    """Write a what-if save that starts from the state after `fork_step` actions."""
    _session, recorder = branch(parent, fork_step, path)
    recorder.close()  # the save is complete on disk; whoever plays it resumes it
    return WhatIf(Path(recorder.path), parent, fork_step)
