"""The scenario format: frozen pydantic models for everything a facilitator authors.

Field names are the game's own words, and each model's docstring becomes the
description a TOML editor shows, so write them for facilitators.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AllowInfNan,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

# The limits the game can honour. Each is enforced where the format declares it, so a file
# beyond one gets a located error; docs/authoring.md states them (generated from here).
# Money: no partnership handles a trillion dollars, and keeping every amount below it keeps
# every sum the rules and the optimizer take far from overflow.
MAX_MONEY = 1_000_000_000_000
# Points on one option, and a BATNA (at most MAX_ISSUES issues' worth of points).
MAX_POINTS = 10_000
MAX_BATNA = 1_000_000
# Tons, people or any outcome per unit per year, and a target for the whole table.
MAX_AMOUNT = 1_000_000_000
# A project unit cheaper than a cent cannot be paid to the cent.
MIN_COST = 0.01
# Sizes. Lint and analyze take under a minute at these sizes; every pairwise rule (trust,
# density) grows with the square of the organizations.
MAX_ORGANIZATIONS = 200
MAX_INTERESTS = 50
MAX_TENSIONS = 100
MAX_ISSUES = 20
MAX_OPTIONS = 8
MAX_STREAMS = 30
MAX_PROJECTS = 60
MAX_EVENTS = 200
MAX_EFFECTS = 20
MAX_RESULTS = 20
MAX_TARGETS = 10
MAX_LIST = 200  # any other list of ids or words
MAX_NAME = 200  # characters in a name, title or label

# Numbers are strict: a string or a boolean where a number belongs is an error (TOML has
# real numbers, so "600000" or true there is a mistake), and only finite values are
# accepted. The model config below says so for every field; the aliases say it again so
# they stay strict wherever they are used, and add the magnitudes the game can mean.
Number = Annotated[float, Strict(), AllowInfNan(False)]
Count = Annotated[int, Strict()]

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64),
    Field(description="A short lowercase id: letters, digits, '-' and '_'."),
]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
Words = Annotated[str, StringConstraints(max_length=20_000)]
Fraction = Annotated[float, Strict(), AllowInfNan(False), Field(ge=0.0, le=1.0)]
Money = Annotated[
    float, Strict(), AllowInfNan(False), Field(ge=0.0, le=MAX_MONEY, description="US dollars.")
]
Amount = Annotated[
    float,
    Strict(),
    AllowInfNan(False),
    Field(ge=0.0, le=MAX_AMOUNT),
]
PositiveAmount = Annotated[float, Strict(), AllowInfNan(False), Field(gt=0.0, le=MAX_AMOUNT)]
Points = Annotated[
    int,
    Strict(),
    Field(ge=-MAX_POINTS, le=MAX_POINTS),
]
Level05 = Annotated[int, Strict(), Field(ge=0, le=5)]
Weight = Annotated[
    float,
    Strict(),
    AllowInfNan(False),
    Field(ge=0.0, le=1000.0),
]

Sector = Literal[
    "public", "private", "nonprofit", "philanthropic", "labor", "community", "academic"
]
GovernmentLevel = Literal["local", "county", "regional", "state", "federal"]
RepresentativeKind = Literal["designee", "doer", "decision_maker"]
Sent = Literal["designee", "doer", "decision_maker", "nobody"]
Personality = Literal["cooperative", "pragmatic", "hard_bargainer", "spoiler"]
Ask = Literal["letter", "staff_call", "convener_meeting", "champion"]
GovernanceForm = Literal["shared", "lead_organization", "network_administrative_organization"]
DocumentKind = Literal["none", "handshake", "mou", "charter", "contract"]
StructureKind = Literal[
    "plenary", "policy_board", "senior_staff", "workgroup", "community_engagement"
]
ProblemSolvingBehavior = Literal[
    "problem_defining", "interpreting", "solution_finding", "analyzing_reflecting"
]
Stage = Literal["forming", "storming", "norming", "performing", "adjourning"]
Handling = Literal["open", "mediate", "defer", "override", "side_deal"]

# The default convener time an invitation, and a way of handling a tension, takes.
ASK_COST: dict[str, int] = {"letter": 0, "staff_call": 1, "convener_meeting": 2, "champion": 4}
HANDLE_TIME: dict[str, int] = {"open": 3, "mediate": 2, "defer": 0, "override": 1, "side_deal": 2}


class Authored(BaseModel):
    """Base for authored data: immutable, and unknown keys are errors, not silence."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, allow_inf_nan=False)


