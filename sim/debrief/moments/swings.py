"""Key moments of the live scorecard: its biggest swings, with the dimension that moved most."""

from __future__ import annotations

from itertools import pairwise

from sim.debrief.moments.lessons import DIMENSION_LESSON
from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.names import describe, seat_name, short_why
from sim.scoring.card import scorecard
from sim.scoring.model import LABELS

SWINGS = 3  # the biggest score swings kept
SWING_MIN = 3.0  # points: smaller moves are noise in a debrief


def score_swings(facts: Facts) -> list[KeyMoment]:
    """The biggest moves of the live scorecard, with the dimension that moved most."""
    trace, game = facts.trace, facts.trace.game
    moves = [
        (b.total - a.total, a, b)
        for a, b in pairwise(facts.scores)
        if abs(b.total - a.total) >= SWING_MIN
    ]
    moves.sort(key=lambda m: (-abs(m[0]), m[2].step))
    out: list[KeyMoment] = []
    for delta, a, b in moves[:SWINGS]:
        dims = {d: b.dimensions[d] - a.dimensions[d] for d in b.dimensions}
        dim = max(dims, key=lambda d: abs(dims[d]))
        label = LABELS[dim]
        entry = trace.entries[b.step - 1]
        if b.step - a.step == 1:
            what = f"{seat_name(game, entry.seat)} {describe(game, entry.action)}"
        else:
            what = f"steps {a.step + 1}–{b.step}"
        why = _changed_why(facts, a.step, b.step, dim)
        verb = "rose" if delta > 0 else "fell"
        out.append(
            KeyMoment(
                kind="swing",
                step=b.step,
                round=entry.round,
                stage=entry.stage,
                title=f"Score {delta:+.1f} at step {b.step}: {what}",
                detail=(
                    f"The score {verb} from {a.total:.1f} to {b.total:.1f} here, most of it in "
                    f"{label} ({dims[dim]:+.0f})."
                ),
                lesson=DIMENSION_LESSON.get(dim, "result"),
                questions=(
                    f"In round {entry.round} ({what}) the score {verb} {abs(delta):.1f} "
                    f"points, most of it in {label}. Did the table feel it at the time, and "
                    "what did it see change?",
                    f"The scorecard says of {label}: '{why}'. Who at the table would agree, and "
                    "who would not?"
                    if why
                    else f"What would have kept {label} from moving here?",
                ),
                weight=abs(delta) / 3.0,
                fork=a.step,
                what_if=f"Branch at step {a.step} and try a different move there."
                if delta < 0
                else "",
            )
        )
    return out


def _changed_why(facts: Facts, before: int, after: int, dim: str) -> str:
    """The dimension's first why line that reads differently after the swing than before."""
    old = scorecard(facts.state_at(before)).dimensions[dim].why
    new = scorecard(facts.state_at(after)).dimensions[dim].why
    changed = [line for line in new if line not in old] or new
    return short_why(changed[0]) if changed else ""
