"""The debrief: a save replayed for the instructor, grouped by job.

- `debrief.py`: `Debrief`, one save opened (replayed and traced), and the viewer's `Cursor`.
- `trace/`: re-simulating a save step by step: frames of figures, scores, the timeline.
- `moments/`: the key-moment detectors, the seed lessons they show, and their questions.
- `views/`: what the instructor sees: the full-information `InstructorView`, a seat's
  lens, the optimum beside the table's choices, and tables of one seminar compared.
- `render/`: the report and the seminar report as documents, drawn as Markdown or HTML.

Notes and what-if branches edit the save, so they live in `sim.record` (`notes`,
`whatif`). No Textual here (the viewer lives in `sim.tui.replay`), and no terminal output:
`sim.cli.debrief` runs the commands. Names load on first use, so `sim --help` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.debrief.debrief import Cursor, Debrief
    from sim.debrief.moments.moment import KeyMoment
    from sim.debrief.render.report import report
    from sim.debrief.render.seminar import seminar_report
    from sim.debrief.views.instructor import InstructorView

_WHERE = {
    "Cursor": "debrief",
    "Debrief": "debrief",
    "InstructorView": "views.instructor",
    "KeyMoment": "moments.moment",
    "report": "render.report",
    "seminar_report": "render.seminar",
}
__all__ = ["Cursor", "Debrief", "InstructorView", "KeyMoment", "report", "seminar_report"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'sim.debrief' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sim.debrief.{_WHERE[name]}"), name)
