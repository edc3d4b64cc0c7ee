"""Headless play and the rules' shape: `sim autoplay` and `sim graph`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sim.cli.shared import Subcommands, error, load_or_report

POLICIES = ("full", "skip", "random", "greedy")


def add_commands(subparsers: Subcommands) -> None:
    """Register `autoplay` and `graph` on the `sim` command's subparsers."""
    auto = subparsers.add_parser(
        "autoplay",
        help="play a whole game headless with a scripted convener",
        description=(
            "Play SCENARIO from forming to adjourning with a scripted convener and bots in "
            "every organization seat. Policies: full (every stage, with care), skip (forming "
            "straight to performing), random (any legal action), greedy (the quickest gain "
            "at each step)."
        ),
    )
    auto.add_argument("scenario", type=Path, metavar="SCENARIO")
    auto.add_argument("--seed", type=int, default=1, help="the game's random seed (default 1)")
    auto.add_argument("--policy", choices=POLICIES, default="full")
    auto.add_argument(
        "--seat", default="convener", help="also report this seat's outcome (an organization id)"
    )
    auto.add_argument("--json", action="store_true", help="print one JSON object")
    auto.add_argument(
        "--save",
        type=Path,
        metavar="FILE",
        help="save every action to FILE as it is played (a folder gets the default name)",
    )
    auto.set_defaults(handler=run_autoplay)

    graph = subparsers.add_parser(
        "graph",
        help="print the stage machine as a mermaid diagram",
        description="Print the Tuckman stage machine (with its guards) as mermaid stateDiagram-v2.",
    )
    graph.add_argument(
        "scenario",
        nargs="?",
        type=Path,
        metavar="SCENARIO",
        help="accepted for symmetry; the machine is the same for every scenario",
    )
    graph.set_defaults(handler=run_graph)


def run_autoplay(args: argparse.Namespace) -> int:
    from sim.engine import Game
    from sim.engine.autoplay import autoplay
    from sim.engine.report import seat_outcome, stage_summary

    scenario = load_or_report(args.scenario)
    if scenario is None:
        return 1
    game = Game(scenario)
    if args.seat != "convener" and args.seat not in game.orgs:
        error(f"unknown seat '{args.seat}': use convener or an organization id")
        return 2
    if args.save is None:
        played = autoplay(game, args.seed, args.policy)
    else:
        from sim.record import SaveError, autoplay_recorded

        # Progress lines go to stderr under --json so stdout stays one JSON object.
        out = sys.stderr if args.json else sys.stdout
        try:
            played = autoplay_recorded(args.scenario, args.seed, args.policy, args.save, out)
        except SaveError as exc:
            error(str(exc))
            return 1
    if args.json:
        from sim.scoring import scorecard_json

        data = played.as_json()
        if args.seat != "convener":
            data["seat"] = seat_outcome(played.session, args.seat)
        data["scorecard"] = scorecard_json(played.session)
        print(json.dumps(data, indent=2))
    else:
        print(stage_summary(played, args.seat))
    return 0


def run_graph(args: argparse.Namespace) -> int:
    from sim.engine.stages import mermaid

    sys.stdout.write(mermaid())
    return 0