# --------------------------------------------------------------------------- metadata


class ScenarioInfo(Authored):
    """Who the scenario is for and what the participants read first."""

    id: Id
    title: Annotated[str, StringConstraints(min_length=1, max_length=120)]
    summary: Annotated[str, StringConstraints(min_length=1, max_length=600)] = Field(
        description="One or two sentences shown in the scenario browser."
    )
    briefing: Text = Field(description="The public briefing every seat reads (Markdown).")
    region: str = Field(
        default="", max_length=MAX_NAME, description="The place the scenario is set in."
    )
    minutes: Count = Field(default=60, ge=5, le=600, description="Expected session length.")
    authors: list[str] = Field(default_factory=list, max_length=MAX_LIST)
    sources: list[str] = Field(
        default_factory=list,
        max_length=MAX_LIST,
        description="Where the scenario's facts come from.",
    )


class Timeline(Authored):
    """The game clock: meeting rounds, grouped into years for performing."""

    years: Count = Field(default=3, ge=1, le=20, description="Years the partnership runs.")
    rounds_per_year: Count = Field(
        default=4, ge=1, le=12, description="Meeting rounds in a year (4 = quarterly)."
    )
    midpoint_review: bool = Field(
        default=True, description="Hold a midpoint review halfway through (Gersick 1988)."
    )


class Convener(Authored):
    """The seat that calls the table together: invites, proposes, handles tensions."""

    name: Name = Field(description="Who convenes, e.g. 'Office of the Mayor'.")
    organization: Id | None = Field(
        default=None, description="The organization the convener belongs to, if any."
    )
    budget: Money = Field(
        default=0.0, description="Convening money for mediators, meetings and staff."
    )
    brief: Text = Field(description="The convener's confidential brief (Markdown).")
    goals: list[str] = Field(
        default_factory=list, max_length=MAX_LIST, description="Plainly stated goals."
    )
    time_per_round: Count = Field(
        default=12, ge=1, le=100, description="Convener time units to spend each round."
    )


CoBenefit = Literal["equity", "congestion", "health", "jobs"]


class Interest(Authored):
    """A role the problem needs someone at the table to play (Living Cities' frame).

    Projects and streams name the interests they need (`needs`); a member serves the
    interests in its own `interests` list.
    """

    id: Id
    name: Name
    description: Words = ""
    weight: Number = Field(
        default=1.0,
        gt=0.0,
        le=10.0,
        description="How much the problem needs it covered: the careful bot convener invites "
        "for the heaviest uncovered interests first.",
    )
    cares_about: list[CoBenefit] = Field(
        default_factory=list,
        description="Co-benefits the members serving this interest care about: when the table "
        "funds a project strong in one, their trust in the partnership rises.",
    )


class Need(Authored):
    """An interest a project or stream cannot do without, and whom its member must send."""

    interest: Id
    sends: RepresentativeKind = Field(
        default="designee",
        description="The least senior representative that counts: a 'doer' means the member "
        "serving the interest must have sent a doer or a decision-maker.",
    )


# --------------------------------------------------------------------------- organizations


class Assets(Authored):
    """What an organization could bring to the partnership."""

    money: Money = Field(
        default=0.0,
        description="Money it could pledge over the game: it can pledge money / years a year.",
    )
    staff: Number = Field(
        default=0.0,
        ge=0.0,
        le=1000.0,
        description="Staff (FTE) it could lend: a project lead commits its `lead.staff` from it.",
    )
    expertise: Level05 = Field(
        default=0,
        description="How well it runs projects: each level above 2 makes the projects it leads "
        "deliver a little more, each level below a little less.",
    )
    data: Level05 = Field(
        default=0,
        description="Data and research it brings: the best level at the table makes each "
        "measurement cheaper and its estimate sharper.",
    )
    influence: Level05 = Field(
        default=0,
        description="Weight in a weighted vote (1 + money in millions + influence) and rank for "
        "a seat on an executive committee.",
    )


