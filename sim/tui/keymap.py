"""A keymap file: remap any key binding by its id, e.g. `"table.invite" = "ctrl+i"`.

The file is TOML with one `[keys]` table mapping binding ids (shown on the help screen,
`?`) to a key or a comma-separated list of keys, in Textual's key names. It is read from
$SIM_KEYMAP, else $XDG_CONFIG_HOME/common-table/keymap.toml (~/.config/...). A missing
file is no keymap; a broken one is reported and ignored, so a typo never stops play.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from textual.binding import Binding, BindingType

KEYMAP_ENV = "SIM_KEYMAP"
# A keymap is a few lines; anything bigger is not one.
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class Keymap:
    """Binding id → keys, and what was wrong with the file, in plain words."""

    keys: dict[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    path: Path | None = None


def keymap_path() -> Path:
    """Where the keymap is looked for."""
    explicit = os.environ.get(KEYMAP_ENV)
    if explicit:
        return Path(explicit)
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "common-table" / "keymap.toml"


def binding_ids(bindings: Iterable[BindingType]) -> set[str]:
    return {b.id for b in bindings if isinstance(b, Binding) and b.id}


def load_keymap(path: Path, known: set[str]) -> Keymap:
    """Read a keymap file; unknown ids and bad values are problems, not errors."""
    if not path.exists():
        return Keymap(path=None)
    try:
        if not path.is_file() or path.stat().st_size > MAX_BYTES:
            return Keymap(problems=(f"{path}: not a keymap file; keys are as shipped",), path=path)
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Keymap(problems=(f"{path}: cannot be read ({exc}); keys are as shipped",), path=path)
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return Keymap(problems=(f'{path}: [keys] must be a table of id = "key"',), path=path)
    keys: dict[str, str] = {}
    problems: list[str] = []
    for binding, value in table.items():
        if binding not in known:
            problems.append(f"{path}: no key binding is called '{binding}' (see the help screen)")
        elif not isinstance(value, str) or not value.strip():
            problems.append(f"{path}: '{binding}' needs a key such as \"ctrl+i\"")
        else:
            keys[binding] = value.strip()
    return Keymap(keys, tuple(problems), path)
