"""A located problem in a scenario file, printed as FILE:LINE:COL: path: message."""

from __future__ import annotations

from dataclasses import dataclass

Path = tuple[str | int, ...]


def dotted(path: Path) -> str:
    """Render a path the way facilitators read it: organizations[3].points.governance."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        elif out:
            out += f".{part}"
        else:
            out = str(part)
    return out or "(document)"


@dataclass(frozen=True, order=True)
class ScenarioError:
    """One problem found in a scenario, with the place it was found."""

    file: str
    line: int
    col: int
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.col}: {self.path}: {self.message}"


class ScenarioInvalid(Exception):
    """Raised by the loader when a scenario has problems; carries all of them."""

    def __init__(self, errors: list[ScenarioError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors
