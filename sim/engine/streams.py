"""Funding streams' own rules: what a stream may pay for and which streams match a grant.

The one definition the engine spends by, the optimizer searches under and lint checks
against, so the optimum and the table are always bound by the same rules.
"""

from __future__ import annotations

from sim.scenario.models import FundingStream, GrantStream, LoanStream, Project, Scenario


def may_fund(stream: FundingStream, project: Project) -> str | None:
    """Why the stream's rules forbid paying for the project, or None when they allow it."""
    if stream.eligible and project.id not in stream.eligible:
        return f"{stream.name} cannot fund {project.name}"
    if isinstance(stream, LoanStream) and project.revenue_per_unit <= 0:
        return f"{stream.name} is a loan; {project.name} earns nothing to repay it"
    return None


def match_sources(scenario: Scenario, grant: GrantStream) -> list[str]:
    """Streams whose money counts as the grant's local match: its `match_from`, else every
    pooled stream (a grant never matches itself)."""
    named = grant.match_from or [s.id for s in scenario.streams if s.kind == "pooled"]
    return [s for s in named if s != grant.id]


def needs_match(stream: FundingStream) -> bool:
    """A grant that pays only part of a cost, the rest coming from a matching stream."""
    return isinstance(stream, GrantStream) and stream.match_share > 0
