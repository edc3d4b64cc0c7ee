"""The scorecard as data: pydantic models the UI, `sim autoplay --json` and reports read."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

DIMENSIONS: tuple[str, ...] = (
    "result",
    "allocation",
    "representation",
    "governance",
    "trust",
    "problem_solving",
    "agreement",
)
LABELS = {
    "result": "result",
    "allocation": "allocation",
    "representation": "representation",
    "governance": "governance fit",
    "trust": "trust & process",
    "problem_solving": "problem solving",
    "agreement": "agreement",
    "seat": "seat",
}


class Dimension(BaseModel):
    """One scorecard dimension: 0–100, its weight in the total, and why."""

    model_config = ConfigDict(frozen=True)

    score: float = Field(ge=0.0, le=100.0)
    weight: float = Field(ge=0.0)
    label: str
    why: list[str]
    scored: bool = Field(default=True, description="False when nothing in it applied to this game.")


class SeatScore(BaseModel):
    """One organization's own score: its points against its BATNA and its pledges kept."""

    model_config = ConfigDict(frozen=True)

    points: int
    batna: int
    above_batna: bool
    pledged: float
    delivered: float
    kept_share: float | None = Field(description="Delivered / pledged; None with no pledge due.")
    score: float = Field(ge=0.0, le=100.0)
    why: list[str]


class Scorecard(BaseModel):
    """The live (or, at adjourning, final) scorecard of a session."""

    model_config = ConfigDict(frozen=True)

    total: float = Field(ge=0.0, le=100.0)
    final: bool
    stage: str
    round: int
    dimensions: dict[str, Dimension]
    seats: dict[str, SeatScore]
    weights_note: str = Field(
        default="", description="How the total's weights were rescaled, when they were."
    )
    portfolios: dict[str, Any] = Field(
        default_factory=dict,
        description="The funded and the optimal portfolio side by side, for the debrief.",
    )
