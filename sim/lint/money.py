"""Money: every stream must be able to fund a project some organization can lead."""

from __future__ import annotations

from sim.engine.game import Game
from sim.engine.pledges import pledge_stream
from sim.engine.streams import match_sources, may_fund
from sim.lint.finding import Finding
from sim.scenario.errors import Path
from sim.scenario.models import AddMoney, FundingStream, GrantStream, LoanStream, Project
from sim.scoring.portfolios import best_representative, can_lead


def potential(game: Game) -> dict[str, float]:
    """Money each stream could ever hold: grants, every pledge, money events."""
    scenario = game.scenario
    money = {s.id: 0.0 for s in scenario.streams}
    for s in scenario.streams:
        if isinstance(s, GrantStream | LoanStream):
            money[s.id] += s.amount
    for org in scenario.organizations:
        if org.assets.money > 0:
            money[pledge_stream(game, org.id)] += org.assets.money
    for event in scenario.events:
        for effect in event.effects:
            if isinstance(effect, AddMoney):
                money[effect.stream] += effect.amount
    return money


def leadable(game: Game) -> set[str]:
    """Projects some organization could lead, with a representative some ask brings."""
    return {
        p.id
        for p in game.scenario.projects
        if any(
            can_lead(org, p, best_representative(org)) and org.assets.staff + 1e-9 >= p.lead.staff
            for org in game.scenario.organizations
        )
    }


def findings(game: Game) -> list[Finding]:
    """An error per stream whose money can fund nothing; a warning per pooled or in-kind
    stream nobody pays into."""
    scenario = game.scenario
    money = potential(game)
    can_be_led = leadable(game)
    out: list[Finding] = []
    for n, stream in enumerate(scenario.streams):
        path: Path = ("streams", n)
        share = stream.match_share if isinstance(stream, GrantStream) else 0.0
        eligible = [p for p in scenario.projects if _may_fund(stream, p)]
        if not eligible:
            why = (
                " (a loan funds only projects with revenue_per_unit)"
                if stream.kind == "loan"
                else ""
            )
            out.append(
                Finding("error", path, f"its money can fund no project: none is eligible{why}")
            )
            continue
        if money[stream.id] <= 0:
            if stream.kind in ("pooled", "in_kind"):
                out.append(
                    Finding(
                        "warning",
                        path,
                        "no organization pledges into it and no event adds money to it",
                    )
                )
            continue
        led = [p for p in eligible if p.id in can_be_led]
        if not led:
            out.append(
                Finding(
                    "error",
                    path,
                    "its money can fund no project: no organization can lead any project it "
                    f"may fund ({', '.join(p.id for p in eligible)})",
                )
            )
            continue
        cheapest = min(led, key=lambda p: p.cost_per_unit)
        own = cheapest.cost_per_unit * (1 - share)
        if own > money[stream.id] + 0.01:
            out.append(
                Finding(
                    "error",
                    path,
                    f"its money can fund no project: ${money[stream.id]:,.0f} is less than "
                    f"one unit of the cheapest it may fund ({cheapest.id}, ${own:,.0f})",
                )
            )
            continue
        if isinstance(stream, GrantStream) and share > 0:
            sources = match_sources(scenario, stream)
            match = share * cheapest.cost_per_unit
            available = sum(money.get(s, 0.0) for s in sources)
            if not sources or available + 0.01 < match:
                where = ", ".join(sources) if sources else "no pooled stream"
                out.append(
                    Finding(
                        "error",
                        (*path, "match_from") if stream.match_from else path,
                        f"its money can fund no project: it needs a {share:.0%} match "
                        f"(${match:,.0f} for one unit of {cheapest.id}) from {where}, which "
                        f"can hold only ${available:,.0f}",
                    )
                )
    return out


def _may_fund(stream: FundingStream, project: Project) -> bool:
    """A stream's own rules for a project, as the engine spends by them."""
    return may_fund(stream, project, project.cost_per_unit) is None
