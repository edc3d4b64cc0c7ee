"""Agreement: some package must put every organization at or above its BATNA."""

from __future__ import annotations

import numpy as np

from sim.engine.game import Game
from sim.lint.finding import Finding
from sim.scoring.rules import passing, voting_for, yes_votes
from sim.scoring.space import SpaceTooLarge, scenario_space


def findings(game: Game) -> list[Finding]:
    """A warning per BATNA no agreement can reach; an error when no package passes consensus,
    naming the nearest miss."""
    scenario = game.scenario
    org_index = {org.id: n for n, org in enumerate(scenario.organizations)}
    out: list[Finding] = []
    for org in scenario.organizations:
        best = sum(game.issue_max[org.id].values())
        if org.batna > best:
            out.append(
                Finding(
                    "warning",
                    ("organizations", org_index[org.id], "batna"),
                    f"BATNA {org.batna} is above the {best} points its best possible agreement "
                    "gives: it can never vote yes",
                )
            )
    try:
        space = scenario_space(scenario)
    except SpaceTooLarge as exc:
        return [*out, Finding("warning", ("issues",), f"agreement space not checked: {exc}")]
    yes = yes_votes(space.gains)
    if passing(yes, voting_for(scenario, space.members)).any():
        return out
    # The nearest miss: the package leaving the fewest members below BATNA, then the least short.
    short = np.clip(-space.gains, 0, None)
    below = (short > 0).sum(axis=1)
    nearest = int(np.lexsort((short.sum(axis=1), below))[0])
    misses = [
        (m, int(short[nearest, k])) for k, m in enumerate(space.members) if short[nearest, k] > 0
    ]
    first = misses[0][0]
    detail = ", ".join(f"{m} short by {gap}" for m, gap in misses)
    out.append(
        Finding(
            "error",
            ("organizations", org_index[first], "batna"),
            f"no agreement puts every organization at or above its BATNA, so none passes "
            f"consensus; the nearest ({', '.join(space.package(nearest).values())}) leaves "
            f"{detail}",
        )
    )
    return out
