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
            "A save played under other rules than this sim's exits 1 saying so: it is not "
            "damaged, but this sim cannot re-simulate it."
        ),
    )
    verify.add_argument("save", type=Path, metavar="SAVE")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from sim.record.errors import SaveError
    from sim.record.reader import load_save, require_complete
    from sim.record.simulate import require_same_rules, verify

    try:
        save = load_save(args.save)
        require_same_rules(save.header)
        session = verify(require_complete(save))
    except SaveError as exc:
        error(f"{args.save}: {exc}")
        return 1
    header = save.header
    state = "finished" if session.is_over else f"stopped in {session.stage}, round {session.round}"
    sys.stdout.write(
        f"{args.save}: ok: {len(save.entries)} steps verified "
        f"({header.scenario.id}, seed {header.seed}, {state})\n"
    )
    return 0