class Relationship(Authored):
    """Shared history with another organization, which sets starting trust."""

    organization: Id
    kind: Literal["conflict", "cooperation"]
    strength: Fraction = 0.5
    note: Words = ""


class Representatives(Authored):
    """Whom the organization sends, depending on how it is asked.

    A letter gets a designee; a call from the convener's staff may get a doer; a
    meeting with the convener or a call from a champion may bring a decision-maker.
    Write "nobody" for an ask the organization turns down.
    """

    letter: Sent = "designee"
    staff_call: Sent = "designee"
    convener_meeting: Sent = "doer"
    champion: Sent = "decision_maker"
    extra_cost: Count = Field(
        default=0, ge=0, le=10, description="Extra convener time its leaders demand to attend."
    )


class Organization(Authored):
    """A member or potential member of the partnership, with its confidential points."""

    id: Id
    name: Name
    short: str = Field(default="", max_length=24, description="A short name for tables.")
    sector: Sector
    level: GovernmentLevel | None = Field(
        default=None, description="Government level; only for the public sector."
    )
    description: Words = ""
    interests: list[Id] = Field(
        default_factory=list, max_length=MAX_INTERESTS, description="Interests it can serve."
    )
    assets: Assets = Field(default_factory=Assets)
    streams: list[Id] = Field(
        default_factory=list,
        max_length=MAX_STREAMS,
        description="Funding streams its pledged money goes to.",
    )
    sends: Representatives = Field(default_factory=Representatives)
    points: dict[Id, dict[Id, Points]] = Field(
        default_factory=dict,
        max_length=MAX_ISSUES,
        description="Confidential points: issue id -> option id -> points.",
    )
    batna: Count = Field(
        default=0,
        ge=-MAX_BATNA,
        le=MAX_BATNA,
        description="Reservation value: points it gets by walking away.",
    )
    personality: Personality = Field(
        default="pragmatic",
        description="How its bot behaves: cooperative (generous, reliable), pragmatic, "
        "hard_bargainer (demands more, pledges less), spoiler (blocks, reneges).",
    )
    veto: bool = Field(default=False, description="Its no blocks any agreement.")
    history: list[Relationship] = Field(default_factory=list, max_length=MAX_ORGANIZATIONS)
    brief: str = Field(
        default="", max_length=20_000, description="Confidential brief for the person playing it."
    )
    goals: list[str] = Field(default_factory=list, max_length=MAX_LIST)


# --------------------------------------------------------------------------- storming


class Tension(Authored):
    """A conflict that surfaces in storming and must be handled one way or another."""

    id: Id
    title: Name
    description: Words = ""
    parties: list[Id] = Field(
        min_length=2, max_length=MAX_ORGANIZATIONS, description="Organizations on opposite sides."
    )
    sides: list[list[Id]] = Field(
        default_factory=list,
        max_length=MAX_ORGANIZATIONS,
        description="Optional grouping of the parties into sides; default one each.",
    )
    interests: list[Id] = Field(
        default_factory=list, max_length=MAX_INTERESTS, description="Interests it touches."
    )
    issue: Id | None = Field(default=None, description="Negotiation issue it bears on.")
    heat: Fraction = Field(default=0.5, description="How hot it starts (0 calm, 1 boiling).")
    mediation_cost: Money = Field(default=25_000.0, description="Cost of a mediated session.")


# --------------------------------------------------------------------------- norming


class DecisionRuleSpec(Authored):
    """How a body decides: the rule and, for supermajority, its threshold."""

    rule: Literal[
        "consensus",
        "consensus_minus_one",
        "supermajority",
        "majority",
        "weighted",
        "executive_committee",
    ]
    threshold: Number = Field(
        default=0.5,
        gt=0.0,
        le=1.0,
        description="Share of yes votes (of yes + no) a supermajority needs; other rules "
        "ignore it.",
    )


class OptionBase(Authored):
    # Fields every option of every issue has.
    id: Id
    label: Name
    description: Words = ""


