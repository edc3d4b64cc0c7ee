"""Scoring and analysis: the scorecard, the optimal allocation, agreement analytics.

Nothing here changes a session or does terminal I/O; `sim.cli.analyze` prints for it.
Exports load on first use, so importing the package does not load numpy and scipy.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.scoring.agreements import AgreementAnalysis, analyze_agreements
    from sim.scoring.card import scorecard, scorecard_json
    from sim.scoring.model import Dimension, Scorecard, SeatScore
    from sim.scoring.portfolios import Comparison, compare

_EXPORTS = {
    "AgreementAnalysis": "sim.scoring.agreements",
    "analyze_agreements": "sim.scoring.agreements",
    "Comparison": "sim.scoring.portfolios",
    "compare": "sim.scoring.portfolios",
    "Dimension": "sim.scoring.model",
    "Scorecard": "sim.scoring.model",
    "SeatScore": "sim.scoring.model",
    "scorecard": "sim.scoring.card",
    "scorecard_json": "sim.scoring.card",
}

__all__ = [
    "AgreementAnalysis",
    "Comparison",
    "Dimension",
    "Scorecard",
    "SeatScore",
    "analyze_agreements",
    "compare",
    "scorecard",
    "scorecard_json",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'sim.scoring' has no attribute '{name}'")
    return getattr(import_module(_EXPORTS[name]), name)
