"""The public face of a scenario: what every seat may know before and during play.

Organizations' points, BATNAs, personalities, history, briefs and goals, whom each
sends for each kind of ask, the convener's brief and goals, and the scenario's events
before they happen are confidential or hidden: `PublicScenario` has no field for any
of them, so nothing built from it can show one by accident. The rest of the authored
scenario is shared as authored (the same frozen models).
"""

from __future__ import annotations

from functools import cached_property

from pydantic import BaseModel, ConfigDict

from sim.scenario.models import (
    Assets,
    FundingStream,
    Interest,
    Issue,
    Project,
    ResultMetric,
    Scenario,
    ScenarioInfo,
    Scoring,
    Tension,
    Timeline,
)


class Public(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PublicOrganization(Public):
    """An organization as everyone at the table knows it."""

    id: str
    name: str
    short: str
    sector: str
    level: str | None
    description: str
    interests: tuple[str, ...]
    assets: Assets
    streams: tuple[str, ...]
    veto: bool
    extra_cost: int  # extra convener time its leaders demand to attend

    @property
    def label(self) -> str:
        """The short name where there is one: for tight columns."""
        return self.short or self.name


class PublicConvener(Public):
    name: str
    organization: str | None
    time_per_round: int
    budget: float


class PublicScenario(Public):
    """Everything about a scenario a seat may read, with lookups by id."""

    info: ScenarioInfo
    timeline: Timeline
    convener: PublicConvener
    interests: tuple[Interest, ...]
    organizations: tuple[PublicOrganization, ...]
    tensions: tuple[Tension, ...]
    issues: tuple[Issue, ...]
    streams: tuple[FundingStream, ...]
    projects: tuple[Project, ...]
    results: tuple[ResultMetric, ...]
    scoring: Scoring
    ask_cost: dict[str, int]
    stop_cost: float  # the share of a stopped project's unpaid money lost winding it down

    @cached_property
    def orgs(self) -> dict[str, PublicOrganization]:
        return {org.id: org for org in self.organizations}

    @cached_property
    def index(self) -> dict[str, int]:
        return {org.id: n for n, org in enumerate(self.organizations)}

    @cached_property
    def issue(self) -> dict[str, Issue]:
        return {issue.id: issue for issue in self.issues}

    @cached_property
    def project(self) -> dict[str, Project]:
        return {p.id: p for p in self.projects}

    @cached_property
    def stream(self) -> dict[str, FundingStream]:
        return {s.id: s for s in self.streams}

    @cached_property
    def tension(self) -> dict[str, Tension]:
        return {t.id: t for t in self.tensions}

    @cached_property
    def metric(self) -> dict[str, ResultMetric]:
        return {m.id: m for m in self.results}

    @cached_property
    def interest(self) -> dict[str, Interest]:
        return {i.id: i for i in self.interests}

    def name(self, org: str) -> str:
        """An organization's name, or the id itself when it is not one."""
        found = self.orgs.get(org)
        return found.name if found else org

    def short(self, org: str) -> str:
        found = self.orgs.get(org)
        return found.label if found else org

    def option_label(self, issue: str, option: str) -> str:
        spec = self.issue.get(issue)
        found = next((o for o in spec.options if o.id == option), None) if spec else None
        return found.label if found else option

    def per_unit(self, project: Project, metric: ResultMetric) -> float:
        """A project's nominal yearly effect per unit on the metric (as `Facts.per_unit`)."""
        if not metric.pollutants:
            return project.outcome_per_unit
        reduction = project.reduction.model_dump()
        return float(sum(reduction[p] for p in metric.pollutants))


def public_scenario(scenario: Scenario) -> PublicScenario:
    """The public part of a scenario; built once per game (see `Facts.public`)."""
    return PublicScenario(
        info=scenario.scenario,
        timeline=scenario.timeline,
        convener=PublicConvener(
            name=scenario.convener.name,
            organization=scenario.convener.organization,
            time_per_round=scenario.convener.time_per_round,
            budget=scenario.convener.budget,
        ),
        interests=tuple(scenario.interests),
        organizations=tuple(
            PublicOrganization(
                id=org.id,
                name=org.name,
                short=org.short,
                sector=org.sector,
                level=org.level,
                description=org.description,
                interests=tuple(org.interests),
                assets=org.assets,
                streams=tuple(org.streams),
                veto=org.veto,
                extra_cost=org.sends.extra_cost,
            )
            for org in scenario.organizations
        ),
        tensions=tuple(scenario.tensions),
        issues=tuple(scenario.issues),
        streams=tuple(scenario.streams),
        projects=tuple(scenario.projects),
        results=tuple(scenario.results),
        scoring=scenario.scoring,
        ask_cost=dict(scenario.dynamics.ask_cost),
        stop_cost=scenario.dynamics.stop_cost,
    )
