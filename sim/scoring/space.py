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

# Beyond this many packages the table stops fitting comfortably in memory (8 bytes a cell).
MAX_OUTCOMES = 2_000_000


class SpaceTooLarge(ValueError):
    """The scenario has more packages than the analysis can hold; the message says how many."""


@dataclass(frozen=True)
class Space:
    """Packages (rows, in `itertools.product` order of the options) × members (columns)."""

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    members: tuple[str, ...]
    points: np.ndarray  # (n_outcomes, n_members) int64: each member's total for each package
    batna: np.ndarray  # (n_members,) int64

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
    acc = np.zeros((1, n_members), dtype=np.int64)
    for table in tables:
        t = np.asarray(table, dtype=np.int64).reshape(-1, n_members)
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
