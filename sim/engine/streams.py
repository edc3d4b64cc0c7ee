"""Funding streams' own rules: what a stream may pay for and which streams match a grant.

The one definition the engine spends by, the optimizer searches under and lint checks
against, so the optimum and the table are always bound by the same rules. The rules are
stated on plain fields (`stream_allows`, `matching`) so the optimizer's own compact
specs can ask them too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from sim.scenario.models import FundingStream, GrantStream, LoanStream, Project, Scenario


@dataclass(frozen=True)
class Terms:
    """What a stream's rules look at: its kind, eligible projects and loan rate."""

    kind: str
    eligible: Collection[str] = ()
    rate: float = 0.0


def debt_service(unit_cost: float, lifetime: int, rate: float) -> float:
    """What a loan-funded unit must repay a year: interest plus principal over its life."""
    return unit_cost * (rate + 1 / lifetime)


def stream_allows(
    terms: Terms, project: str, revenue: float, unit_cost: float, lifetime: int
) -> bool:
    """A stream may pay for a project when the project is eligible (an empty list means
    every project), and a loan only when the unit's revenue covers its debt service."""
    if terms.eligible and project not in terms.eligible:
        return False
    if terms.kind != "loan":
        return True
    return revenue > 0 and revenue + 1e-9 >= debt_service(unit_cost, lifetime, terms.rate)


def terms_of(stream: FundingStream) -> Terms:
    rate = stream.rate if isinstance(stream, LoanStream) else 0.0
    return Terms(stream.kind, frozenset(stream.eligible), rate)


def may_fund(stream: FundingStream, project: Project, unit_cost: float) -> str | None:
    """Why the stream's rules forbid paying for the project, or None when they allow it."""
    allowed = stream_allows(
        terms_of(stream), project.id, project.revenue_per_unit, unit_cost, project.lifetime_years
    )
    if allowed:
        return None
    if stream.eligible and project.id not in stream.eligible:
        return f"{stream.name} cannot fund {project.name}"
    if project.revenue_per_unit <= 0:
        return f"{stream.name} is a loan; {project.name} earns nothing to repay it"
    need = debt_service(unit_cost, project.lifetime_years, terms_of(stream).rate)
    return (
        f"{stream.name} is a loan; {project.name} earns ${project.revenue_per_unit:,.0f} a "
        f"unit a year, short of the ${need:,.0f} it would have to repay"
    )


def matching(grant: str, match_from: Sequence[str], pooled: Sequence[str]) -> list[str]:
    """The streams whose money counts as a grant's local match: its `match_from`, else
    every pooled stream. A grant never matches itself."""
    return [s for s in (match_from or pooled) if s != grant]


def match_sources(scenario: Scenario, grant: GrantStream) -> list[str]:
    """`matching` for a grant of the scenario."""
    pooled = [s.id for s in scenario.streams if s.kind == "pooled"]
    return matching(grant.id, grant.match_from, pooled)


def needs_match(stream: FundingStream) -> bool:
    """A grant that pays only part of a cost, the rest coming from a matching stream."""
    return isinstance(stream, GrantStream) and stream.match_share > 0
