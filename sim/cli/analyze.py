"""`sim analyze`: a scenario's optimal allocation and agreement space, before anyone plays.

Only the standard library at import time: `add_commands` runs on every `sim` start, and
numpy and scipy load when the command runs. `RULES` and `DEFAULT_COALITION` repeat the
scoring layer's for the help text; a test keeps them equal.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sim.cli.shared import Subcommands, error, load_or_report

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


def add_commands(subparsers: Subcommands) -> None:
    """Register `analyze` on the `sim` command's subparsers."""
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


def run_analyze(args: argparse.Namespace) -> int:
    from sim.scoring.analysis import analyze_scenario, render_analysis
    from sim.scoring.rules import parse_rule
    from sim.scoring.space import SpaceTooLarge

    scenario = load_or_report(args.scenario)
    if scenario is None:
        return 1
    try:
        rule = parse_rule(args.rule, scenario)
    except ValueError as exc:
        error(str(exc))
        return 2
    if args.max_coalition < 0:
        error("--max-coalition must be 0 or more")
        return 2
    try:
        data = analyze_scenario(scenario, rule, args.max_coalition)
    except SpaceTooLarge as exc:
        error(f"{args.scenario}: {exc}")
        return 1
    if args.json:
        sys.stdout.write(json.dumps(data, indent=2) + "\n")
    else:
        sys.stdout.write(render_analysis(data))
    return 0
