"""The `sim` parser: the program's description and examples, then every group of commands.

`main` parses, runs the chosen command's handler and returns its exit code; with no command
it opens the home screen, as `sim play` without arguments does.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence

from sim import __version__
from sim.cli import analyze, autoplay, balance, debrief, lint, play, scenario, verify

EPILOG = """\
examples:
  sim                                   open the home screen and browse scenarios
  sim play scenarios/clean-air-compact.toml
  sim validate scenarios/*.toml         check scenario files, errors as FILE:LINE:COL
  sim new river-cleanup                 write a starter scenario that validates
  sim schema -o scenarios/scenario.schema.json
  sim autoplay scenarios/healthy-homes.toml --seed 3 --save saves/demo.toml
  sim balance scenarios/healthy-homes.toml --runs 100 --lessons
                                        play it 100 times per policy: spreads, warnings, lessons
  sim replay saves/demo.toml            step through a saved game: the debrief viewer
  sim report saves/demo.toml -o debrief.html

Scenario files are TOML; the format is documented in docs/authoring.md.
"""

# In the order `sim --help` lists their commands.
GROUPS = (play, scenario, autoplay, balance, analyze, lint, verify, debrief)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sim",
        description=(
            "Common Table: a terminal training game about building cross-sector "
            "partnerships in cities. Without a command, opens the home screen."
        ),
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"sim {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in GROUPS:
        group.add_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", play.run_play)
    if args.command is None:
        args.scenario = None
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
