"""`Facts`: the static facts of a scenario, indexed once; every rule reads them.

`sim.engine.game.Game` adds the factory for sessions on top, so that the rules (which
take `Facts`) never import the session that runs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from sim.engine.public import PublicScenario, public_scenario
from sim.scenario.models import (
    FundingStream,
    Issue,
    Organization,
    Project,
    ResultMetric,
    Scenario,
    Tension,
)


@dataclass(frozen=True)
class Facts:
    """A loaded scenario plus the lookups every rule needs; shared by all its sessions."""

    scenario: Scenario

    @cached_property
    def public(self) -> PublicScenario:
        """What every seat may know of the scenario (no confidential sheet, no event ahead)."""
        return public_scenario(self.scenario)

    @cached_property
    def orgs(self) -> dict[str, Organization]:
        return {org.id: org for org in self.scenario.organizations}

    @cached_property
    def interest_cares(self) -> dict[str, tuple[str, ...]]:
        """The co-benefits the members serving each interest care about."""
        return {i.id: tuple(i.cares_about) for i in self.scenario.interests}

    @cached_property
    def serves(self) -> dict[str, frozenset[str]]:
        """The interests each organization serves, for the checks that run on every move."""
        return {org.id: frozenset(org.interests) for org in self.scenario.organizations}

    @cached_property
    def index(self) -> dict[str, int]:
        return {org.id: n for n, org in enumerate(self.scenario.organizations)}

    @cached_property
    def issues(self) -> dict[str, Issue]:
        return {issue.id: issue for issue in self.scenario.issues}

    @cached_property
    def projects(self) -> dict[str, Project]:
        return {p.id: p for p in self.scenario.projects}

    @cached_property
    def streams(self) -> dict[str, FundingStream]:
        return {s.id: s for s in self.scenario.streams}

    @cached_property
    def tensions(self) -> dict[str, Tension]:
        return {t.id: t for t in self.scenario.tensions}

    @cached_property
    def metrics(self) -> dict[str, ResultMetric]:
        return {m.id: m for m in self.scenario.results}

    @cached_property
    def issue_max(self) -> dict[str, dict[str, int]]:
        """Each organization's best points on each issue."""
        return {
            org.id: {
                issue.id: max(org.points.get(issue.id, {}).values(), default=0)
                for issue in self.scenario.issues
            }
            for org in self.scenario.organizations
        }

    @cached_property
    def reservation(self) -> dict[str, dict[str, float]]:
        """BATNA spread over issues in proportion to what each issue can give a member.

        A member judges one proposal at a time against the share of its walk-away
        value that issue has to carry (Harborco-style point sheets).
        """
        out: dict[str, dict[str, float]] = {}
        for org in self.scenario.organizations:
            best = self.issue_max[org.id]
            total = sum(best.values())
            out[org.id] = {
                issue: (org.batna * value / total if total else 0.0)
                for issue, value in best.items()
            }
        return out

    def short_name(self, org: str) -> str:
        """An organization's short name (or its name): for lists in the feed."""
        found = self.orgs.get(org)
        return (found.short or found.name) if found else org

    def option_label(self, issue: str, option: str) -> str:
        spec = self.issues.get(issue)
        found = next((o for o in spec.options if o.id == option), None) if spec else None
        return found.label if found else option

    def points(self, org: str, issue: str, option: str) -> int:
        return self.orgs[org].points.get(issue, {}).get(option, 0)

    @cached_property
    def _per_unit(self) -> dict[tuple[str, str], float]:
        out: dict[tuple[str, str], float] = {}
        for metric in self.scenario.results:
            for project in self.scenario.projects:
                if not metric.pollutants:
                    value = project.outcome_per_unit
                else:
                    reduction: Mapping[str, float] = project.reduction.model_dump()
                    value = sum(reduction[p] for p in metric.pollutants)
                out[(project.id, metric.id)] = value
        return out

    def per_unit(self, project: Project, metric: ResultMetric) -> float:
        """A project's nominal yearly effect per unit on the named metric."""
        return self._per_unit[(project.id, metric.id)]
