"""What happened: the notices `Session.apply` returns, each saying what and why.

A `Notice` is a line of the game's feed; a `ScenarioEvent` (the scenario format) is
something authored that may happen to the partnership, and firing one makes a
`ScenarioEventFired` notice. Every notice carries a `text` written for the feed, so
the UI and the debrief never re-derive an explanation from numbers.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


class NoticeBase(BaseModel):
    model_config = ConfigDict(frozen=True)

    round: int
    text: str


class StageChanged(NoticeBase):
    kind: Literal["stage_changed"] = "stage_changed"
    source: str
    dest: str
    regression: bool = False


class MemberJoined(NoticeBase):
    kind: Literal["member_joined"] = "member_joined"
    organization: str
    representative: str


class InviteDeclined(NoticeBase):
    kind: Literal["invite_declined"] = "invite_declined"
    organization: str


class ResultNamed(NoticeBase):
    kind: Literal["result_named"] = "result_named"
    metric: str
    target: float


class TensionSurfaced(NoticeBase):
    kind: Literal["tension_surfaced"] = "tension_surfaced"
    tension: str
    returned: bool = False


class TensionHandled(NoticeBase):
    kind: Literal["tension_handled"] = "tension_handled"
    tension: str
    how: str
    resolved: bool


class ProposalVoted(NoticeBase):
    kind: Literal["proposal_voted"] = "proposal_voted"
    issue: str
    option: str
    package: dict[str, str] = Field(default_factory=dict)  # more issues in the same vote
    rule: str
    yes: int
    no: int
    stand_aside: int
    adopted: bool
    blockers: list[str] = Field(default_factory=list)


class Pledged(NoticeBase):
    kind: Literal["pledged"] = "pledged"
    organization: str
    stream: str
    amount: float


class PledgeSettled(NoticeBase):
    kind: Literal["pledge_settled"] = "pledge_settled"
    organization: str
    stream: str
    pledged: float
    delivered: float


class Funded(NoticeBase):
    kind: Literal["funded"] = "funded"
    project: str
    stream: str
    units: int
    cost: float
    lead: str


class Stopped(NoticeBase):
    kind: Literal["stopped"] = "stopped"
    project: str
    returned: float
    lost: float


class MoneyReleased(NoticeBase):
    kind: Literal["money_released"] = "money_released"
    stream: str
    amount: float


class GovernancePaid(NoticeBase):
    kind: Literal["governance_paid"] = "governance_paid"
    paid: float
    due: float


class SteeringNamed(NoticeBase):
    kind: Literal["steering_named"] = "steering_named"
    members: list[str]


class SoundedOut(NoticeBase):
    kind: Literal["sounded_out"] = "sounded_out"
    seat: str
    members: list[str]
    issues: list[str]


class Measured(NoticeBase):
    kind: Literal["measured"] = "measured"
    project: str
    nominal: float
    delivered: float


class Reflected(NoticeBase):
    kind: Literal["reflected"] = "reflected"
    behavior: str


class YearClosed(NoticeBase):
    kind: Literal["year_closed"] = "year_closed"
    year: int
    achieved: float  # the yearly rate at the year's close
    delivered: float = 0.0  # what the air got over the year
    effectiveness: float


class ScenarioEventFired(NoticeBase):
    kind: Literal["scenario_event"] = "scenario_event"
    event: str
    title: str


class Responded(NoticeBase):
    kind: Literal["responded"] = "responded"
    event: str
    response: str


class MidpointReview(NoticeBase):
    kind: Literal["midpoint_review"] = "midpoint_review"


class RoundEnded(NoticeBase):
    kind: Literal["round_ended"] = "round_ended"
    next_round: int


class Invited(NoticeBase):
    """A person's seat is invited and has yet to answer whom it sends."""

    kind: Literal["invited"] = "invited"
    organization: str
    ask: str


class AskedToJoin(NoticeBase):
    kind: Literal["asked_to_join"] = "asked_to_join"
    organization: str
    representative: str


class WalkedOut(NoticeBase):
    kind: Literal["walked_out"] = "walked_out"
    organization: str


class DealOffered(NoticeBase):
    kind: Literal["deal_offered"] = "deal_offered"
    deal: int
    offerer: str
    partner: str


class DealAnswered(NoticeBase):
    kind: Literal["deal_answered"] = "deal_answered"
    deal: int
    accepted: bool


class DealSettled(NoticeBase):
    """A side deal came to its vote: kept, or broken by the member who voted against it."""

    kind: Literal["deal_settled"] = "deal_settled"
    deal: int
    kept: bool
    breaker: str | None = None


Notice = Annotated[
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
    | Stopped
    | MoneyReleased
    | GovernancePaid
    | SteeringNamed
    | SoundedOut
    | Measured
    | Reflected
    | YearClosed
    | ScenarioEventFired
    | MidpointReview
    | Responded
    | RoundEnded
    | Invited
    | AskedToJoin
    | WalkedOut
    | DealOffered
    | DealAnswered
    | DealSettled,
    Field(discriminator="kind"),
]
NOTICE_ADAPTER: TypeAdapter[Notice] = TypeAdapter(Notice)
