"""What each package gives, one number per package, computed a slice of packages at a time.

The best-package choices in `agreements` need only a few numbers per package (its total
points, its smallest gain over BATNA) and each member's sincere vote; the Nash choice
also needs log gains, but only of the packages in the running for it. Working out the
gains of a million packages × 48 members at once would hold another 400 MB table, and
picking rows out of it copies it again; slicing the packages keeps every temporary to a
few megabytes, and logs are taken of the few packages that need them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

# Packages whose gains are worked out together: (slice × members) int64 temporaries of a
# few MB each, large enough that NumPy's per-call overhead does not show.
ROW_CHUNK = 32_768


@dataclass(frozen=True)
class RowStats:
    """Per package (row): total points, smallest gain over BATNA, and the sincere votes."""

    points: np.ndarray  # (N, M) integers, or gains when `batna` is None
    batna: np.ndarray | None  # (M,), or None for 0
    welfare: np.ndarray  # (N,) int64: total points
    worst: np.ndarray  # (N,) int64: the smallest gain over BATNA (0 with no members)
    yes: np.ndarray  # (N, M) bool: yes iff the package reaches the member's BATNA

    @property
    def members(self) -> int:
        return int(self.yes.shape[1])

    def all_gain(self) -> np.ndarray:
        """(N,) bool: every member strictly above its BATNA (vacuously true with none)."""
        return self.worst > 0 if self.members else np.ones(self.worst.shape, dtype=bool)

    def gaining(self, rows: np.ndarray) -> np.ndarray:
        """How many members are strictly above BATNA, for the given rows."""
        return self._per_row(rows, lambda gains: (gains > 0).sum(axis=1), np.int64)

    def log_gains(self, rows: np.ndarray) -> np.ndarray:
        """Sum of log(gain) over the members strictly above BATNA, for the given rows.

        log(1) = 0 stands in for a member that does not gain, so a row where everyone
        gains sums the same values in the same order as the logs of its gains alone.
        """

        def logs(gains: np.ndarray) -> np.ndarray:
            positive = gains > 0
            return np.where(
                positive, np.log(np.where(positive, gains, 1).astype(np.float64)), 0.0
            ).sum(axis=1)

        return self._per_row(rows, logs, np.float64)

    def _per_row(
        self, rows: np.ndarray, fn: Callable[[np.ndarray], np.ndarray], dtype: type
    ) -> np.ndarray:
        out = np.empty(rows.size, dtype=dtype)
        for lo in range(0, rows.size, ROW_CHUNK):
            picked = rows[lo : lo + ROW_CHUNK]
            out[lo : lo + picked.size] = fn(_gains(self.points[picked], self.batna))
        return out


def _gains(points: np.ndarray, batna: np.ndarray | None) -> np.ndarray:
    # A `Space` keeps BATNAs in the points' own type, chosen so every gain fits in it.
    return points if batna is None else points - batna


def row_stats(points: np.ndarray, batna: np.ndarray | None = None) -> RowStats:
    """The per-package numbers of an (N, M) points table against each member's BATNA.

    Without `batna`, `points` may be a table of gains.
    """
    n, m = points.shape
    welfare = np.empty(n, dtype=np.int64)
    worst = np.zeros(n, dtype=np.int64)
    yes = np.empty((n, m), dtype=bool)
    for lo in range(0, n, ROW_CHUNK):
        part = points[lo : lo + ROW_CHUNK]
        gains = _gains(part, batna)
        welfare[lo : lo + ROW_CHUNK] = part.sum(axis=1)
        if m:
            worst[lo : lo + ROW_CHUNK] = gains.min(axis=1)
        np.greater_equal(gains, 0, out=yes[lo : lo + ROW_CHUNK])
    return RowStats(points, batna, welfare, worst, yes)
