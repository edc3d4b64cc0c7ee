"""`sim new`: write a commented starter scenario that validates as it is."""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from sim.scenario.schema import scenario_schema_text

SCHEMA_NAME = "scenario.schema.json"


class StarterError(Exception):
    """A starter could not be written; the message says why in one line."""


def starter_text(scenario_id: str, title: str, file_name: str) -> str:
    """The starter scenario with its id, title and file name filled in."""
    template = files("sim.scenario").joinpath("starter.toml").read_text(encoding="utf-8")
    return (
        template.replace("__ID__", scenario_id)
        .replace("__TITLE__", title)
        .replace("__FILE__", file_name)
    )


def _id_from(name: str) -> str:
    slug = re.sub(r"[^a-z0-9_-]+", "-", name.lower()).strip("-_")
    return slug[:64] or "my-scenario"


def write_starter(name: str, cwd: Path) -> Path:
    """Write the starter where a facilitator expects it; never overwrite a file."""
    if name.endswith(".toml"):
        target = Path(name) if Path(name).is_absolute() else cwd / name
    else:
        folder = cwd / "scenarios" if (cwd / "scenarios").is_dir() else cwd
        target = folder / f"{_id_from(name)}.toml"
    if target.exists():
        raise StarterError(f"{target} already exists; choose another name")
    if not target.parent.is_dir():
        raise StarterError(f"folder {target.parent} does not exist")
    scenario_id = _id_from(target.stem)
    title = target.stem.replace("-", " ").replace("_", " ").strip().title() or "My Scenario"
    shown = target.relative_to(cwd) if target.is_relative_to(cwd) else target
    try:
        target.write_text(starter_text(scenario_id, title, str(shown)), encoding="utf-8")
        schema = target.parent / SCHEMA_NAME
        # The '#:schema' line points beside the file, so editors need the schema there.
        if not schema.exists():
            schema.write_text(scenario_schema_text(), encoding="utf-8")
    except OSError as exc:
        raise StarterError(f"cannot write {target}: {exc.strerror or exc}") from None
    return shown
