"""Veto players and minimal blocking coalitions of the passing packages.

Definitions (whole-package voting, see `rules`):

- A coalition *blocks* when, with all its members voting no on every package (and
  everyone else voting sincerely), no package passes. Only packages that pass with
  sincere votes can pass after a coalition defects, because every rule is monotone.
- A blocking coalition is *minimal* when no proper subset of it blocks.
- A *veto player* is a member that blocks alone: no passing package exists without its
  yes. Under consensus every member at the table is one; a formal veto holder always is.
- When nothing passes at all there is nothing to block: no veto players, no coalitions.

The search is level by level (Apriori): a coalition of size s is tried only when none
of its (s−1)-subsets blocks, which is exactly the minimality test, because blocking is
closed under supersets. Each level is tested against the hardest packages first, so most
candidates are cleared by a few matrix products.
"""

from __future__ import annotations

from itertools import combinations

import numpy as np

from sim.scoring.patterns import Patterns, distinct, pack
from sim.scoring.rules import Voting, survives

# Packages tested per step: the first step takes only the few hardest, which clear most
# candidates at once; each later step takes CHUNK_GROWTH times more, up to OUTCOME_CHUNK.
FIRST_CHUNK = 8
CHUNK_GROWTH = 4
OUTCOME_CHUNK = 256
# Candidate coalitions per matrix product.
CANDIDATE_CHUNK = 4096


def blocking_coalitions(
    yes: np.ndarray, voting: Voting, max_size: int, passes: np.ndarray | None = None
) -> list[tuple[int, ...]]:
    """Minimal blocking coalitions up to `max_size` members, as sorted member indices.

    `yes` holds the sincere votes (P, M) on the packages that pass, or on every package
    with `passes` marking those that pass; the list is sorted by size, then
    lexicographically.
    """
    n_members = int(yes.shape[1])
    words = pack(yes)
    if passes is not None:
        words = words[passes]  # a few bytes a package, cheaper to pick than the votes
    if words.shape[0] == 0 or max_size < 1:
        return []
    patterns = _hardest_first(distinct(words, n_members), voting)
    # A member that never votes yes on a passing package, or whose vote never counts,
    # changes nothing by voting no, so it belongs to no minimal coalition.
    useful = np.flatnonzero(voting.voters & patterns.anyone()).tolist()
    found: list[tuple[int, ...]] = []
    clear: list[tuple[int, ...]] = [(m,) for m in useful]
    for size in range(1, max_size + 1):
        candidates = clear if size == 1 else _next_level(clear)
        if not candidates:
            break
        blocks = _blocks(patterns, voting, candidates, n_members)
        found += [c for c, b in zip(candidates, blocks, strict=True) if b]
        clear = [c for c, b in zip(candidates, blocks, strict=True) if not b]
    return sorted(found, key=lambda c: (len(c), c))


def veto_players(yes: np.ndarray, voting: Voting) -> list[int]:
    """Members that block alone (indices, ascending)."""
    return [c[0] for c in blocking_coalitions(yes, voting, 1)]


def _hardest_first(patterns: Patterns, voting: Voting) -> Patterns:
    """Patterns with the most support (hardest to kill) first, ties in their given order."""
    support = patterns.support(voting.voters)
    # A stable sort of 16-bit integers is a radix sort, linear in the patterns.
    narrow = np.int16 if patterns.members <= np.iinfo(np.int16).max else np.int64
    return patterns.take(np.argsort(-support.astype(narrow), kind="stable"))


def _next_level(clear: list[tuple[int, ...]]) -> list[tuple[int, ...]]:
    """Size-s candidates whose every (s−1)-subset is known not to block (Apriori join)."""
    known = set(clear)
    by_prefix: dict[tuple[int, ...], list[int]] = {}
    for c in clear:
        by_prefix.setdefault(c[:-1], []).append(c[-1])
    out: list[tuple[int, ...]] = []
    for prefix, lasts in by_prefix.items():
        lasts.sort()
        for a, b in combinations(lasts, 2):
            cand = (*prefix, a, b)
            if all(cand[:k] + cand[k + 1 :] in known for k in range(len(cand) - 2)):
                out.append(cand)
    return sorted(out)


def _blocks(
    patterns: Patterns, voting: Voting, candidates: list[tuple[int, ...]], n_members: int
) -> list[bool]:
    """Whether each candidate kills every package, testing hard packages first."""
    result = [False] * len(candidates)
    for start in range(0, len(candidates), CANDIDATE_CHUNK):
        batch = candidates[start : start + CANDIDATE_CHUNK]
        masks = np.zeros((len(batch), n_members), dtype=bool)
        chosen = np.array(batch, dtype=np.intp)  # one level: every candidate the same size
        masks[np.arange(len(batch))[:, None], chosen] = True
        alive = np.arange(len(batch))  # candidates that have killed every package so far
        lo, step = 0, FIRST_CHUNK
        while lo < len(patterns) and alive.size:
            rows = patterns.rows(lo, lo + step)
            still = survives(rows, voting, masks[alive])
            alive = alive[~still.any(axis=1)]
            lo, step = lo + step, min(OUTCOME_CHUNK, step * CHUNK_GROWTH)
        for row in alive:
            result[start + int(row)] = True
    return result
