"""Saves: record every action durably, resume after a crash, verify, replay, annotate, branch.

The layer never imports the UI and never prints; `sim.cli.verify` speaks for it.
Names are loaded on first use so that `import sim.record` stays cheap for the command line.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.record.errors import Mismatch, OtherRules, SaveError, TornSave
    from sim.record.live import autoplay_recorded
    from sim.record.model import Annotation, Entry, Header, Save, SeatRecord
    from sim.record.notes import add_note, delete_note, edit_note
    from sim.record.reader import load_save, require_complete
    from sim.record.recorder import Recorder
    from sim.record.replay import Replay
    from sim.record.rewrite import annotate
    from sim.record.sessions import branch, resume, start
    from sim.record.simulate import verify
    from sim.record.whatif import WhatIf, branch_at

_WHERE = {
    "Mismatch": "errors",
    "OtherRules": "errors",
    "SaveError": "errors",
    "TornSave": "errors",
    "autoplay_recorded": "live",
    "Annotation": "model",
    "Entry": "model",
    "Header": "model",
    "Save": "model",
    "SeatRecord": "model",
    "add_note": "notes",
    "delete_note": "notes",
    "edit_note": "notes",
    "load_save": "reader",
    "require_complete": "reader",
    "Recorder": "recorder",
    "Replay": "replay",
    "annotate": "rewrite",
    "branch": "sessions",
    "resume": "sessions",
    "start": "sessions",
    "verify": "simulate",
    "WhatIf": "whatif",
    "branch_at": "whatif",
}
__all__ = [
    "Annotation",
    "Entry",
    "Header",
    "Mismatch",
    "OtherRules",
    "Recorder",
    "Replay",
    "Save",
    "SaveError",
    "SeatRecord",
    "TornSave",
    "WhatIf",
    "add_note",
    "annotate",
    "autoplay_recorded",
    "branch",
    "branch_at",
    "delete_note",
    "edit_note",
    "load_save",
    "require_complete",
    "resume",
    "start",
    "verify",
]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'sim.record' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sim.record.{_WHERE[name]}"), name)
