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


def unknown_seat(seat: str, scenario: Scenario) -> str:
    """Why a --seat is not one, with the nearest seat and every seat one could type."""
    import difflib

    seats = {"convener": scenario.convener.name}
    seats.update({org.id: org.name for org in scenario.organizations})
    by_name = {name.lower(): seat_id for seat_id, name in seats.items()}
    near = difflib.get_close_matches(seat, list(seats), n=1, cutoff=0.6) or [
        by_name[m] for m in difflib.get_close_matches(seat.lower(), list(by_name), n=1, cutoff=0.6)
    ]
    hint = f"did you mean {near[0]} ({seats[near[0]]})? " if near else ""
    return (
        f"unknown seat '{seat}': {hint}the seats are convener and the organization ids: "
        + ", ".join(org.id for org in scenario.organizations)
    )
