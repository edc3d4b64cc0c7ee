"""The debrief's subcommands for the `sim` command line: `sim replay` and `sim report`.

`sim.cli` calls `add_commands(subparsers)`; each handler returns an exit code (0 ok, 1 a save
was checked and is wrong or a file could not be written) and writes errors to stderr as one
line. Imports happen inside handlers so that `sim --help` stays fast and Textual loads only
for the viewer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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
    replay.set_defaults(handler=replay_command)

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
    report.set_defaults(handler=report_command)


def _open_all(paths: list[Path]) -> list[object] | None:
    from sim.debrief.debrief import Debrief
    from sim.record.errors import SaveError

    opened: list[object] = []
    for path in paths:
        try:
            opened.append(Debrief.open(path))
        except SaveError as exc:
            sys.stderr.write(f"sim: {path}: {exc}\n")
            return None
    return opened


def report_command(args: argparse.Namespace) -> int:
    from sim.debrief.debrief import Debrief
    from sim.debrief.render.output import render
    from sim.debrief.render.report import report
    from sim.debrief.render.seminar import seminar_report
    from sim.record.errors import SaveError

    opened = _open_all([args.save, *args.compare])
    if opened is None:
        return 1
    debriefs = [d for d in opened if isinstance(d, Debrief)]
    try:
        doc = seminar_report(debriefs) if args.compare else report(debriefs[0])
    except SaveError as exc:
        sys.stderr.write(f"sim: {exc}\n")
        return 1
    text = render(doc, args.output)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        sys.stderr.write(f"sim: cannot write {args.output}: {exc.strerror or exc}\n")
        return 1
    sys.stdout.write(f"wrote {args.output}\n")
    return 0


def replay_command(args: argparse.Namespace) -> int:
    from sim.debrief.debrief import Debrief
    from sim.record.errors import SaveError

    try:
        debrief = Debrief.open(args.save, check_every_step=False)
    except SaveError as exc:
        sys.stderr.write(f"sim: {args.save}: {exc}\n")
        return 1
    if args.step is not None and not 0 <= args.step <= debrief.steps:
        sys.stderr.write(f"sim: --step {args.step}: the save has steps 0-{debrief.steps}\n")
        return 2
    from sim.tui.app import run_viewer

    run_viewer(debrief, compare=list(args.compare), step=args.step)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m sim.debrief.commands replay|report …`: the same commands on their own."""
    parser = argparse.ArgumentParser(prog="sim")
    add_commands(parser.add_subparsers(dest="command", metavar="COMMAND", required=True))
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
