"""The Pareto frontier of the agreement space, exactly, without comparing every pair.

A package is dominated when another gives every member at least as much and someone
more. A dominator has strictly higher total points, so packages are sorted by total and
each is checked only against those before it (sort-filter-skyline). The check itself is
done with bitsets: for every member and every points level, the set of packages giving
that member at least that much; a package's possible dominators are the AND of its
members' sets, which usually empties after a few members. With many parties almost every
package is on the frontier (NegMAS measured 4,096 of 4,096 with 48 utilities), so the
frontier's size is reported with that caveat rather than used as a score.
"""

from __future__ import annotations

import numpy as np

BLOCK = 1024  # packages checked together
COMPACT_EVERY = 2  # drop rows whose candidate set is empty after this many members


def pareto_mask(points: np.ndarray) -> np.ndarray:
    """True for packages no other package Pareto-dominates; points is (N, M)."""
    n, m = points.shape
    if n == 0:
        return np.zeros(0, dtype=bool)
    if m == 0:
        return np.ones(n, dtype=bool)
    welfare = points.sum(axis=1)
    order = np.argsort(-welfare, kind="stable")
    sorted_points = points[order]
    sorted_welfare = welfare[order]
    # How many packages have strictly more total points: only they can dominate.
    better = np.searchsorted(-sorted_welfare, -sorted_welfare, side="left")
    words = -(-n // 64)
    bits, offsets, levels, counts = _level_bitsets(sorted_points, words)
    # Each package tries its most selective members first (fewest packages at its level).
    member_order = np.argsort(counts, axis=1, kind="stable")
    dominated_sorted = np.zeros(n, dtype=bool)
    for lo in range(0, n, BLOCK):
        hi = min(n, lo + BLOCK)
        limit = int(better[hi - 1])
        if limit == 0:
            continue
        width = -(-limit // 64)
        rows = np.arange(lo, hi)
        acc = _prefix_masks(better[lo:hi], width)
        keep = better[lo:hi] > 0
        rows, acc = rows[keep], acc[keep]
        for step in range(m):
            if rows.size == 0:
                break
            member = member_order[rows, step]
            flat = offsets[member] + levels[rows, member]
            acc &= bits[flat, :width]
            if (step + 1) % COMPACT_EVERY == 0 or step == m - 1:
                alive = acc.any(axis=1)
                rows, acc = rows[alive], acc[alive]
                # Try each row's first remaining candidate in full: a hit settles the row now
                # instead of after every member (dominated rows would otherwise run to the end).
                hit = _first_dominates(sorted_points, rows, acc)
                dominated_sorted[rows[hit]] = True
                rows, acc = rows[~hit], acc[~hit]
        dominated_sorted[rows] = True
    mask = np.empty(n, dtype=bool)
    mask[order] = ~dominated_sorted
    return mask


def _level_bitsets(
    points: np.ndarray, words: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per member and level, the bitset of packages (in sorted order) at or above that level.

    Returns the stacked bitsets (sum of levels, words) as uint64, each member's first row,
    each package's level index per member (N, M), and how many packages reach it (N, M).
    """
    n, m = points.shape
    levels = np.empty((n, m), dtype=np.int64)
    counts = np.empty((n, m), dtype=np.int64)
    blocks: list[np.ndarray] = []
    offsets = np.zeros(m, dtype=np.int64)
    start = 0
    for j in range(m):
        values, level = np.unique(points[:, j], return_inverse=True)
        levels[:, j] = level
        per_level = np.bincount(level, minlength=len(values))
        at_least = np.cumsum(per_level[::-1])[::-1]
        counts[:, j] = at_least[level]
        packed = _exact_bitsets(level, len(values), words)
        # At-or-above = OR of this level and every higher one.
        blocks.append(np.bitwise_or.accumulate(packed[::-1], axis=0)[::-1])
        offsets[j] = start
        start += len(values)
    return np.concatenate(blocks, axis=0), offsets, levels, counts


def _prefix_masks(lengths: np.ndarray, width: int) -> np.ndarray:
    """Bitsets with the first lengths[i] bits set, `width` uint64 words each."""
    word_index = np.arange(width, dtype=np.int64)[None, :]
    full = lengths[:, None] // 64
    rest = lengths[:, None] % 64
    masks = np.where(word_index < full, np.uint64(0xFFFFFFFFFFFFFFFF), np.uint64(0))
    partial = (np.left_shift(np.uint64(1), rest.astype(np.uint64)) - np.uint64(1)).astype(np.uint64)
    return np.where(word_index == full, partial, masks).astype(np.uint64)


def _exact_bitsets(level: np.ndarray, n_levels: int, words: int) -> np.ndarray:
    """Bitsets (n_levels, words) with bit i set in row level[i], built without a dense array.

    Packages are grouped by (level, word) with a stable sort, and each group's bits are
    OR-reduced in one `reduceat`: linear in the number of packages, not levels × packages.
    """
    # A stable sort on small integers is a radix sort: linear, and it keeps positions in order.
    narrow = level.astype(np.int16) if n_levels < 2**15 else level
    order = np.argsort(narrow, kind="stable")
    keys = level[order].astype(np.int64) * words + order // 64
    bits = np.left_shift(np.uint64(1), (order % 64).astype(np.uint64))
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    out = np.zeros(n_levels * words, dtype=np.uint64)
    out[keys[starts]] = np.bitwise_or.reduceat(bits, starts)
    return out.reshape(n_levels, words)


def _first_dominates(points: np.ndarray, rows: np.ndarray, acc: np.ndarray) -> np.ndarray:
    """For each row, whether the first package left in its candidate bitset dominates it.

    Every candidate has strictly more total points, so being at least as good for every
    member is enough.
    """
    if rows.size == 0:
        return np.zeros(0, dtype=bool)
    nonzero = acc != 0
    word = np.argmax(nonzero, axis=1)
    value = acc[np.arange(rows.size), word]
    lowest = value & (~value + np.uint64(1))  # isolate the lowest set bit
    _, exponent = np.frexp(lowest.astype(np.float64))
    candidate = word * 64 + (exponent - 1)
    return (points[candidate] >= points[rows]).all(axis=1)
