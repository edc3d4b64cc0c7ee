"""`sim play`: open the game at the home screen, a scenario, a new game or a save."""

from __future__ import annotations

import argparse
from pathlib import Path

from sim.cli.shared import Subcommands, error, load_or_report


def add_commands(subparsers: Subcommands) -> None:
    """Register `play` on the `sim` command's subparsers."""
    play = subparsers.add_parser(
        "play",
        help="open the game (the home screen, a scenario, a new game or a save)",
        description=(
            "Open the game. With SCENARIO, go straight to its briefing and roster; with "
            "SCENARIO and --seat or --seed, start a new game of it at once (saved in saves/). "
            "With --resume SAVE, continue a saved game where it stopped."
        ),
    )
    play.add_argument(
        "scenario",
        nargs="?",
        type=Path,
        metavar="SCENARIO",
        help="a scenario file, e.g. scenarios/clean-air-compact.toml",
    )
    play.add_argument(
        "--seat",
        metavar="ORG|convener",
        help="the seat you play: convener (solo, the default) or an organization id",
    )
    play.add_argument("--seed", type=int, help="the game's random seed (default: random, shown)")
    play.add_argument("--resume", type=Path, metavar="SAVE", help="continue a saved game")
    play.set_defaults(handler=run_play)


def run_play(args: argparse.Namespace) -> int:
    """Check what the game is asked to open, then run the app; `sim` alone comes here too."""
    scenario_file: Path | None = getattr(args, "scenario", None)
    seat: str | None = getattr(args, "seat", None)
    seed: int | None = getattr(args, "seed", None)
    save: Path | None = getattr(args, "resume", None)
    if save is not None and (scenario_file is not None or seat or seed is not None):
        error("--resume continues a save as it was: give no SCENARIO, --seat or --seed with it")
        return 2
    if save is not None and not _resumable(save):
        return 1
    if (seat or seed is not None) and scenario_file is None:
        error("--seat and --seed start a new game: give the SCENARIO to play")
        return 2
    if scenario_file is not None:
        scenario = load_or_report(scenario_file)
        if scenario is None:
            return 1
        if seat and seat != "convener" and seat not in {o.id for o in scenario.organizations}:
            error(f"unknown seat '{seat}': use convener or an organization id")
            return 2
    from sim.tui.app import make_app

    app = make_app(scenario_file=scenario_file, seat=seat, seed=seed, resume=save)
    try:
        app.run()
    finally:
        app.close_game()
    return 0


def _resumable(save: Path) -> bool:
    """Whether the save reads and was played under these rules; if not, say why in one line."""
    from sim.record import SaveError, load_save
    from sim.record.simulate import require_same_rules

    try:
        require_same_rules(load_save(save).header)
    except SaveError as exc:
        error(f"{save}: {exc}")
        return False
    return True
