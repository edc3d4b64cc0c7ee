"""Trust between members and toward the partnership: pairwise `T[i][j]` and each `τ`.

Gains shrink as trust nears 1 and losses grow with the trust there was to lose,
so trust is lost faster than it is gained (Vangen & Huxham 2003; docs/sources.md).
"""

from __future__ import annotations

from collections.abc import Iterable

from sim.engine.facts import Facts
from sim.engine.state import SessionState

# A broken commitment costs breach·a·max(τ, this): lost faster than gained at every τ,
# since a kept one earns only a·(1−τ) (docs/sources.md#trust).
BREACH_FLOOR = 0.5
# How far a full-strength shared history (strength 1) moves pairwise trust from the
# default: prior conflict lowers it, prior cooperation raises it (Ansell & Gash 2008).
HISTORY_SHIFT = 0.35


def initial_trust(game: Facts) -> list[list[float]]:
    """Pairwise trust from history: prior conflict lowers it, cooperation raises it."""
    dyn = game.scenario.dynamics
    n = len(game.scenario.organizations)
    trust = [[dyn.default_trust] * n for _ in range(n)]
    for org in game.scenario.organizations:
        i = game.index[org.id]
        trust[i][i] = 1.0
        for rel in org.history:
            j = game.index[rel.organization]
            shift = HISTORY_SHIFT * rel.strength * (1 if rel.kind == "cooperation" else -1)
            value = clamp(dyn.default_trust + shift)
            trust[i][j] = trust[j][i] = value
    return trust


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return low if value < low else high if value > high else value


def density(game: Facts, state: SessionState, members: Iterable[str] | None = None) -> float:
    """Mean pairwise trust among members (both directions), 0 when fewer than two."""
    idx = [game.index[m] for m in (state.at_table() if members is None else members)]
    if len(idx) < 2:
        return 0.0
    total = 0.0
    for a_pos, a in enumerate(idx):
        row = state.trust[a]
        for b in idx[a_pos + 1 :]:
            total += row[b] + state.trust[b][a]
    pairs = len(idx) * (len(idx) - 1)
    return total / pairs


def partnership_trust(state: SessionState) -> float:
    """Mean trust toward the partnership among members at the table."""
    table = state.at_table()
    if not table:
        return 0.0
    return sum(state.members[m].tau for m in table) / len(table)


def raise_pairs(
    game: Facts, state: SessionState, left: Iterable[str], right: Iterable[str], rate: float
) -> None:
    """Move trust across two groups up by rate·(1−T): what resolving a conflict does."""
    right_idx = [game.index[r] for r in right]
    for a in (game.index[m] for m in left):
        for b in right_idx:
            if a != b:
                state.trust[a][b] = clamp(state.trust[a][b] + rate * (1 - state.trust[a][b]))
                state.trust[b][a] = clamp(state.trust[b][a] + rate * (1 - state.trust[b][a]))


def lower_pairs(
    game: Facts, state: SessionState, losers: Iterable[str], others: Iterable[str], rate: float
) -> None:
    """Move trust down by rate·T: losses scale with the trust there was."""
    other_idx = [game.index[o] for o in others]
    for a in (game.index[m] for m in losers):
        for b in other_idx:
            if a != b:
                state.trust[a][b] = clamp(state.trust[a][b] - rate * state.trust[a][b])
                state.trust[b][a] = clamp(state.trust[b][a] - rate * state.trust[b][a])


def raise_tau(state: SessionState, members: Iterable[str], rate: float) -> None:
    for m in members:
        member = state.members[m]
        member.tau = clamp(member.tau + rate * (1 - member.tau))


def lower_tau(state: SessionState, members: Iterable[str], rate: float, floor: float = 0.0) -> None:
    """Move τ down by rate·max(τ, floor): with a floor, even a member that trusts little
    loses more on a breach than an equal commitment kept would have earned it."""
    for m in members:
        member = state.members[m]
        member.tau = clamp(member.tau - rate * max(member.tau, floor))
