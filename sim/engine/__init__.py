"""The rules of the game: no I/O, no Textual. `Game` holds a scenario; `Session` is a play.

Names load on first use, so that a rule module importing `sim.engine.actions` does not
pull in the session facade that imports it (no import cycle through this package).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.engine.game import Game
    from sim.engine.session import IllegalAction, Session

_WHERE = {"Game": "game", "IllegalAction": "session", "Session": "session"}
__all__ = ["Game", "IllegalAction", "Session"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'sim.engine' has no attribute {name!r}")
    return getattr(importlib.import_module(f"sim.engine.{_WHERE[name]}"), name)
