"""What the table did beside the best it could have done: the optimal allocation of the
money it had, and the welfare and Nash agreements that pass its own DecisionRule.

Both benchmarks are the scoring layer's; this module only puts them next to the adopted
agreement and the funded portfolio, in the game's words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.debrief.names import option_label
from sim.engine.session import Session
from sim.engine.voting import rule_in_force, voters
from sim.scenario.words import RULE_UNDER
from sim.scoring.agreements import Package, analyze_space
from sim.scoring.portfolios import Comparison, compare
from sim.scoring.rules import voting_for
from sim.scoring.space import SpaceTooLarge, scenario_space


@dataclass(frozen=True)
class PackageRow:
    """One agreement as a row: option labels by issue, total points, Members below BATNA."""

    name: str
    options: dict[str, str]  # issue id -> option label
    welfare: int
    below_batna: list[str]


@dataclass(frozen=True)
class Benchmarks:
    comparison: Comparison
    rule: str
    adopted: PackageRow
    welfare: PackageRow | None = None
    nash: PackageRow | None = None
    notes: list[str] = field(default_factory=list)


def benchmarks(session: Session) -> Benchmarks:
    """The funded portfolio vs the optimum, and the adopted agreement vs the benchmarks."""
    game, s = session.game, session.state
    table = s.at_table()
    spec = rule_in_force(game, s)
    rule = RULE_UNDER.get(spec.rule, spec.rule)
    points = {
        m: sum(game.points(m, issue, option) for issue, option in s.agreement.items())
        for m in table
    }
    adopted = PackageRow(
        "adopted",
        {issue: option_label(game, issue, option) for issue, option in s.agreement.items()},
        sum(points.values()),
        [m for m in table if points[m] < game.orgs[m].batna],
    )
    notes: list[str] = []
    welfare = nash = None
    if len(table) < 2:
        notes.append("Fewer than two members at the table: no agreement to compare.")
    else:
        try:
            space = scenario_space(game.scenario, table)
            voting = voting_for(game.scenario, table, spec, body=voters(game, s))
            analysis = analyze_space(space, voting, max_coalition=2, frontier=False)
            welfare = _row(session, "most total points", analysis.welfare_best)
            nash = _row(session, "Nash product", analysis.nash_best)
            notes += analysis.notes
            if analysis.nash_fallback:
                notes.append("No passing package leaves every member above its BATNA.")
        except SpaceTooLarge as exc:
            notes.append(f"Agreements not analyzed: {exc}")
    return Benchmarks(compare(session), rule, adopted, welfare, nash, notes)


def _row(session: Session, name: str, package: Package | None) -> PackageRow | None:
    if package is None:
        return None
    game = session.game
    return PackageRow(
        name,
        {issue: option_label(game, issue, option) for issue, option in package.options.items()},
        package.welfare,
        list(package.below_batna),
    )