class GovernanceOption(OptionBase):
    """A governance form (Provan & Kenis 2008): who runs the partnership, at what cost."""

    form: GovernanceForm = Field(
        description="'shared': every member takes part in every decision, and coordinating "
        "costs convener time that grows with the pairs at the table, and members co-manage "
        "projects only in the time coordinating leaves them; 'lead_organization': the "
        "lead sets the agenda (one more proposal a round), pulls votes toward its favorite "
        "options, and members far from it lose trust while density is low; "
        "'network_administrative_organization': a backbone whose staff add proposals, project "
        "capacity and cheaper measurement, and steady the table against regression."
    )
    lead: Id | None = Field(
        default=None,
        description="The lead organization (its free staff add project capacity), or the "
        "backbone's host.",
    )
    staff: Number = Field(
        default=0.0,
        ge=0.0,
        le=100.0,
        description="Dedicated staff (FTE): each adds two projects the partnership can run "
        "well; a backbone adds a proposal a round for every two.",
    )
    cost_per_year: Money = Field(
        default=0.0,
        description="Paid from the pooled streams each year (and for the rest of the year "
        "when adopted); a form works only in proportion to what it was paid.",
    )


class DecisionRuleOption(OptionBase):
    """A decision rule the partnership could adopt."""

    decision: DecisionRuleSpec


class StructureOption(OptionBase):
    """Which bodies exist and who sits on them."""

    structures: list[StructureKind] = Field(min_length=1, max_length=5)
    community_vote: bool = Field(
        default=False, description="Community members hold a real vote on the policy board."
    )


class CostShareOption(OptionBase):
    """Who pays the partnership's shared costs, by sector."""

    shares: dict[Sector, Fraction] = Field(min_length=1)


class MeasurementOption(OptionBase):
    """Shared measurement and data sharing."""

    shared_measurement: bool = Field(
        default=True, description="A shared measurement system: each study costs half as much."
    )
    data_sharing: Literal["none", "aggregate", "open"] = Field(
        default="aggregate",
        description="How much data members share: 'none' doubles a measurement's spread, "
        "'open' halves it (dynamics.measurement_noise is the spread with 'aggregate').",
    )
    budget_share: Fraction = Field(
        default=0.0,
        description="Share of the money members deliver to pooled streams set aside for "
        "measurement: it pays for studies first, and cannot fund projects.",
    )


class AccountabilityOption(OptionBase):
    """What leverage grassroots members hold over the large institutions."""

    community_leverage: Fraction = Field(
        description="0: advisory only; 1: leverage equal to the large institutions. A stream "
        "with `min_leverage` can be spent only when this reaches it."
    )
    public_reporting: bool = Field(
        default=False,
        description="Publish results: each measurement moves every member's trust with what it "
        "shows, and pledges are less likely to slip with everyone watching.",
    )


class DocumentOption(OptionBase):
    """How the agreement is codified: an MOU, a charter or a contract makes members' pledges
    less likely to slip (a handshake, like no document, does not)."""

    document: DocumentKind


class CustomOption(OptionBase):
    """An option with no built-in effect; its points still count."""


class IssueBase(Authored):
    # Fields every negotiation issue has; `kind` says which effect its options carry.
    id: Id
    name: Name
    description: Words = ""
    norm_weight: Number = Field(
        default=1.0, ge=0.0, le=10.0, description="Its share of norm clarity when adopted."
    )


class GovernanceIssue(IssueBase):
    """Which governance form the partnership takes (Provan & Kenis 2008)."""

    kind: Literal["governance"]
    options: list[GovernanceOption] = Field(min_length=2, max_length=MAX_OPTIONS)


class DecisionRuleIssue(IssueBase):
    """How the partnership decides once this issue is adopted (until then: consensus)."""

    kind: Literal["decision_rule"]
    options: list[DecisionRuleOption] = Field(min_length=2, max_length=MAX_OPTIONS)


class StructureIssue(IssueBase):
    """Which bodies exist (plenary, policy board, staff group, workgroups) and who votes."""

    kind: Literal["structure"]
    options: list[StructureOption] = Field(min_length=2, max_length=MAX_OPTIONS)


class CostShareIssue(IssueBase):
    """Who pays the partnership's shared costs."""

    kind: Literal["cost_share"]
    options: list[CostShareOption] = Field(min_length=2, max_length=MAX_OPTIONS)


