"""The debrief: a save replayed for the instructor — timeline, key moments, seed lessons,
a seat lens, notes, what-if branches, comparison of tables, and the report.

No Textual here (the viewer lives in `sim.tui.replay.screen`), and no terminal output:
`sim.cli.debrief` runs the commands. Names load on first use, so `sim --help` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.debrief.debrief import Cursor, Debrief
    from sim.debrief.moment import KeyMoment
    from sim.debrief.notes import add_note, delete_note, edit_note
    from sim.debrief.report import report
    from sim.debrief.seminar import seminar_report
    from sim.debrief.whatif import branch_at

_WHERE = {
    "Cursor": "debrief",
    "Debrief": "debrief",
    "KeyMoment": "moment",
    "add_note": "notes",
    "delete_note": "notes",
    "edit_note": "notes",
    "report": "report",
    "seminar_report": "seminar",
    "branch_at": "whatif",
}
__all__ = [
    "Cursor",
    "Debrief",
    "KeyMoment",
    "add_note",
    "branch_at",
    "delete_note",
    "edit_note",
    "report",
    "seminar_report",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'sim.debrief' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sim.debrief.{_WHERE[name]}"), name)
