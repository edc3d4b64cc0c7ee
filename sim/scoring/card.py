"""The scorecard, `scorecard(session)`: every dimension, from state (docs/sources.md#the-scorecard).

Usable at any point of play (the UI can show it as the game goes) and final at
adjourning. Scores read trust, coverage, the adopted agreement, the funded portfolio and
the ledger — never which stages were visited for their own sake.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sim.engine.session import Session
from sim.scoring.context import Context, build_context
from sim.scoring.dimensions import (
    agreement,
    allocation,
    governance,
    problem_solving,
    representation,
    result,
    seats,
    trust,
)
from sim.scoring.model import DIMENSIONS, LABELS, Dimension, Scorecard
from sim.scoring.parts import Part, rescaled, score

PARTS: dict[str, Callable[[Context], list[Part]]] = {
    "result": result.parts,
    "allocation": allocation.parts,
    "representation": representation.parts,
    "governance": governance.parts,
    "trust": trust.parts,
    "problem_solving": problem_solving.parts,
    "agreement": agreement.parts,
}


def scorecard(session: Session) -> Scorecard:
    """The session's scorecard now: each dimension 0–100 with why lines, and the total."""
    ctx = build_context(session)
    weights = session.game.scenario.scoring
    dimensions: dict[str, Dimension] = {}
    for name in DIMENSIONS:
        parts = PARTS[name](ctx)
        why = [p.line() for p in parts]
        line = rescaled(parts)
        if line:
            why.append(line)
        applies = any(p.out_of > 0 for p in parts)
        dimensions[name] = Dimension(
            score=score(parts),
            weight=float(getattr(weights, name)),
            label=LABELS[name],
            why=why,
            scored=applies,
        )
    seat_map = seats.seat_scores(ctx)
    seat_value, seat_why = seats.summary(ctx, seat_map)
    dimensions["seat"] = Dimension(score=seat_value, weight=0.0, label=LABELS["seat"], why=seat_why)
    counted = [d for d in DIMENSIONS if dimensions[d].scored]
    total_weight = sum(dimensions[d].weight for d in counted)
    total = (
        sum(dimensions[d].score * dimensions[d].weight for d in counted) / total_weight
        if total_weight > 0
        else 0.0
    )
    left_out = [LABELS[d] for d in DIMENSIONS if not dimensions[d].scored]
    weights_note = (
        f"{', '.join(left_out)} did not apply to this game; the total is weighted over the "
        f"other dimensions ({total_weight:g} of {sum(dimensions[d].weight for d in DIMENSIONS):g})"
        if left_out
        else ""
    )
    return Scorecard(
        total=round(total, 1),
        final=session.is_over,
        stage=session.stage,
        round=session.round,
        dimensions=dimensions,
        seats=seat_map,
        portfolios=ctx.comparison.as_json(),
        weights_note=weights_note,
    )


def scorecard_json(session: Session) -> dict[str, Any]:
    """The scorecard as plain data for `sim autoplay --json`: total, dimensions, seats."""
    card = scorecard(session)
    return card.model_dump(mode="json", include={"total", "dimensions", "seats"})
