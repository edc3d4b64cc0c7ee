"""The `sim analyze` and `sim lint` commands, registered on the `sim` parser by `add_commands`.

Exit codes follow the command line's contract: 0 success, 1 the scenario was checked and
is wrong (lint errors, or it does not validate), 2 a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

# Only the standard library at import time: `add_commands` runs on every `sim` start, and
# numpy and scipy are loaded when analyze or lint actually runs.
DEFAULT_COALITION = 3
RULES = (
    "consensus",
    "consensus_minus_one",
    "supermajority",
    "majority",
    "weighted",
    "executive_committee",
)

ANALYZE_HELP = (
    "Analyze SCENARIO before play: the optimal allocation (an exact MILP optimum over every "
    "stream rule, assuming every organization pledges all its money), and the agreement "
    "space — packages that pass RULE, the welfare, Nash-product and max-min packages, veto "
    "players, minimal blocking coalitions and the Pareto frontier."
)
LINT_HELP = (
    "Check that SCENARIO is playable and balanced: an agreement above every BATNA passes "
    "consensus, every stream can fund a project, every option scores for someone, every "
    "event can fire. Problems print as FILE:LINE:COL: path: message, balance hints as "
    "warnings; exit 1 when there is an error, 0 with only warnings."
)


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register `analyze` and `lint` on the `sim` command's subparsers."""
    analyze = subparsers.add_parser(
        "analyze",
        help="optimal allocation, welfare/Nash agreements, veto players, blocking coalitions",
        description=ANALYZE_HELP,
    )
    analyze.add_argument("scenario", type=Path, metavar="SCENARIO")
    analyze.add_argument(
        "--rule",
        default="consensus",
        metavar="RULE",
        help=f"decision rule for passing ({', '.join(RULES)}; supermajority:0.75; or a "
        "decision-rule option id of the scenario); default consensus",
    )
    analyze.add_argument(
        "--max-coalition",
        type=int,
        default=DEFAULT_COALITION,
        metavar="K",
        help=f"largest blocking coalition to look for (default {DEFAULT_COALITION})",
    )
    analyze.add_argument("--json", action="store_true", help="print one JSON object")
    analyze.set_defaults(handler=run_analyze)

    lint = subparsers.add_parser(
        "lint", help="deeper checks: playable and balanced?", description=LINT_HELP
    )
    lint.add_argument("files", nargs="+", type=Path, metavar="SCENARIO")
    lint.set_defaults(handler=run_lint)


def _error(message: str) -> None:
    sys.stderr.write(f"sim: {message}\n")


def run_analyze(args: argparse.Namespace) -> int:
    from sim.scenario import ScenarioInvalid, load_scenario
    from sim.scoring.analysis import analyze_scenario, render_analysis
    from sim.scoring.rules import parse_rule
    from sim.scoring.space import SpaceTooLarge

    try:
        scenario = load_scenario(args.scenario)
    except ScenarioInvalid as exc:
        for error in exc.errors:
            sys.stderr.write(f"{error}\n")
        return 1
    try:
        rule = parse_rule(args.rule, scenario)
    except ValueError as exc:
        _error(str(exc))
        return 2
    if args.max_coalition < 0:
        _error("--max-coalition must be 0 or more")
        return 2
    try:
        data = analyze_scenario(scenario, rule, args.max_coalition)
    except SpaceTooLarge as exc:
        _error(f"{args.scenario}: {exc}")
        return 1
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        sys.stdout.write(render_analysis(data))
    return 0


def run_lint(args: argparse.Namespace) -> int:
    from sim.scenario import ScenarioInvalid
    from sim.scoring.lint import lint_file

    bad = 0
    for file in args.files:
        try:
            findings = lint_file(file)
        except ScenarioInvalid as exc:
            bad += 1
            for error in exc.errors:
                sys.stderr.write(f"{error}\n")
            continue
        errors = [f for f in findings if not f.message.startswith("warning: ")]
        for finding in findings:
            sys.stderr.write(f"{finding}\n")
        warnings = len(findings) - len(errors)
        if errors:
            bad += 1
            sys.stdout.write(f"{file}: {len(errors)} error(s), {warnings} warning(s)\n")
        else:
            sys.stdout.write(
                f"{file}: ok" + (f" ({warnings} warning(s))" if warnings else "") + "\n"
            )
    return 1 if bad else 0
