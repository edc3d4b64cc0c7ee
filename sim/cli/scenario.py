"""Scenario authoring: `sim validate`, `sim schema` and `sim new`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sim.cli.shared import Subcommands, error, located


def add_commands(subparsers: Subcommands) -> None:
    """Register `validate`, `schema` and `new` on the `sim` command's subparsers."""
    validate = subparsers.add_parser(
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
    validate.set_defaults(handler=run_validate)

    schema = subparsers.add_parser(
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
    schema.set_defaults(handler=run_schema)

    new = subparsers.add_parser(
        "new",
        help="write a commented starter scenario that validates",
        description=(
            "Write NAME.toml, a small commented scenario that validates, into scenarios/ "
            "when that folder exists here, else into the current folder. NAME may also be "
            "a path ending in .toml. An existing file is never overwritten."
        ),
    )
    new.add_argument("name", metavar="NAME")
    new.set_defaults(handler=run_new)


def run_validate(args: argparse.Namespace) -> int:
    from sim.scenario import ScenarioInvalid, load_scenario

    bad = 0
    for file in args.files:
        try:
            scenario = load_scenario(file)
        except ScenarioInvalid as exc:
            bad += 1
            located(exc.errors)
            continue
        if not args.quiet:
            print(
                f"{file}: ok: {scenario.scenario.title} "
                f"({len(scenario.organizations)} organizations, {len(scenario.issues)} issues, "
                f"{len(scenario.projects)} projects)"
            )
    if bad and len(args.files) > 1:
        error(f"{bad} of {len(args.files)} files have problems")
    return 1 if bad else 0


def run_schema(args: argparse.Namespace) -> int:
    from sim.scenario.schema import scenario_schema_text

    text = scenario_schema_text()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        error(f"cannot write {args.output}: {exc.strerror or exc}")
        return 1
    print(f"wrote {args.output}")
    return 0


def run_new(args: argparse.Namespace) -> int:
    from sim.scenario.starter import StarterError, write_starter

    try:
        path = write_starter(args.name, Path.cwd())
    except StarterError as exc:
        error(str(exc))
        return 1
    print(f"wrote {path}")
    print(f"next: edit it, then run `sim validate {path}`; the format is in docs/authoring.md")
    return 0
