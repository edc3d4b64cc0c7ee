"""The `sim` command line: the contract that tests, tools and facilitators rely on.

Exit codes: 0 success, 1 the input was checked and is wrong, 2 usage error.
Errors go to stderr, one readable line each, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from sim import __version__

EPILOG = """\
examples:
  sim                                   open the home screen and browse scenarios
  sim play scenarios/clean-air-compact.toml
  sim validate scenarios/*.toml         check scenario files, errors as FILE:LINE:COL
  sim new river-cleanup                 write a starter scenario that validates
  sim schema -o scenarios/scenario.schema.json
  sim autoplay scenarios/healthy-homes.toml --seed 3 --save saves/demo.toml
  sim replay saves/demo.toml            step through a saved game: the debrief viewer
  sim report saves/demo.toml -o debrief.html

Scenario files are TOML; the format is documented in docs/authoring.md.
"""


def _parser() -> argparse.ArgumentParser:
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

    play = commands.add_parser(
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
    play.set_defaults(handler=_play)

    validate = commands.add_parser(
        "validate",
        help="check scenario files; exit 0 when valid, 1 with located errors",
        description=(
            "Check one or more scenario files. Every problem is printed to stderr as "
            "FILE:LINE:COL: path.to.field: message; exit 0 when all are valid, 1 otherwise."
        ),
    )
    validate.add_argument("files", nargs="+", type=Path, metavar="SCENARIO")
    validate.add_argument(
        "-q", "--quiet", action="store_true", help="print only errors, not the 'ok' lines"
    )
    validate.set_defaults(handler=_validate)

    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema of the scenario format",
        description=(
            "Print the JSON Schema that TOML editors (taplo, tombi) use to autocomplete "
            "and check scenario files. Shipped scenarios point at it with a first line "
            "'#:schema ./scenario.schema.json'."
        ),
    )
    schema.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of standard output"
    )
    schema.set_defaults(handler=_schema)

    new = commands.add_parser(
        "new",
        help="write a commented starter scenario that validates",
        description=(
            "Write NAME.toml, a small commented scenario that validates, into scenarios/ "
            "when that folder exists here, else into the current folder. NAME may also be "
            "a path ending in .toml. An existing file is never overwritten."
        ),
    )
    new.add_argument("name", metavar="NAME")
    new.set_defaults(handler=_new)

    auto = commands.add_parser(
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
    auto.add_argument("--policy", choices=("full", "skip", "random", "greedy"), default="full")
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
    auto.set_defaults(handler=_autoplay)

    graph = commands.add_parser(
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
    graph.set_defaults(handler=_graph)

    from sim.scoring.commands import add_commands as add_scoring_commands

    add_scoring_commands(commands)

    from sim.record.commands import add_commands as add_record_commands

    add_record_commands(commands)

    from sim.debrief.commands import add_commands as add_debrief_commands

    add_debrief_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = _parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _play)
    if args.command is None:
        args.scenario = None
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _error(message: str) -> None:
    print(f"sim: {message}", file=sys.stderr)


def _validate(args: argparse.Namespace) -> int:
    from sim.scenario import ScenarioInvalid, load_scenario

    bad = 0
    for file in args.files:
        try:
            scenario = load_scenario(file)
        except ScenarioInvalid as exc:
            bad += 1
            for error in exc.errors:
                print(error, file=sys.stderr)
            continue
        if not args.quiet:
            print(
                f"{file}: ok: {scenario.scenario.title} "
                f"({len(scenario.organizations)} organizations, {len(scenario.issues)} issues, "
                f"{len(scenario.projects)} projects)"
            )
    if bad and len(args.files) > 1:
        _error(f"{bad} of {len(args.files)} files have problems")
    return 1 if bad else 0


def _schema(args: argparse.Namespace) -> int:
    from sim.scenario.schema import scenario_schema_text

    text = scenario_schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        _error(f"cannot write {args.output}: {exc.strerror or exc}")
        return 1
    print(f"wrote {args.output}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from sim.scenario.starter import StarterError, write_starter

    try:
        path = write_starter(args.name, Path.cwd())
    except StarterError as exc:
        _error(str(exc))
        return 1
    print(f"wrote {path}")
    print(f"next: edit it, then run `sim validate {path}`; the format is in docs/authoring.md")
    return 0


def _load_or_report(path: Path) -> object | None:
    """Load a scenario, printing its located errors when it is invalid."""
    from sim.scenario import ScenarioInvalid, load_scenario

    try:
        return load_scenario(path)
    except ScenarioInvalid as exc:
        for error in exc.errors:
            print(error, file=sys.stderr)
        return None


def _autoplay(args: argparse.Namespace) -> int:
    import json

    from sim.engine import Game
    from sim.engine.autoplay import autoplay
    from sim.engine.report import seat_outcome, stage_summary

    scenario = _load_or_report(args.scenario)
    if scenario is None:
        return 1
    game = Game(scenario)  # type: ignore[arg-type]
    if args.seat != "convener" and args.seat not in game.orgs:
        _error(f"unknown seat '{args.seat}': use convener or an organization id")
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
            _error(str(exc))
            return 1
    if args.json:
        data = played.as_json()
        if args.seat != "convener":
            data["seat"] = seat_outcome(played.session, args.seat)
        from sim.scoring import scorecard_json

        data["scorecard"] = scorecard_json(played.session)
        print(json.dumps(data, indent=2))
    else:
        print(stage_summary(played, args.seat))
    return 0


def _graph(args: argparse.Namespace) -> int:
    from sim.engine.stages import mermaid

    sys.stdout.write(mermaid())
    return 0


def _play(args: argparse.Namespace) -> int:
    from sim.scenario import ScenarioInvalid, load_scenario

    scenario_file: Path | None = getattr(args, "scenario", None)
    seat: str | None = getattr(args, "seat", None)
    seed: int | None = getattr(args, "seed", None)
    save: Path | None = getattr(args, "resume", None)
    if save is not None and (scenario_file is not None or seat or seed is not None):
        _error("--resume continues a save as it was: give no SCENARIO, --seat or --seed with it")
        return 2
    if save is not None:
        from sim.record import SaveError, load_save

        try:
            load_save(save)
        except SaveError as exc:
            _error(f"{save}: {exc}")
            return 1
    if (seat or seed is not None) and scenario_file is None:
        _error("--seat and --seed start a new game: give the SCENARIO to play")
        return 2
    if scenario_file is not None:
        try:
            scenario = load_scenario(scenario_file)
        except ScenarioInvalid as exc:
            for error in exc.errors:
                print(error, file=sys.stderr)
            return 1
        if seat and seat != "convener" and seat not in {o.id for o in scenario.organizations}:
            _error(f"unknown seat '{seat}': use convener or an organization id")
            return 2
    from sim.tui.app import make_app

    app = make_app(scenario_file=scenario_file, seat=seat, seed=seed, resume=save)
    try:
        app.run()
    finally:
        app.close_game()
    return 0
