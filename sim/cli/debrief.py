"""The instructor's commands: `sim replay` opens the debrief viewer, `sim report` writes one.

Textual loads only when the viewer opens: the debrief itself is a rules-side layer, and the
command line is where it meets the terminal UI.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sim.cli.output import OutputRefused, check_output, write_output
from sim.cli.shared import Subcommands, error

if TYPE_CHECKING:
    from sim.debrief.debrief import Debrief


def add_commands(subparsers: Subcommands) -> None:
    """Register `replay` and `report` on the `sim` command's subparsers."""
    replay = subparsers.add_parser(
        "replay",
        help="the debrief viewer: step through a save, key moments, notes, what-if branches",
        description=(
            "Open SAVE in the debrief viewer: the timeline by stage, the state at any step, "
            "charts, key moments, a seat lens, instructors' notes (saved into the file) and "
            "what-if branches. With --compare, other saves of the same scenario sit beside it."
        ),
    )
    replay.add_argument("save", type=Path, metavar="SAVE")
    replay.add_argument(
        "--compare", nargs="+", type=Path, default=[], metavar="SAVE", help="other tables"
    )
    replay.add_argument("--step", type=int, help="open at this step (default: the last)")
    replay.set_defaults(handler=run_replay)

    report = subparsers.add_parser(
        "report",
        help="a debrief report: Markdown, or HTML with SVG charts when FILE ends in .html",
        description=(
            "Write the debrief of SAVE in Thiagarajan's six phases: the scorecard, the timeline "
            "by stage, key moments with questions, the seed lessons and real cases, what-if "
            "branch points, the optimum, and the instructors' notes. With --compare, a "
            "seminar-wide report of every table instead."
        ),
    )
    report.add_argument("save", type=Path, metavar="SAVE")
    report.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (.html: HTML)"
    )
    report.add_argument(
        "--compare", nargs="+", type=Path, default=[], metavar="SAVE", help="other tables"
    )
    report.add_argument(
        "--force",
        action="store_true",
        help="overwrite FILE if it exists (never a save, and never a save being reported)",
    )
    report.set_defaults(handler=run_report)


def _open_all(paths: list[Path]) -> list[Debrief] | None:
    """Every save opened for the debrief, or None after saying which one could not be."""
    from sim.debrief.debrief import Debrief
    from sim.record.errors import SaveError

    opened: list[Debrief] = []
    for path in paths:
        try:
            opened.append(Debrief.open(path))
        except SaveError as exc:
            error(f"{path}: {exc}")
            return None
    return opened


def run_report(args: argparse.Namespace) -> int:
    from sim.debrief.render.output import render
    from sim.debrief.render.report import report
    from sim.debrief.render.seminar import seminar_report
    from sim.record.errors import SaveError

    if args.output is not None:
        try:
            check_output(args.output, [args.save, *args.compare], args.force)
        except OutputRefused as exc:
            error(str(exc))
            return 2
    debriefs = _open_all([args.save, *args.compare])
    if debriefs is None:
        return 1
    try:
        doc = seminar_report(debriefs) if args.compare else report(debriefs[0])
    except SaveError as exc:
        error(str(exc))
        return 1
    text = render(doc, args.output)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        write_output(args.output, text)
    except OSError as exc:
        error(f"cannot write {args.output}: {exc.strerror or exc}")
        return 1
    sys.stdout.write(f"wrote {args.output}\n")
    return 0


def run_replay(args: argparse.Namespace) -> int:
    from sim.record.errors import SaveError
    from sim.record.reader import glance

    # The header and an entry count paint the first frame; the viewer checks the rest.
    try:
        seen = glance(args.save)
    except SaveError as exc:
        error(f"{args.save}: {exc}")
        return 1
    if args.step is not None and not 0 <= args.step <= seen.steps:
        error(f"--step {args.step}: the save has steps 0-{seen.steps}")
        return 2
    from sim.tui.app import run_viewer
    from sim.tui.replay.opening import Opening

    problem = run_viewer(Opening(args.save, seen, tuple(args.compare), args.step))
    if problem is not None:
        error(problem)
        return 1
    return 0
