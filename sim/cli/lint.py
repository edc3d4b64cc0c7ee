"""`sim lint`: checks deeper than `sim validate` — is each scenario playable and balanced?"""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.cli.shared import Subcommands, located

LINT_HELP = (
    "Check that SCENARIO is playable and balanced: an agreement above every BATNA passes "
    "consensus, every stream can fund a project, every option scores for someone, every "
    "event can fire. Problems print as FILE:LINE:COL: path: message, balance hints as "
    "warnings; exit 1 when there is an error, 0 with only warnings."
)


def add_commands(subparsers: Subcommands) -> None:
    """Register `lint` on the `sim` command's subparsers."""
    lint = subparsers.add_parser(
        "lint", help="deeper checks: playable and balanced?", description=LINT_HELP
    )
    lint.add_argument("files", nargs="+", type=Path, metavar="SCENARIO")
    lint.set_defaults(handler=run_lint)


def run_lint(args: argparse.Namespace) -> int:
    from sim.lint import lint_file
    from sim.scenario import ScenarioInvalid

    bad = 0
    for file in args.files:
        try:
            findings = lint_file(file)
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
