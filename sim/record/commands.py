"""The record layer's subcommands for the `sim` command line: `sim verify SAVE`.

`sim.cli` calls `add_commands(subparsers)`; each handler returns an exit code (0 ok, 1 the
save was checked and is wrong) and writes errors to stderr as one line, never a traceback.
Imports happen inside handlers so that `sim --help` stays fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `verify` on the `sim` command's subparsers."""
    verify = subparsers.add_parser(
        "verify",
        help="re-simulate a save; exit 0 when every recorded state hash matches",
        description=(
            "Re-simulate SAVE from its embedded scenario, seed and actions and compare the "
            "state hash recorded after every action. Exit 0 when all match; exit 1 with the "
            "first step that differs, or the damage found, in one line on stderr. A final "
            "entry cut off by a crash counts as damage here; `sim play --resume` drops it."
        ),
    )
    verify.add_argument("save", type=Path, metavar="SAVE")
    verify.set_defaults(handler=verify_command)


def verify_command(args: argparse.Namespace) -> int:
    from sim.record.errors import SaveError
    from sim.record.reader import load_save, require_complete
    from sim.record.simulate import verify

    try:
        save = require_complete(load_save(args.save))
        session = verify(save)
    except SaveError as exc:
        sys.stderr.write(f"sim: {args.save}: {exc}\n")
        return 1
    header = save.header
    state = "finished" if session.is_over else f"stopped in {session.stage}, round {session.round}"
    sys.stdout.write(
        f"{args.save}: ok: {len(save.entries)} steps verified "
        f"({header.scenario.id}, seed {header.seed}, {state})\n"
    )
    return 0
