"""`sim verify SAVE`: is this save intact, and does it re-simulate to every recorded hash?

Exit 0 when every hash matches; 1 when the save was checked and is wrong, or was played
under other rules than this sim plays (it is then intact, only not re-simulable here).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.cli.shared import Subcommands, error


def add_commands(subparsers: Subcommands) -> None:
    """Register `verify` on the `sim` command's subparsers."""
    verify = subparsers.add_parser(
        "verify",
        help="re-simulate a save; exit 0 when every recorded state hash matches",
        description=(
            "Re-simulate SAVE from its embedded scenario, seed and actions and compare the "
            "state hash recorded after every action. Exit 0 when all match; exit 1 with the "
            "first step that differs, or the damage found, in one line on stderr. A final "
            "entry cut off by a crash counts as damage here; `sim play --resume` drops it. "
            "A finished game's last entry says it ended; a save without that close record "
            "is reported as ending after its last step (a game in progress, or a save cut "
            "short), which is not an error. "
            "A save played under other rules than this sim's exits 1 saying so: it is not "
            "damaged, but this sim cannot re-simulate it."
        ),
    )
    verify.add_argument("save", type=Path, metavar="SAVE")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from sim.record.audit import verify_file
    from sim.record.errors import SaveError

    try:
        verified = verify_file(args.save)
    except SaveError as exc:
        error(f"{args.save}: {exc}")
        return 1
    header = verified.header
    line = (
        f"{args.save}: ok: {verified.steps} steps verified "
        f"({header.scenario.id}, seed {header.seed}, {verified.state()})"
    )
    sys.stdout.write("; ".join([line, *verified.notes()]) + "\n")
    return 0
