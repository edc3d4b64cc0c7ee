"""The agreement space: every package of one option per issue, with each member's points.

A package's points are the sum of per-issue points, so the whole (outcomes × members)
table is built by broadcasting one issue at a time instead of looping over packages:
the flagship's tens of thousands of packages × 48 members take milliseconds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from math import prod

import numpy as np

from sim.scenario.models import Scenario

# Beyond this many packages the table stops fitting comfortably in memory.
MAX_OUTCOMES = 2_000_000
# The cell types a points table may have, narrowest first. Totals of a few issues' points
# fit in 16 bits, and a table a quarter the size of int64's is built, scanned and sorted
# several times faster (a million packages × 48 members: 100 MB instead of 400).
CELL_TYPES = (np.int16, np.int32, np.int64)


class SpaceTooLarge(ValueError):
    """The scenario has more packages than the analysis can hold; the message says how many."""


@dataclass(frozen=True)
class Space:
    """Packages (rows, in `itertools.product` order of the options) × members (columns)."""

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    members: tuple[str, ...]
    # (n_outcomes, n_members): each member's total for each package, in the narrowest of
    # CELL_TYPES that holds every total and every gain over BATNA (see `cell_type`).
    points: np.ndarray
    batna: np.ndarray  # (n_members,), the same type as `points`

    @property
    def n_outcomes(self) -> int:
        return int(self.points.shape[0])

    @property
    def gains(self) -> np.ndarray:
        """Points above (or below, when negative) each member's BATNA."""
        return self.points - self.batna

    def package(self, index: int) -> dict[str, str]:
        """The options of package `index`, by issue id."""
        shape = tuple(len(o) for o in self.options)
        picks = np.unravel_index(int(index), shape)
        return {
            issue: options[int(k)]
            for issue, options, k in zip(self.issues, self.options, picks, strict=True)
        }

    def index(self, package: Mapping[str, str]) -> int:
        """The row of a complete package (KeyError or ValueError for an unknown one)."""
        picks = [
            opts.index(package[issue])
            for issue, opts in zip(self.issues, self.options, strict=True)
        ]
        shape = tuple(len(o) for o in self.options)
        return int(np.ravel_multi_index(tuple(picks), shape))


def space_from_tables(
    tables: Sequence[np.ndarray],
    batna: Sequence[int] | np.ndarray,
    issues: Sequence[str] | None = None,
    options: Sequence[Sequence[str]] | None = None,
    members: Sequence[str] | None = None,
) -> Space:
    """Build a space from one (options × members) points table per issue.

    Row k of the result is the package whose option indices are the k-th tuple of
    `itertools.product(range(n_1), range(n_2), ...)`, which is what `np.unravel_index`
    gives back, so a package can be named from its row without storing the rows.
    """
    batna_arr = np.asarray(batna, dtype=np.int64)
    n_members = int(batna_arr.shape[0])
    sizes = [int(t.shape[0]) for t in tables]
    total = prod(sizes) if sizes else 1
    if total > MAX_OUTCOMES:
        raise SpaceTooLarge(
            f"{total:,} possible agreements ({' × '.join(map(str, sizes))}); "
            f"the analysis handles at most {MAX_OUTCOMES:,}"
        )
    arrays = [np.asarray(table, dtype=np.int64).reshape(-1, n_members) for table in tables]
    cell = cell_type(arrays, batna_arr)
    batna_arr = batna_arr.astype(cell)
    acc = np.zeros((1, n_members), dtype=cell)
    for table in arrays:
        t = table.astype(cell)
        # Every package so far, extended by every option of this issue: (a, 1, M) + (1, b, M).
        acc = (acc[:, None, :] + t[None, :, :]).reshape(-1, n_members)
    issue_ids = (
        tuple(issues) if issues is not None else tuple(f"issue{i}" for i in range(len(sizes)))
    )
    option_ids = (
        tuple(tuple(o) for o in options)
        if options is not None
        else tuple(tuple(f"o{k}" for k in range(n)) for n in sizes)
    )
    member_ids = tuple(members) if members is not None else tuple(f"m{i}" for i in range(n_members))
    return Space(issue_ids, option_ids, member_ids, acc, batna_arr)


def cell_type(tables: Sequence[np.ndarray], batna: np.ndarray) -> type[np.signedinteger]:
    """The narrowest of CELL_TYPES holding every package's total and its gain over BATNA.

    No total is further from zero than the sum of each issue's largest |points|, and no
    gain further than that plus the largest |BATNA|; the bound is added up in Python
    integers, so it cannot itself overflow.
    """
    bound = sum(int(np.abs(t).max()) for t in tables if t.size)
    bound += int(np.abs(batna).max()) if batna.size else 0
    for cell in CELL_TYPES:
        if bound <= np.iinfo(cell).max:
            return cell
    raise SpaceTooLarge(f"points totals reach {bound:,}, beyond what the analysis can count")


def scenario_space(scenario: Scenario, members: Sequence[str] | None = None) -> Space:
    """The agreement space of a scenario for the given members (default: every organization).

    An option an organization gives no points for counts as zero, as in `Game.points`.
    """
    orgs = {org.id: org for org in scenario.organizations}
    chosen = list(members) if members is not None else list(orgs)
    tables = [
        np.array(
            [
                [orgs[m].points.get(issue.id, {}).get(o.id, 0) for m in chosen]
                for o in issue.options
            ],
            dtype=np.int64,
        ).reshape(len(issue.options), len(chosen))
        for issue in scenario.issues
    ]
    return space_from_tables(
        tables,
        [orgs[m].batna for m in chosen],
        [issue.id for issue in scenario.issues],
        [[o.id for o in issue.options] for issue in scenario.issues],
        chosen,
    )
