"""Which screen a game was on, kept beside its save, so resuming reopens the same place.

The save itself belongs to the record layer and holds only the game; this small file
holds only where the person was looking. Losing it loses nothing but that.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

PLACES = ("table", "briefing", "agreement", "allocation", "scorecard")


def place_file(save: Path) -> Path:
    return save.with_name(f".{save.name}.ui.json")


def remember(save: Path, place: str) -> None:
    """Write the place atomically; a failure is ignored because play must go on."""
    target = place_file(save)
    temp = target.with_name(target.name + ".tmp")
    with contextlib.suppress(OSError):
        temp.write_text(json.dumps({"place": place}), encoding="utf-8")
        os.replace(temp, target)


def recall(save: Path) -> str:
    """The place last remembered for a save, or the table."""
    try:
        data = json.loads(place_file(save).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "table"
    place = data.get("place") if isinstance(data, dict) else None
    return place if place in PLACES else "table"