class MeasurementIssue(IssueBase):
    """Shared measurement and data sharing (collective impact's shared measurement)."""

    kind: Literal["measurement"]
    options: list[MeasurementOption] = Field(min_length=2, max_length=MAX_OPTIONS)


class AccountabilityIssue(IssueBase):
    """Whether grassroots members get real leverage (Living Cities: Newark)."""

    kind: Literal["accountability"]
    options: list[AccountabilityOption] = Field(min_length=2, max_length=MAX_OPTIONS)


class DocumentIssue(IssueBase):
    """How the agreement is written down: handshake, MOU, charter or contract."""

    kind: Literal["document"]
    options: list[DocumentOption] = Field(min_length=2, max_length=MAX_OPTIONS)


class CustomIssue(IssueBase):
    """Any other negotiation issue; its options carry points but no built-in effect."""

    kind: Literal["custom"]
    options: list[CustomOption] = Field(min_length=2, max_length=MAX_OPTIONS)


Issue = Annotated[
    GovernanceIssue
    | DecisionRuleIssue
    | StructureIssue
    | CostShareIssue
    | MeasurementIssue
    | AccountabilityIssue
    | DocumentIssue
    | CustomIssue,
    Field(discriminator="kind"),
]


# --------------------------------------------------------------------------- money


Release = Literal["upfront", "measured"]
IssueKind = Literal[
    "governance",
    "decision_rule",
    "structure",
    "cost_share",
    "measurement",
    "accountability",
    "document",
    "custom",
]


class StreamBase(Authored):
    # Fields every funding stream has; `kind` says where its money comes from.
    id: Id
    name: Name
    description: Words = ""
    eligible: list[Id] = Field(
        default_factory=list,
        max_length=MAX_PROJECTS,
        description="Projects it may fund; empty means all.",
    )
    needs: list[Need] = Field(
        default_factory=list,
        description="Interests that must be served at the table before its money can be spent, "
        "e.g. equity money that needs community voice.",
    )
    min_leverage: Fraction = Field(
        default=0.0,
        description="Community leverage the adopted accountability option must give before its "
        "money can be spent (0: none needed).",
    )
    needs_adopted: list[IssueKind] = Field(
        default_factory=list,
        description="Kinds of issue the partnership must have settled before this money can be "
        "spent, e.g. a funder that contracts only with a partnership that has a governance "
        "form and a written agreement.",
    )
    release: Release = Field(
        default="upfront",
        description="'measured': after the first year, once it has paid for a project, its "
        "money reaches the table only when a project it paid for has been measured, as "
        "foundations fund results they can see.",
    )


class GrantStream(StreamBase):
    """Outside money with rules, e.g. a federal grant needing a local match."""

    kind: Literal["grant"]
    provider: Id | None = Field(
        default=None,
        description="The organization that grants it: if that organization leaves the "
        "partnership, the money not yet spent goes with it.",
    )
    amount: Money
    # A grant that pays nothing of a project's cost is no grant: the match stays below 1.
    match_share: Annotated[Fraction, Field(lt=1.0)] = Field(
        default=0.0, description="Local match required, as a share of the project cost; below 1."
    )
    match_from: list[Id] = Field(
        default_factory=list,
        max_length=MAX_STREAMS,
        description="Streams whose money counts as match.",
    )


class PooledStream(StreamBase):
    """Money members pledge into a common pool."""

    kind: Literal["pooled"]


class LoanStream(StreamBase):
    """Lent money: only projects whose revenue covers the debt service can borrow it."""

    kind: Literal["loan"]
    provider: Id | None = Field(
        default=None,
        description="The lender: if it leaves the partnership, the money not yet lent goes too.",
    )
    amount: Money
    rate: Fraction = Field(
        default=0.04,
        description="Annual interest rate: a unit may borrow only when its yearly revenue "
        "covers interest plus the principal spread over its lifetime.",
    )


class InKindStream(StreamBase):
    """Staff time and services rather than cash."""

    kind: Literal["in_kind"]


FundingStream = Annotated[
    GrantStream | PooledStream | LoanStream | InKindStream, Field(discriminator="kind")
]


