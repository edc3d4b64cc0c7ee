"""The errors the record layer raises: a save that cannot be read, trusted, written, or
re-simulated under this sim's rules.

Each message is a single line that names where the problem is (a step, the header, the
scenario, the file), because the command line prints it as-is and never a traceback.
"""

from __future__ import annotations


class SaveError(Exception):
    """A damaged, mismatched or unwritable save; `where` is e.g. 'step 12' or 'header'."""

    def __init__(self, where: str, problem: str, step: int | None = None) -> None:
        problem = " ".join(problem.split())  # one line, whatever the cause said
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem
        self.step = step

    @classmethod
    def at_step(cls, step: int, problem: str) -> SaveError:
        return cls(f"step {step}", problem, step)


class Mismatch(SaveError):
    """Re-simulation disagrees with the recording at `step` (verify, replay, resume)."""


class TornSave(SaveError):
    """The final entry is incomplete: the game stopped while writing it (see docs)."""


class OtherRules(SaveError):
    """The save is intact, but was played under other rules than this sim plays, so it
    cannot be re-simulated here: its hashes would differ without anything being wrong."""

    def __init__(self, played: int, plays: int) -> None:
        super().__init__(
            "rules",
            f"played under rules {played}; this sim plays rules {plays}, "
            "so it cannot re-simulate it",
        )
        self.played = played
        self.plays = plays

    def __str__(self) -> str:
        return self.problem  # the sentence names the rules itself; "rules: " would repeat it
