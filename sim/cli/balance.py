"""Batch play for balance: `sim balance`.

Reads and checks the arguments, plays the games through `sim.study`, and hands the summary
to `sim.cli.balance_view` (tables, histograms) or prints it as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from sim.cli.shared import Subcommands, error, load_or_report

DEFAULT_RUNS = 200
# More worker processes than this rarely pay: each loads the scenario and forks the parent.
MAX_DEFAULT_JOBS = 8
# full and skip are the form-perform contrast and play fast; random is slow on a big table.
DEFAULT_POLICIES = ("full", "skip")

DESCRIPTION = """\
Play SCENARIO many times with each scripted convener policy (bots in every organization
seat) and say how the scenario plays: per policy, the spread of the result over the game
and in its final year, and of every scorecard dimension (mean, p10, p90), when each stage
is reached, how often tensions return and each event fires, and histograms of the result.

It warns when one policy dominates (its p10 is at or above every other policy's p90),
when a dimension never varies, and when an option is never adopted, a project never
funded, an event never fires or a target is never reached.

With --lessons it also plays the game's six lessons as clean contrasts: the careful
convener against itself with one choice changed, on the same seeds. A lesson "emerges"
when the 95% confidence interval of the paired difference excludes 0 in the direction
the research expects and the effect size |d| (Cohen's d) is at least 0.3.

Policies: full (every stage, with care), skip (forming straight to performing), random
(any legal action), greedy (the quickest gain at each step). Games are the same for the
same seeds whatever --jobs is.
"""

EPILOG = """\
examples:
  sim balance scenarios/healthy-homes.toml --runs 50
  sim balance scenarios/clean-air-compact.toml --runs 200 --jobs 2 --policy full,skip,greedy
  sim balance scenarios/clean-air-compact.toml --runs 100 --lessons --json > balance.json
  sim balance scenarios/clean-air-compact.toml --runs 100 --lesson form-perform

Lessons: form-perform, group-size, governance-fit, measurement, interests, trust-asymmetry.
docs/balance.md explains every figure, warning and lesson.
"""


def default_jobs() -> int:
    """The CPUs this process may use, at most MAX_DEFAULT_JOBS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not every platform can say which CPUs a process may use
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_DEFAULT_JOBS))


def add_commands(subparsers: Subcommands) -> None:
    """Register `balance` on the `sim` command's subparsers."""
    jobs = default_jobs()
    bal = subparsers.add_parser(
        "balance",
        help="play a scenario many times per policy: distributions, warnings, lessons",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bal.add_argument("scenario", type=Path, metavar="SCENARIO")
    bal.add_argument(
        "--runs",
        type=int,
        default=DEFAULT_RUNS,
        metavar="N",
        help=f"games per policy, and paired seeds per lesson (default {DEFAULT_RUNS})",
    )
    bal.add_argument(
        "--jobs",
        type=int,
        default=jobs,
        metavar="J",
        help=f"worker processes (default: this machine's CPUs, at most {MAX_DEFAULT_JOBS}; "
        f"here {jobs})",
    )
    bal.add_argument(
        "--policy",
        action="append",
        metavar="POLICY",
        help="a policy to play, repeatable or comma-separated: full, skip, random, greedy "
        f"(default: {', '.join(DEFAULT_POLICIES)})",
    )
    bal.add_argument(
        "--seed-start",
        type=int,
        default=1,
        metavar="S",
        help="the first seed; games use seeds S to S+N-1 (default 1)",
    )
    bal.add_argument(
        "--lessons", action="store_true", help="also play the six lessons as clean contrasts"
    )
    bal.add_argument(
        "--lesson",
        action="append",
        metavar="ID",
        help="play only this lesson (repeatable or comma-separated; implies --lessons)",
    )
    bal.add_argument(
        "--no-score",
        action="store_true",
        help="skip the scorecard: faster, but no dimension figures (so no never-varies warnings)",
    )
    bal.add_argument("--json", action="store_true", help="print everything as one JSON object")
    bal.set_defaults(handler=run_balance)


def _names(given: list[str] | None) -> list[str]:
    """Names from repeated and comma-separated options, in order, each once."""
    out: list[str] = []
    for item in given or []:
        for name in item.split(","):
            name = name.strip()
            if name and name not in out:
                out.append(name)
    return out


def _check(args: argparse.Namespace) -> tuple[list[str], list[str]] | None:
    """The policies and lesson ids to play, or None after saying what is wrong."""
    from sim.engine.bots.registry import POLICIES
    from sim.study.lessons import LESSONS

    problems = []
    if args.runs < 1:
        problems.append(f"--runs must be at least 1 (got {args.runs})")
    if args.jobs < 1:
        problems.append(f"--jobs must be at least 1 (got {args.jobs})")
    policies = _names(args.policy) or list(DEFAULT_POLICIES)
    problems += [
        f"unknown policy '{p}' (known: {', '.join(POLICIES)})"
        for p in policies
        if p not in POLICIES
    ]
    known = [lesson.id for lesson in LESSONS]
    lessons = _names(args.lesson)
    problems += [
        f"unknown lesson '{i}' (known: {', '.join(known)})" for i in lessons if i not in known
    ]
    for problem in problems:
        error(problem)
    if problems:
        return None
    if args.lessons and not lessons:
        lessons = known
    return policies, lessons


def run_balance(args: argparse.Namespace) -> int:
    from sim.cli.balance_view import Bar, show
    from sim.engine.game import Game
    from sim.study.balance import play_policies, summarize
    from sim.study.lessons import by_id, run_lessons

    checked = _check(args)
    if checked is None:
        return 2
    policies, lesson_ids = checked
    scenario = load_or_report(args.scenario)
    if scenario is None:
        return 1
    started = time.perf_counter()
    # The bar goes to stderr only for a person watching; pipes, CI and --json get none.
    with Bar(enabled=not args.json and sys.stderr.isatty()) as bar:
        played = play_policies(
            args.scenario,
            policies,
            args.runs,
            jobs=args.jobs,
            first_seed=args.seed_start,
            score=not args.no_score,
            progress=bar.phase(f"Playing {', '.join(policies)}", len(policies) * args.runs),
        )
        lessons = []
        if lesson_ids:
            lessons = run_lessons(
                args.scenario,
                Game(scenario),
                args.runs,
                jobs=args.jobs,
                lessons=by_id(lesson_ids),
                first_seed=args.seed_start,
                progress=bar.phase("Playing the lessons"),
            )
    balance = summarize(
        scenario,
        played,
        runs=args.runs,
        jobs=args.jobs,
        first_seed=args.seed_start,
        lessons=lessons,
    )
    if args.json:
        print(json.dumps(balance.as_json(), indent=2))
    else:
        show(balance, time.perf_counter() - started)
    return 0
