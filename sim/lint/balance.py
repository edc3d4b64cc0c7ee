"""Balance hints: interests nobody serves, projects nobody leads, seats nobody can fill,
targets beyond the best portfolio. Warnings only: the scenario plays, but lopsidedly."""

from __future__ import annotations

from sim.engine.game import Game
from sim.lint.finding import Finding
from sim.lint.money import leadable
from sim.scoring.portfolios import best_representative, scenario_optimum


def findings(game: Game) -> list[Finding]:
    """Warnings a facilitator should look at; none of them makes the scenario unplayable."""
    scenario = game.scenario
    out: list[Finding] = []
    served = {i for org in scenario.organizations for i in org.interests}
    for n, interest in enumerate(scenario.interests):
        if interest.id not in served:
            out.append(
                Finding(
                    "warning",
                    ("interests", n),
                    f"no organization serves '{interest.id}', so no table can cover it",
                )
            )
    can_be_led = leadable(game)
    for n, project in enumerate(scenario.projects):
        if project.id not in can_be_led:
            out.append(
                Finding(
                    "warning",
                    ("projects", n, "lead"),
                    f"no organization can lead '{project.id}' (sector, named leads, a doer, "
                    f"{project.lead.staff:g} staff), so it can never be funded",
                )
            )
    for n, org in enumerate(scenario.organizations):
        if best_representative(org) is None:
            out.append(
                Finding(
                    "warning",
                    ("organizations", n, "sends"),
                    f"'{org.id}' turns down every ask, so it can never join",
                )
            )
    for n, metric in enumerate(scenario.results):
        optimum, _, _ = scenario_optimum(game, metric)
        top = max(metric.targets)
        if optimum.value + 1e-9 < top:
            k = metric.targets.index(top)
            out.append(
                Finding(
                    "warning",
                    ("results", n, "targets", k),
                    f"the top target {top:g} {metric.unit} is beyond the best portfolio's "
                    f"{optimum.value:,.1f} even at full effectiveness, with every organization "
                    "pledging all its money",
                )
            )
    return out
