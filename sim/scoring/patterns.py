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
    packed = np.packbits(yes, axis=1)
    width = max(1, -(-packed.shape[1] // WORD_BYTES)) * WORD_BYTES
    if width != packed.shape[1]:
        packed = np.pad(packed, ((0, 0), (0, width - packed.shape[1])))
    # Read big-endian to keep the order, then stored natively: numpy sorts a byte-swapped
    # dtype through a slow generic path.
    return np.ascontiguousarray(packed).view(">u8").astype(np.uint64)


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
