"""Interests that gate work: what a project or a stream needs at the table, and whether
the table has it now.

Living Cities' interest-based frame (docs/sources.md): a table is judged by whether it
covers the interests the problem needs. Here that acts: a project whose needed interest
is missing cannot be funded (or delivers only its `without` share), and equity money
whose community voice lacks real leverage cannot be spent.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.engine.facts import Facts
from sim.engine.state import SessionState
from sim.scenario.models import (
    AccountabilityIssue,
    DocumentIssue,
    FundingStream,
    Need,
    Project,
)
from sim.scenario.words import REPRESENTATIVE, rank


def served(game: Facts, state: SessionState, need: Need) -> bool:
    """Some member at the table serves the interest and sent someone senior enough."""
    interest, least, serves, members = need.interest, rank(need.sends), game.serves, state.members
    return any(
        interest in serves[m] and rank(members[m].representative) >= least for m in state.at_table()
    )


def unmet(game: Facts, state: SessionState, needs: Sequence[Need]) -> list[Need]:
    return [n for n in needs if not served(game, state, n)]


def need_text(game: Facts, need: Need) -> str:
    """'Community voice (at least a doer)' for a reason line."""
    name = next((i.name for i in game.scenario.interests if i.id == need.interest), need.interest)
    if need.sends == "designee":
        return name
    return f"{name} (at least a {REPRESENTATIVE[need.sends]})"


def project_factor(game: Facts, state: SessionState, project: Project) -> float:
    """The share of its effect a project delivers now: all of it with its needs met."""
    return 1.0 if not unmet(game, state, project.needs) else project.without


def project_closed(game: Facts, state: SessionState, project: Project) -> str | None:
    """Why a project cannot be funded now for want of an interest, or None."""
    missing = unmet(game, state, project.needs)
    if not missing or project.without > 0:
        return None
    names = " and ".join(need_text(game, n) for n in missing)
    return f"{project.name} needs {names} at the table, and nobody there serves it"


def community_leverage(game: Facts, state: SessionState) -> float:
    """The community leverage the adopted accountability option gives (0 before one)."""
    for issue in game.scenario.issues:
        if isinstance(issue, AccountabilityIssue) and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return option.community_leverage
    return 0.0


def public_reporting(game: Facts, state: SessionState) -> bool:
    """Whether the adopted accountability option publishes the partnership's results."""
    for issue in game.scenario.issues:
        if isinstance(issue, AccountabilityIssue) and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return option.public_reporting
    return False


def unsettled(game: Facts, state: SessionState, kinds: Sequence[str]) -> list[str]:
    """Of these kinds of issue, the ones the scenario has and the table has not settled."""
    out = []
    for kind in kinds:
        issues = [i for i in game.scenario.issues if i.kind == kind]
        if issues and not any(i.id in state.agreement for i in issues):
            out.append(issues[0].name)
    return out


def adopted_document(game: Facts, state: SessionState) -> str:
    """How the adopted agreement is written down ('none' before a document is adopted)."""
    for issue in game.scenario.issues:
        if isinstance(issue, DocumentIssue) and issue.id in state.agreement:
            option = next(o for o in issue.options if o.id == state.agreement[issue.id])
            return option.document
    return "none"


def stream_closed(game: Facts, state: SessionState, stream: FundingStream) -> str | None:
    """Why a stream's money cannot be spent now for want of an interest, leverage, or an
    agreement its funder requires."""
    missing_issues = unsettled(game, state, stream.needs_adopted)
    if missing_issues:
        return (
            f"{stream.name} can be spent only once the partnership has settled "
            f"{' and '.join(missing_issues)}"
        )
    missing = unmet(game, state, stream.needs)
    if missing:
        names = " and ".join(need_text(game, n) for n in missing)
        return f"{stream.name} can be spent only with {names} at the table"
    if community_leverage(game, state) + 1e-9 < stream.min_leverage:
        return (
            f"{stream.name} can be spent only once the agreement gives community members "
            f"real leverage ({stream.min_leverage:.0%} or more)"
        )
    return None
