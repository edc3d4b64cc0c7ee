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
from sim.scoring.parts import Part, score

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
        dimensions[name] = Dimension(
            score=score(parts),
            weight=float(getattr(weights, name)),
            label=LABELS[name],
            why=[p.line() for p in parts],
        )
    seat_map = seats.seat_scores(ctx)
    seat_value, seat_why = seats.summary(ctx, seat_map)
    dimensions["seat"] = Dimension(score=seat_value, weight=0.0, label=LABELS["seat"], why=seat_why)
    total_weight = sum(dimensions[d].weight for d in DIMENSIONS)
    total = (
        sum(dimensions[d].score * dimensions[d].weight for d in DIMENSIONS) / total_weight
        if total_weight > 0
        else 0.0
    )
    return Scorecard(
        total=round(total, 1),
        final=session.is_over,
        stage=session.stage,
        round=session.round,
        dimensions=dimensions,
        seats=seat_map,
        portfolios=ctx.comparison.as_json(),
    )


def scorecard_json(session: Session) -> dict[str, Any]:
    """The scorecard as plain data for `sim autoplay --json`: total, dimensions, seats."""
    card = scorecard(session)
    return card.model_dump(mode="json", include={"total", "dimensions", "seats"})
