"""Yes-patterns packed into integers: the distinct ways the members vote on the packages.

Packages with the same yes-pattern stand or fall together, so the blocking search works
on distinct patterns. A pattern is packed eight votes to a byte (the first member in the
highest bit) and read as big-endian 64-bit words, so comparing the words compares the
patterns lexicographically: a million packages × 48 members become a million integers,
which one integer sort deduplicates. `np.unique(yes, axis=0)` compares rows as opaque
byte strings, one byte per vote, and took seconds on the same input.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# Bytes in one word of a packed pattern (64-bit integers sort natively).
WORD_BYTES = 8
# How many members vote yes in each possible byte of a packed pattern.
_ONES = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1).sum(axis=1)


@dataclass(frozen=True)
class Patterns:
    """Distinct yes-patterns, `words` (P, W) uint64, over `members` members."""

    words: np.ndarray
    members: int

    def __len__(self) -> int:
        return int(self.words.shape[0])

    def rows(self, lo: int, hi: int) -> np.ndarray:
        """Patterns lo..hi as a boolean (hi − lo, members) array."""
        return unpack(self.words[lo:hi], self.members)

    def support(self, who: np.ndarray) -> np.ndarray:
        """(P,) how many of the members in the boolean mask `who` vote yes in each pattern."""
        mask = pack(who[None, :])[0]
        picked = (self.words & mask).astype(">u8").view(np.uint8)
        return _ONES[picked].reshape(len(self), -1).sum(axis=1)

    def anyone(self) -> np.ndarray:
        """(members,) bool: who votes yes in at least one pattern."""
        either = np.bitwise_or.reduce(self.words, axis=0, keepdims=True)
        return unpack(either, self.members)[0]

    def take(self, order: np.ndarray) -> Patterns:
        return Patterns(self.words[order], self.members)


def pack(yes: np.ndarray) -> np.ndarray:
    """Boolean (N, M) rows as (N, W) native uint64 words whose order is the rows' order."""
    packed = pack_bytes(yes)
    n, used = packed.shape
    padded = np.zeros((n, max(1, -(-used // WORD_BYTES)) * WORD_BYTES), dtype=np.uint8)
    padded[:, :used] = packed
    # Read big-endian to keep the order, then stored natively: numpy sorts a byte-swapped
    # dtype through a slow generic path.
    return padded.view(">u8").astype(np.uint64)


def pack_bytes(yes: np.ndarray) -> np.ndarray:
    """Boolean (N, M) rows as (N, ceil(M / 8)) bytes, the first member in the top bit."""
    n, m = yes.shape
    if m % 8 == 0 and yes.flags.c_contiguous:
        # Rows whose votes fill whole bytes pack as one flat run, several times faster.
        return np.packbits(yes.reshape(-1)).reshape(n, m // 8)
    return np.packbits(yes, axis=1)


def unpack(words: np.ndarray, members: int) -> np.ndarray:
    """The inverse of `pack`: (N, W) words back to boolean (N, members) rows."""
    as_bytes = np.ascontiguousarray(words, dtype=">u8").view(np.uint8)
    return np.unpackbits(as_bytes, axis=1, count=members).astype(bool)


def distinct(words: np.ndarray, members: int) -> Patterns:
    """The distinct packed rows, in lexicographic order (as `np.unique(yes, axis=0)`)."""
    if words.shape[0] == 0:
        return Patterns(words, members)
    # One word: a plain sort (np.unique would hash, slower). More: the first word leads.
    one = words.shape[1] == 1
    ordered = np.sort(words, axis=0) if one else words[np.lexsort(words.T[::-1])]
    fresh = np.r_[True, (ordered[1:] != ordered[:-1]).any(axis=1)]
    return Patterns(ordered[fresh], members)


def unique_rows(yes: np.ndarray) -> np.ndarray:
    """The distinct rows of a boolean (N, M) array, as `np.unique(yes, axis=0)` gives them."""
    found = distinct(pack(yes), int(yes.shape[1]))
    return found.rows(0, len(found))


def yes_weights(yes: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """(N,) float64: the summed weight of each row's yes votes, as `yes @ weights` gives it.

    Per byte of the packed votes, a table of the 256 sums its eight members can make, so
    a row is a few look-ups instead of a float copy of every vote and a matrix product.
    The weights are integers: every sum is exact in float64 (below 2**53), in any order.
    """
    packed = pack_bytes(yes)
    bits = np.unpackbits(np.arange(256, dtype=np.uint8)[:, None], axis=1).astype(np.float64)
    total = np.zeros(yes.shape[0], dtype=np.float64)
    for b in range(packed.shape[1]):
        eight = np.zeros(8, dtype=np.float64)
        chunk = weights[8 * b : 8 * b + 8]
        eight[: chunk.size] = chunk
        total += (bits @ eight)[packed[:, b]]
    return total
