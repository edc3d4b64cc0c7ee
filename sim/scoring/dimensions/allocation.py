"""Allocation: the funded portfolio's value as a share of the best the same money could buy."""

from __future__ import annotations

from sim.scoring.context import Context
from sim.scoring.parts import Part, note
from sim.scoring.sources import CMAQ, LC_FUNDING

POINTS = 100.0
GAPS_SHOWN = 3


def parts(ctx: Context) -> list[Part]:
    comp = ctx.comparison
    funded, optimal = comp.funded, comp.optimal
    money = sum(comp.funds.values())
    if optimal.value <= 0:
        reason = (
            "no money has arrived yet"
            if money <= 0
            else "no project could be funded and led with the money and members the table had"
        )
        return [Part("Optimal allocation", 0.0, POINTS, reason, CMAQ)]
    ratio = min(1.0, funded.value / optimal.value)
    out = [
        Part(
            "Value for money",
            POINTS * ratio,
            POINTS,
            f"the funded portfolio does {funded.value:,.1f} {comp.unit} (nominal), "
            f"{funded.value / optimal.value:.0%} of the {optimal.value:,.1f} that the same "
            f"${money:,.0f} could buy at most under the same stream rules (a bound: it even "
            "counts fractions of a unit)",
            CMAQ,
        )
    ]
    have = funded.units()
    best = optimal.units()
    per_unit = {line.project: line.value / line.units for line in (*optimal.lines, *funded.lines)}
    gaps = sorted(
        (
            (abs(best.get(p, 0) - have.get(p, 0)) * per_unit.get(p, 0.0), p)
            for p in set(best) | set(have)
            if best.get(p, 0) != have.get(p, 0)
        ),
        reverse=True,
    )
    for _, project in gaps[:GAPS_SHOWN]:
        name = ctx.game.projects[project].name
        out.append(
            note(
                "Optimal vs funded",
                f"{name}: the optimum buys {_units(best.get(project, 0))}, "
                f"the table funded {have.get(project, 0)}",
            )
        )
    rules = [s for s in ctx.game.scenario.streams if s.kind in ("grant", "loan")]
    if rules:
        out.append(
            note(
                "Stream rules",
                "the optimum obeys every stream's eligibility, match and loan terms, the "
                "interests and agreements its money needs, and each project's units",
                LC_FUNDING,
            )
        )
    return out


def _units(n: int) -> str:
    return f"{n} unit" if n == 1 else f"{n} units"
