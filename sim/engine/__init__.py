"""The rules of the game: no I/O, no Textual. `Game` holds a scenario; `Session` is a play."""

from sim.engine.game import Game
from sim.engine.session import IllegalAction, Session

__all__ = ["Game", "IllegalAction", "Session"]
