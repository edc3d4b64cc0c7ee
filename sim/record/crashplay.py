"""`python -m sim.record.crashplay SCENARIO --seed N --save FILE`: `sim autoplay --save` alone.

The crash test runs this when `sim autoplay` has no `--save` option yet; both call
`autoplay_recorded`, so they behave the same.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sim.record.errors import SaveError
from sim.record.live import autoplay_recorded


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sim.record.crashplay")
    parser.add_argument("scenario", type=Path, metavar="SCENARIO")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--policy", choices=("full", "skip", "random", "greedy"), default="full")
    parser.add_argument("--save", type=Path, required=True, metavar="FILE")
    args = parser.parse_args(argv)
    try:
        autoplay_recorded(args.scenario, args.seed, args.policy, args.save, sys.stdout)
    except SaveError as exc:
        sys.stderr.write(f"crashplay: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
