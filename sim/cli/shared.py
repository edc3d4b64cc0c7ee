"""What every command shares: the subparsers it registers on, and how it reports a problem."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from sim.scenario.models import Scenario

# argparse names its subparsers type privately, and it is generic only to type checkers:
# one alias, quoted, keeps both facts in one place.
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def error(message: str) -> None:
    """One line on stderr, prefixed like every `sim` error."""
    print(f"sim: {message}", file=sys.stderr)


def located(errors: Iterable[object]) -> None:
    """Scenario errors, one FILE:LINE:COL line each, on stderr."""
    for line in errors:
        print(line, file=sys.stderr)


def load_or_report(path: Path) -> Scenario | None:
    """Load a scenario, printing its located errors when it is invalid."""
    from sim.scenario import ScenarioInvalid, load_scenario

    try:
        return load_scenario(path)
    except ScenarioInvalid as exc:
        located(exc.errors)
        return None
