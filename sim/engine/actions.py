"""What a seat can do: one pydantic model per action kind, in a tagged union.

Actions are the only way anything (a person, a bot, the UI, the network)
changes a session, so a saved game is its scenario, seed and these records.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from sim.scenario.models import Ask, ProblemSolvingBehavior

CONVENER = "convener"
HowHandled = Literal["open", "mediate", "defer", "override", "side_deal"]
VoteChoice = Literal["yes", "no", "stand_aside"]


class ActionBase(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    seat: str = CONVENER


class Invite(ActionBase):
    """Ask an organization to the table; how you ask decides whom it sends."""

    kind: Literal["invite"] = "invite"
    organization: str
    ask: Ask = "letter"


class ChooseResult(ActionBase):
    """Name the specific measurable result: a metric and a target for the final year."""

    kind: Literal["choose_result"] = "choose_result"
    metric: str
    target: float


class HandleTension(ActionBase):
    """Deal with a surfaced tension: open dialogue, mediation, deferral, a vote, a side deal."""

    kind: Literal["handle_tension"] = "handle_tension"
    tension: str
    how: HowHandled
    favor: int = Field(default=0, ge=0, description="The side an override or side deal favors.")


class Propose(ActionBase):
    """Put an option of a negotiation issue to a vote under the rule in force; with a
    `package`, options of more issues go to the same vote, to stand or fall together."""

    kind: Literal["propose"] = "propose"
    issue: str
    option: str
    package: dict[str, str] = Field(
        default_factory=dict, description="More issues settled by the same vote: issue -> option."
    )

    @property
    def options(self) -> dict[str, str]:
        return {self.issue: self.option, **self.package}


class SoundOut(ActionBase):
    """Meet one member, or caucus with a few, to learn where they stand on some issues."""

    kind: Literal["sound_out"] = "sound_out"
    # Tuples, so an action stays hashable like every other.
    members: tuple[str, ...]
    issues: tuple[str, ...]


class Vote(ActionBase):
    """A member's vote on the pending proposal."""

    kind: Literal["vote"] = "vote"
    choice: VoteChoice


class Pledge(ActionBase):
    """A member commits money to a funding stream for this year."""

    kind: Literal["pledge"] = "pledge"
    stream: str
    amount: float = Field(ge=0.0)


class Fund(ActionBase):
    """Spend money from a stream on units of a project."""

    kind: Literal["fund"] = "fund"
    project: str
    stream: str
    units: int = Field(ge=1)


class Stop(ActionBase):
    """Stop every running batch of a project: its unpaid money goes back to its streams."""

    kind: Literal["stop"] = "stop"
    project: str


class Measure(ActionBase):
    """Pay to measure what a funded project really delivers."""

    kind: Literal["measure"] = "measure"
    project: str


class Reflect(ActionBase):
    """Spend the table's time on one of the four problem-solving behaviors."""

    kind: Literal["reflect"] = "reflect"
    behavior: ProblemSolvingBehavior


class NameSteering(ActionBase):
    """Name an interim steering committee to take the founding decisions (in forming)."""

    kind: Literal["name_steering"] = "name_steering"
    members: tuple[str, ...]


class Advance(ActionBase):
    """Move the partnership to its next stage, when the guards allow it."""

    kind: Literal["advance"] = "advance"


class Skip(ActionBase):
    """Jump from forming straight to performing (the form-perform shortcut)."""

    kind: Literal["skip"] = "skip"


class EndRound(ActionBase):
    """Close the meeting round: bots act, money moves, events may fire."""

    kind: Literal["end_round"] = "end_round"


class Respond(ActionBase):
    """Answer a scenario event that asks for a response."""

    kind: Literal["respond"] = "respond"
    event: str
    response: Literal["absorb", "rally", "replace"]


class Join(ActionBase):
    """An organization seat answers an invitation: whom it sends, or `nobody` to decline.

    It may send anyone up to the rank its brief is willing to send for the way it was
    asked, or anyone more junior."""

    kind: Literal["join"] = "join"
    representative: Literal["designee", "doer", "decision_maker", "nobody"]


class AskToJoin(ActionBase):
    """An organization outside the table asks the convener for a seat, naming whom it
    would send; the convener admits it by inviting it."""

    kind: Literal["ask_to_join"] = "ask_to_join"
    representative: Literal["designee", "doer", "decision_maker"] = "doer"


class WalkOut(ActionBase):
    """A member leaves the partnership for its BATNA, taking its unspent money with it."""

    kind: Literal["walk_out"] = "walk_out"


class RaiseTension(ActionBase):
    """A member puts a Tension it is party to on the table (or back on it)."""

    kind: Literal["raise_tension"] = "raise_tension"
    tension: str


class Deliver(ActionBase):
    """A member settles this year's pledge: delivers `amount` of it (less than pledged
    is reneging on the rest)."""

    kind: Literal["deliver"] = "deliver"
    amount: float = Field(ge=0.0)


class OfferDeal(ActionBase):
    """A side deal between two members: the offering seat backs `give` (an option of one
    issue) if `partner` backs `want` (an option of another) when either comes to a vote.

    The convener offers on behalf of its own organization."""

    kind: Literal["offer_deal"] = "offer_deal"
    partner: str
    give_issue: str
    give_option: str
    want_issue: str
    want_option: str


class AnswerDeal(ActionBase):
    """The partner of an offered side deal accepts or declines it."""

    kind: Literal["answer_deal"] = "answer_deal"
    deal: int = Field(ge=0)
    accept: bool


Action = Annotated[
    Invite
    | ChooseResult
    | HandleTension
    | Propose
    | SoundOut
    | Vote
    | Pledge
    | Fund
    | Stop
    | Measure
    | Reflect
    | NameSteering
    | Advance
    | Skip
    | EndRound
    | Respond
    | Join
    | AskToJoin
    | WalkOut
    | RaiseTension
    | Deliver
    | OfferDeal
    | AnswerDeal,
    Field(discriminator="kind"),
]
ACTION_ADAPTER: TypeAdapter[Action] = TypeAdapter(Action)


def parse_action(data: dict[str, object]) -> Action:
    """Build an action from plain data (a save entry, a network message)."""
    return ACTION_ADAPTER.validate_python(data)
