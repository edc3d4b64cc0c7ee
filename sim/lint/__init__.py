"""`sim lint`: checks deeper than validation — is the scenario playable and balanced?

Errors make a scenario unplayable as written: no agreement above every BATNA passes the
default rule (consensus), a stream whose money can fund nothing, an option nobody scores,
an event that can never fire. Warnings are balance hints a facilitator should look at.
Each finding carries the path it is about, so the command can print FILE:LINE:COL.

It sits above scoring because it asks scoring's optimizer and agreement space, and above
the engine because it builds a `Game`: it cannot live in `sim.scenario`. One module per
family of checks; `run` gathers them and locates each finding in its file.
"""

from sim.lint.finding import Finding, Level
from sim.lint.run import lint, lint_file

__all__ = ["Finding", "Level", "lint", "lint_file"]
