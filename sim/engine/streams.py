"""Funding streams' own rules: what a stream may pay for and which streams match a grant.

The one definition the engine spends by, the optimizer searches under and lint checks
against, so the optimum and the table are always bound by the same rules. The rules are
stated on plain fields (`stream_allows`, `matching`) so the optimizer's own compact
specs can ask them too.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sim.scenario.models import FundingStream, GrantStream, Project, Scenario


def stream_allows(kind: str, eligible: Collection[str], project: str, revenue: float) -> bool:
    """A stream may pay for a project when the project is eligible (an empty list means
    every project), and a loan only for a project whose revenue can repay it."""
    if eligible and project not in eligible:
        return False
    return not (kind == "loan" and revenue <= 0)


def may_fund(stream: FundingStream, project: Project) -> str | None:
    """Why the stream's rules forbid paying for the project, or None when they allow it."""
    if stream_allows(stream.kind, stream.eligible, project.id, project.revenue_per_unit):
        return None
    if stream.eligible and project.id not in stream.eligible:
        return f"{stream.name} cannot fund {project.name}"
    return f"{stream.name} is a loan; {project.name} earns nothing to repay it"


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
