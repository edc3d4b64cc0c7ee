"""Options: every option of every issue must score for someone."""

from __future__ import annotations

from sim.engine.game import Game
from sim.lint.finding import Finding


def findings(game: Game) -> list[Finding]:
    """An error per option that scores zero for every organization."""
    scenario = game.scenario
    out: list[Finding] = []
    for n, issue in enumerate(scenario.issues):
        for k, option in enumerate(issue.options):
            if all(
                org.points.get(issue.id, {}).get(option.id, 0) == 0
                for org in scenario.organizations
            ):
                out.append(
                    Finding(
                        "error",
                        ("issues", n, "options", k),
                        f"option '{option.id}' of {issue.id} scores zero for every organization, "
                        "so no one would ever propose or support it",
                    )
                )
    return out