class Reduction(Authored):
    """Tons removed per unit per year, by pollutant."""

    nox: Amount = 0.0
    voc: Amount = 0.0
    pm25: Amount = 0.0
    co2: Amount = 0.0


class CoBenefits(Authored):
    """What else a project does, 0 (nothing) to 5 (a great deal)."""

    equity: Level05 = 0
    congestion: Level05 = 0
    health: Level05 = 0
    jobs: Level05 = 0


class LeadRequirement(Authored):
    """Who can lead a project: the capacity a lead needs."""

    sectors: list[Sector] = Field(
        default_factory=list, max_length=7, description="Empty means any."
    )
    organizations: list[Id] = Field(
        default_factory=list, max_length=MAX_ORGANIZATIONS, description="Empty means any."
    )
    doer: bool = Field(default=True, description="The lead must have sent a doer.")
    staff: Number = Field(
        default=0.5, ge=0.0, le=1000.0, description="Staff (FTE) the lead must commit."
    )


class Project(Authored):
    """A project type the partnership can fund in performing, with public numbers."""

    id: Id
    name: Name
    description: Words = ""
    unit: Name = Field(default="project", description="What one unit is, e.g. 'truck'.")
    cost_per_unit: Annotated[Money, Field(ge=MIN_COST)] = Field(
        description="US dollars; at least a cent."
    )
    max_units: Count = Field(ge=1, le=1_000_000)
    reduction: Reduction = Field(
        default_factory=Reduction, description="Tons removed per unit per year."
    )
    outcome_per_unit: Amount = Field(
        default=0.0,
        description="For non-emissions metrics: outcome per unit (e.g. people placed).",
    )
    co_benefits: CoBenefits = Field(
        default_factory=CoBenefits,
        description="What else it does: members whose interests care about a co-benefit "
        "trust the partnership more when the table funds projects strong in it.",
    )
    lead: LeadRequirement = Field(default_factory=LeadRequirement)
    needs: list[Need] = Field(
        default_factory=list,
        description="Interests the work cannot do without, e.g. community-led outreach needs "
        "a community doer at the table.",
    )
    without: Fraction = Field(
        default=0.0,
        description="Share of its effect it still delivers while a need is unmet; 0 means it "
        "cannot be funded at all without them.",
    )
    uncertainty: Fraction = Field(
        default=0.2,
        description="How far what it really does may stray from its nominal figure (a standard "
        "deviation, drawn once a game per project; measurement shows it).",
    )
    revenue_per_unit: Money = Field(
        default=0.0,
        description="Yearly revenue per unit: a loan can fund it only when this covers the "
        "loan's interest plus its principal over the unit's lifetime.",
    )
    lifetime_years: Count = Field(
        default=5,
        ge=1,
        le=50,
        description="Years a funded unit keeps delivering. It is paid in yearly tranches over "
        "the years it runs within the game, so the money not yet paid can be moved.",
    )
    source: str = Field(
        min_length=1, max_length=2_000, description="Where the cost and effect figures come from."
    )


# --------------------------------------------------------------------------- events


class RoundTrigger(Authored):
    """Fires at a given year and round of the game clock."""

    on: Literal["round"]
    year: Count = Field(ge=1, le=20)
    round: Count = Field(default=1, ge=1, le=12)


class MidpointTrigger(Authored):
    """Fires at the midpoint review (Gersick's punctuated equilibrium)."""

    on: Literal["midpoint"]


class ChanceTrigger(Authored):
    """Fires with a probability each round while the partnership is in a stage."""

    on: Literal["chance"]
    probability: Fraction
    stage: Stage = "performing"


class TrustBelowTrigger(Authored):
    """Fires when trust density falls below a threshold."""

    on: Literal["trust_below"]
    threshold: Fraction


class DeferredTensionTrigger(Authored):
    """Fires when a deferred tension comes back."""

    on: Literal["tension_returns"]
    tension: Id


class StageTrigger(Authored):
    """Fires on entering a stage."""

    on: Literal["stage"]
    stage: Stage


Trigger = Annotated[
    RoundTrigger
    | MidpointTrigger
    | ChanceTrigger
    | TrustBelowTrigger
    | DeferredTensionTrigger
    | StageTrigger,
    Field(discriminator="on"),
]


