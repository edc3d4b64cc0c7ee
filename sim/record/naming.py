"""Where saves go by default: `saves/<scenario-id>-<yyyymmdd-hhmmss>-<seat>.toml`.

The time is local, because people pick a save from a list by when they played it.
Every part of a name may come from a file (a what-if branch takes the scenario id from the
save it forks), so each is reduced to lowercase letters, digits, '-' and '_' before use, and
the path is checked to stay inside the folder it is meant for: an id such as
`../../escaped` or `/etc/x` names a file in that folder, never outside it.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

SAVES = Path("saves")
# A part of a file name: at most this long, and never empty.
PART_CHARS = 48
_UNSAFE = re.compile(r"[^a-z0-9_-]+")


def safe_part(text: str, fallback: str = "save") -> str:
    """A piece of a file name made from file data: no separators, dots or spaces."""
    slug = _UNSAFE.sub("-", text.lower()).strip("-_")[:PART_CHARS].strip("-_")
    return slug or fallback


def default_name(scenario_id: str, seat: str, when: datetime | None = None, tag: str = "") -> str:
    stamp = (when or datetime.now()).strftime("%Y%m%d-%H%M%S")
    parts = [safe_part(scenario_id, "scenario"), stamp, safe_part(seat, "seat")]
    if tag:
        parts.append(safe_part(tag, "copy"))
    return "-".join(parts) + ".toml"


def inside(folder: Path, name: str) -> Path:
    """folder/name, refusing any name that would leave the folder (ValueError)."""
    path = folder / name
    if path.resolve().parent != folder.resolve() or Path(name).name != name:
        raise ValueError(f"{name!r} would leave the folder {folder}")
    return path


def default_path(
    scenario_id: str,
    seat: str,
    folder: Path = SAVES,
    when: datetime | None = None,
    tag: str = "",
) -> Path:
    """A free default path in `folder`; two games started in one second get -2, -3..."""
    first = inside(folder, default_name(scenario_id, seat, when, tag))
    path, n = first, 1
    while path.exists():
        n += 1
        path = inside(folder, f"{first.stem}-{n}{first.suffix}")
    return path
