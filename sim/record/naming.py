"""Where saves go by default: `saves/<scenario-id>-<yyyymmdd-hhmmss>-<seat>.toml`.

The time is local, because people pick a save from a list by when they played it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

SAVES = Path("saves")


def default_name(scenario_id: str, seat: str, when: datetime | None = None, tag: str = "") -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{scenario_id}-{stamp}-{seat}{'-' + tag if tag else ''}.toml"


def default_path(
    scenario_id: str,
    seat: str,
    folder: Path = SAVES,
    when: datetime | None = None,
    tag: str = "",
) -> Path:
    """A free default path in `folder`; two games started in one second get -2, -3..."""
    first = folder / default_name(scenario_id, seat, when, tag)
    path, n = first, 1
    while path.exists():
        n += 1
        path = first.with_name(f"{first.stem}-{n}{first.suffix}")
    return path
