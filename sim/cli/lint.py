"""`sim lint`: checks deeper than `sim validate` — is each scenario playable and balanced?"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from sim.cli.shared import Subcommands, located

LINT_HELP = (
    "Check that SCENARIO is playable and balanced: an agreement above every BATNA passes "
    "consensus, every stream can fund a project, every option scores for someone, every "
    "event can fire. Problems print as FILE:LINE:COL: path: message, balance hints as "
    "warnings; exit 1 when there is an error, 0 with only warnings. With --play N it also "
    "plays N games (seeds 1 to N, every convener policy in turn, each result named in turn) "
    "and warns about what never happened in any of them: events that never fire, targets "
    "never reached, options never adopted, projects never funded."
)
# Characters in the progress bar `--play` draws on a terminal.
PROGRESS_WIDTH = 30
# More games than this tell a facilitator nothing new and take minutes.
MAX_GAMES = 10_000


def _games(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of games") from None
    if not 1 <= number <= MAX_GAMES:
        raise argparse.ArgumentTypeError(f"play between 1 and {MAX_GAMES:,} games, not {number}")
    return number


def add_commands(subparsers: Subcommands) -> None:
    """Register `lint` on the `sim` command's subparsers."""
    lint = subparsers.add_parser(
        "lint", help="deeper checks: playable and balanced?", description=LINT_HELP
    )
    lint.add_argument("files", nargs="+", type=Path, metavar="SCENARIO")
    lint.add_argument(
        "--play",
        type=_games,
        default=0,
        metavar="N",
        help="also play N games and report what never happens in them (try 60)",
    )
    lint.set_defaults(handler=run_lint)


def run_lint(args: argparse.Namespace) -> int:
    from sim.lint import lint_file
    from sim.scenario import ScenarioInvalid

    bad = 0
    for file in args.files:
        try:
            findings = lint_file(file, args.play, _progress(file) if args.play else None)
        except ScenarioInvalid as exc:
            bad += 1
            located(exc.errors)
            continue
        errors = [f for f in findings if not f.message.startswith("warning: ")]
        located(findings)
        warnings = len(findings) - len(errors)
        if errors:
            bad += 1
            print(f"{file}: {len(errors)} error(s), {warnings} warning(s)")
        else:
            print(f"{file}: ok" + (f" ({warnings} warning(s))" if warnings else ""))
    return 1 if bad else 0


def _progress(file: Path) -> Callable[[int, int], None] | None:
    """A progress line on stderr while the games play, only when a person is watching."""
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        bar = "#" * (PROGRESS_WIDTH * done // total)
        end = "\n" if done == total else ""
        sys.stderr.write(f"\r{file}: playing {bar:<{PROGRESS_WIDTH}} {done}/{total}{end}")
        sys.stderr.flush()

    return show
