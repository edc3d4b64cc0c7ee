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

from sim.scoring.rules import Voting, survives

# Packages tested per step, and candidate coalitions per matrix product.
OUTCOME_CHUNK = 256
CANDIDATE_CHUNK = 4096


def blocking_coalitions(yes: np.ndarray, voting: Voting, max_size: int) -> list[tuple[int, ...]]:
    """Minimal blocking coalitions up to `max_size` members, as sorted member indices.

    `yes` holds the sincere votes (P, M) on the packages that pass; the list is sorted
    by size, then lexicographically.
    """
    n_members = int(yes.shape[1])
    if yes.shape[0] == 0 or max_size < 1:
        return []
    unique = np.unique(yes, axis=0)  # packages with the same yes pattern stand or fall together
    order = _hardest_first(unique, voting)
    unique = unique[order]
    voters = voting.voters
    # A member that never votes yes on a passing package, or whose vote never counts,
    # changes nothing by voting no, so it belongs to no minimal coalition.
    useful = [m for m in range(n_members) if voters[m] and unique[:, m].any()]
    found: list[tuple[int, ...]] = []
    clear: list[tuple[int, ...]] = [(m,) for m in useful]
    for size in range(1, max_size + 1):
        candidates = clear if size == 1 else _next_level(clear)
        if not candidates:
            break
        blocks = _blocks(unique, voting, candidates, n_members)
        found += [c for c, b in zip(candidates, blocks, strict=True) if b]
        clear = [c for c, b in zip(candidates, blocks, strict=True) if not b]
    return sorted(found, key=lambda c: (len(c), c))


def veto_players(yes: np.ndarray, voting: Voting) -> list[int]:
    """Members that block alone (indices, ascending)."""
    return [c[0] for c in blocking_coalitions(yes, voting, 1)]


def _hardest_first(unique: np.ndarray, voting: Voting) -> np.ndarray:
    """Order yes-patterns so the ones with the most support (hardest to kill) come first."""
    support = unique[:, voting.voters].sum(axis=1)
    return np.argsort(-support, kind="stable")


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
    unique: np.ndarray, voting: Voting, candidates: list[tuple[int, ...]], n_members: int
) -> list[bool]:
    """Whether each candidate kills every package, testing hard packages first."""
    result = [False] * len(candidates)
    for start in range(0, len(candidates), CANDIDATE_CHUNK):
        batch = candidates[start : start + CANDIDATE_CHUNK]
        masks = np.zeros((len(batch), n_members), dtype=bool)
        for row, members in enumerate(batch):
            masks[row, list(members)] = True
        alive = np.arange(len(batch))  # candidates that have killed every package so far
        for lo in range(0, unique.shape[0], OUTCOME_CHUNK):
            if alive.size == 0:
                break
            still = survives(unique[lo : lo + OUTCOME_CHUNK], voting, masks[alive])
            alive = alive[~still.any(axis=1)]
        for row in alive:
            result[start + int(row)] = True
    return result