class BudgetCut(Authored):
    """A stream loses a share of its money."""

    effect: Literal["budget_cut"]
    stream: Id
    share: Fraction


class AddMoney(Authored):
    """New money arrives in a stream."""

    effect: Literal["add_money"]
    stream: Id
    amount: Money


class MemberExit(Authored):
    """A member leaves the table, taking its pledges with it."""

    effect: Literal["member_exit"]
    organization: Id


class TrustShock(Authored):
    """Trust toward the partnership falls (or rises) for some or all members."""

    effect: Literal["trust_shock"]
    amount: Number = Field(ge=-1.0, le=1.0)
    organizations: list[Id] = Field(
        default_factory=list, max_length=MAX_ORGANIZATIONS, description="Empty means all."
    )


class ChampionLeaves(Authored):
    """A champion leaves office: the organization's decision-maker is replaced by a designee."""

    effect: Literal["champion_leaves"]
    organization: Id


class Urgency(Authored):
    """A shock that raises urgency, e.g. an ozone exceedance: members pledge more."""

    effect: Literal["urgency"]
    amount: Fraction


class CostChange(Authored):
    """A project's cost per unit changes by a factor."""

    effect: Literal["cost_change"]
    project: Id
    factor: Number = Field(gt=0.0, le=10.0)


class HeatTension(Authored):
    """A tension's heat rises (or falls)."""

    effect: Literal["tension_heat"]
    tension: Id
    amount: Number = Field(ge=-1.0, le=1.0)


Effect = Annotated[
    BudgetCut
    | AddMoney
    | MemberExit
    | TrustShock
    | ChampionLeaves
    | Urgency
    | CostChange
    | HeatTension,
    Field(discriminator="effect"),
]


class ScenarioEvent(Authored):
    """Something that happens to the partnership, with a trigger and effects."""

    id: Id
    title: Name
    text: str = Field(max_length=2_000, description="What the event feed says when it fires.")
    trigger: Trigger
    effects: list[Effect] = Field(default_factory=list, max_length=MAX_EFFECTS)
    once: bool = Field(default=True, description="Fire at most once.")


# --------------------------------------------------------------------------- results & scoring


class ResultMetric(Authored):
    """A candidate specific measurable result the table can name in forming."""

    id: Id
    name: Name
    unit: Name = Field(default="tons/year")
    pollutants: list[Literal["nox", "voc", "pm25", "co2"]] = Field(
        default_factory=list, description="Summed pollutants; empty means outcome_per_unit."
    )
    targets: list[PositiveAmount] = Field(
        min_length=1,
        max_length=MAX_TARGETS,
        description="Candidate targets for the final year, in `unit`; each above 0.",
    )
    description: Words = ""


class Scoring(Authored):
    """Weights of each scorecard dimension in the total; at least one must be above 0."""

    result: Weight = Field(default=25.0, description="Result against the target.")
    allocation: Weight = Field(
        default=15.0, description="Funded portfolio against the optimal one."
    )
    representation: Weight = Field(
        default=15.0, description="Interests covered, representatives well placed."
    )
    governance: Weight = Field(
        default=10.0, description="Governance form and rule fit the network."
    )
    trust: Weight = Field(default=15.0, description="Trust and process.")
    problem_solving: Weight = Field(
        default=10.0, description="Balance of the four problem-solving behaviors."
    )
    agreement: Weight = Field(
        default=10.0, description="Adopted agreement against welfare and Nash."
    )


