"""What happened: the notices `Session.apply` returns, each saying what and why.

Every notice carries a `text` written for the event feed, so the UI and the
debrief never have to re-derive an explanation from numbers.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class EventBase(BaseModel):
    model_config = ConfigDict(frozen=True)

    round: int
    text: str


class StageChanged(EventBase):
    kind: Literal["stage_changed"] = "stage_changed"
    source: str
    dest: str
    regression: bool = False


class MemberJoined(EventBase):
    kind: Literal["member_joined"] = "member_joined"
    organization: str
    representative: str


class InviteDeclined(EventBase):
    kind: Literal["invite_declined"] = "invite_declined"
    organization: str


class ResultNamed(EventBase):
    kind: Literal["result_named"] = "result_named"
    metric: str
    target: float


class TensionSurfaced(EventBase):
    kind: Literal["tension_surfaced"] = "tension_surfaced"
    tension: str
    returned: bool = False


class TensionHandled(EventBase):
    kind: Literal["tension_handled"] = "tension_handled"
    tension: str
    how: str
    resolved: bool


class ProposalVoted(EventBase):
    kind: Literal["proposal_voted"] = "proposal_voted"
    issue: str
    option: str
    rule: str
    yes: int
    no: int
    stand_aside: int
    adopted: bool
    blockers: list[str] = Field(default_factory=list)


class Pledged(EventBase):
    kind: Literal["pledged"] = "pledged"
    organization: str
    stream: str
    amount: float


class PledgeSettled(EventBase):
    kind: Literal["pledge_settled"] = "pledge_settled"
    organization: str
    stream: str
    pledged: float
    delivered: float


class Funded(EventBase):
    kind: Literal["funded"] = "funded"
    project: str
    stream: str
    units: int
    cost: float
    lead: str


class Measured(EventBase):
    kind: Literal["measured"] = "measured"
    project: str
    nominal: float
    delivered: float


class Reflected(EventBase):
    kind: Literal["reflected"] = "reflected"
    behavior: str


class YearClosed(EventBase):
    kind: Literal["year_closed"] = "year_closed"
    year: int
    achieved: float
    effectiveness: float


class ScenarioEventFired(EventBase):
    kind: Literal["scenario_event"] = "scenario_event"
    event: str
    title: str


class Responded(EventBase):
    kind: Literal["responded"] = "responded"
    event: str
    response: str


class MidpointReview(EventBase):
    kind: Literal["midpoint_review"] = "midpoint_review"


class RoundEnded(EventBase):
    kind: Literal["round_ended"] = "round_ended"
    next_round: int


class TrustChanged(EventBase):
    kind: Literal["trust_changed"] = "trust_changed"
    density: float
    partnership: float


Event = Annotated[
    StageChanged
    | MemberJoined
    | InviteDeclined
    | ResultNamed
    | TensionSurfaced
    | TensionHandled
    | ProposalVoted
    | Pledged
    | PledgeSettled
    | Funded
    | Measured
    | Reflected
    | YearClosed
    | ScenarioEventFired
    | MidpointReview
    | Responded
    | RoundEnded
    | TrustChanged,
    Field(discriminator="kind"),
]