class Dynamics(Authored):
    """The rules' constants, to tune a scenario (docs/sources.md#the-rules-starting-model)."""

    default_trust: Fraction = Field(default=0.4, description="Pairwise trust with no history.")
    trust_gain: Fraction = Field(default=0.15, description="a: gain when handled openly.")
    override_loss: Fraction = Field(default=0.3, description="b: loss for outvoted parties.")
    breach_factor: Number = Field(
        default=2.5, ge=1.0, le=10.0, description="A broken pledge costs this many times a."
    )
    base_effectiveness: Fraction = Field(default=0.35, description="e0: effectiveness floor.")
    regression_rate: Fraction = Field(default=0.35, description="r0: base regression chance.")
    heat_growth: Fraction = Field(default=0.15, description="Deferred tension heat per round.")
    renege_rate: Fraction = Field(default=0.25, description="Chance a low-trust pledge slips.")
    vote_noise: Number = Field(
        default=0.15, ge=0.0, le=2.0, description="Spread of a bot's judgment, in issue spreads."
    )
    lead_penalty: Fraction = Field(
        default=0.8,
        description="Effectiveness factor when a project's lead lacks a doer or no "
        "decision-maker sits at the table.",
    )
    measurement_share: Fraction = Field(
        default=0.04,
        description="Measuring a project costs this share of what its running units cost "
        "(at least $5,000), again at each yearly re-study; shared measurement halves it, data "
        "at the table cuts it further.",
    )
    measurement_noise: Fraction = Field(
        default=0.15,
        description="Spread of a measurement's estimate around what a project really delivers, "
        "with aggregate data sharing: none doubles it, open data halves it.",
    )
    failure_chance: Fraction = Field(
        default=0.15,
        description="Chance that a project type fails in this region: it then delivers only "
        "15-50% of its nominal effect, and only measurement shows it.",
    )
    stop_cost: Fraction = Field(
        default=0.1,
        description="Share of a stopped project's unpaid money lost to winding it down; the "
        "rest goes back to the streams it came from.",
    )
    ask_cost: dict[Ask, Annotated[Count, Field(ge=0, le=100)]] = Field(
        default_factory=lambda: dict(ASK_COST),
        description="Convener time each kind of invitation takes; an ask left out keeps "
        "its default.",
    )
    handle_time: dict[Handling, Annotated[Count, Field(ge=0, le=100)]] = Field(
        default_factory=lambda: dict(HANDLE_TIME),
        description="Convener time each way of handling a tension takes within a round; a "
        "way left out keeps its default.",
    )
    side_deal_share: Fraction = Field(
        default=0.5,
        description="A side deal costs this share of the tension's mediation_cost from the "
        "convening budget (a mediated session costs all of it; open dialogue, deferral and "
        "an override cost no money).",
    )

    @field_validator("ask_cost", "handle_time", mode="after")
    @classmethod
    def _keep_defaults(cls, value: dict[str, int], info: ValidationInfo) -> dict[str, int]:
        # Writing one cost must not make the others free: fill in the ones left out.
        defaults = ASK_COST if info.field_name == "ask_cost" else HANDLE_TIME
        return {**defaults, **value}


class Scenario(Authored):
    """A Common Table scenario: the problem, the organizations and the rules of play."""

    format: Literal[1] = Field(default=1, description="Scenario format version.")
    scenario: ScenarioInfo
    timeline: Timeline = Field(default_factory=Timeline)
    convener: Convener
    interests: list[Interest] = Field(min_length=1, max_length=MAX_INTERESTS)
    organizations: list[Organization] = Field(min_length=2, max_length=MAX_ORGANIZATIONS)
    tensions: list[Tension] = Field(default_factory=list, max_length=MAX_TENSIONS)
    issues: list[Issue] = Field(min_length=1, max_length=MAX_ISSUES)
    streams: list[FundingStream] = Field(min_length=1, max_length=MAX_STREAMS)
    projects: list[Project] = Field(min_length=1, max_length=MAX_PROJECTS)
    events: list[ScenarioEvent] = Field(default_factory=list, max_length=MAX_EVENTS)
    results: list[ResultMetric] = Field(min_length=1, max_length=MAX_RESULTS)
    scoring: Scoring = Field(default_factory=Scoring)
    dynamics: Dynamics = Field(default_factory=Dynamics)

    @field_validator("format", mode="before")
    @classmethod
    def _format_is_a_number(cls, value: object) -> object:
        # Literal[1] would take true (true == 1 in Python): the version is a number.
        if isinstance(value, bool):
            raise ValueError(f"got {str(value).lower()}; the format version is the number 1")
        return value

    def organization(self, org_id: str) -> Organization:
        """Look an organization up by id (KeyError when unknown)."""
        for org in self.organizations:
            if org.id == org_id:
                return org
        raise KeyError(org_id)
