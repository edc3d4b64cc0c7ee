"""Agreement: the adopted agreement against the best packages that pass the same rule.

The benchmark packages come from the table's own agreement space (members at the table,
the rule in force); an issue left unagreed gives nobody its points, so a partial
agreement is compared as it stands.
"""

from __future__ import annotations

import math

from sim.scoring.agreements import Package, analyze_space
from sim.scoring.context import Context
from sim.scoring.parts import Part, note, share
from sim.scoring.rules import voting_for
from sim.scoring.sources import NEGMAS, PON
from sim.scoring.space import SpaceTooLarge, scenario_space

WELFARE = 35.0
NASH = 25.0
ABOVE = 30.0
VETO = 10.0
COALITION_SIZE = 2  # the scorecard is live: pairs are enough to show who can block


def adopted_points(ctx: Context) -> dict[str, int]:
    game, agreement = ctx.game, ctx.state.agreement
    return {
        m: sum(game.points(m, issue, option) for issue, option in agreement.items())
        for m in ctx.table
    }


def parts(ctx: Context) -> list[Part]:
    state, game = ctx.state, ctx.game
    n_issues = len(game.scenario.issues)
    if not state.agreement:
        return [
            Part(
                "Agreement", 0.0, WELFARE + NASH + ABOVE + VETO, "nothing has been agreed yet", PON
            )
        ]
    if len(ctx.table) < 2:
        return [
            Part(
                "Agreement",
                0.0,
                WELFARE + NASH + ABOVE + VETO,
                "fewer than two members at the table",
                PON,
            )
        ]
    try:
        space = scenario_space(game.scenario, ctx.table)
    except SpaceTooLarge as exc:
        return [note("Agreement", f"not analyzed: {exc}")]
    voting = voting_for(game.scenario, ctx.table, ctx.rule, body=ctx.voters)
    analysis = analyze_space(space, voting, max_coalition=COALITION_SIZE, frontier=False)
    points = adopted_points(ctx)
    batna = {m: game.orgs[m].batna for m in ctx.table}
    welfare = sum(points.values())
    below = [m for m in ctx.table if points[m] < batna[m]]
    agreed = f"{len(state.agreement)} of {n_issues} issues agreed"
    out: list[Part] = []
    best = analysis.welfare_best
    rule = analysis.rule
    if best is None:
        top = int(space.points.sum(axis=1).max())
        out.append(
            Part(
                "Welfare",
                WELFARE * share(welfare, top),
                WELFARE,
                f"{agreed}: {welfare} points in all; no complete package passes {rule} "
                f"at this table, the most any package gives is {top}",
                NEGMAS,
            )
        )
    else:
        out.append(
            Part(
                "Welfare",
                WELFARE * share(welfare, best.welfare),
                WELFARE,
                f"{agreed}: {welfare} points in all, against {best.welfare} for the best "
                f"package that passes {rule} ({_options(best.options)})",
                NEGMAS,
            )
        )
    out.append(_nash(ctx, analysis.nash_best, points, batna))
    out.append(
        Part(
            "Members at or above BATNA",
            ABOVE * share(len(ctx.table) - len(below), len(ctx.table)),
            ABOVE,
            f"{len(ctx.table) - len(below)} of {len(ctx.table)} members"
            + (
                "; below: " + ", ".join(f"{ctx.name(m)} {points[m]} < {batna[m]}" for m in below)
                if below
                else ""
            ),
            PON,
        )
    )
    vetoes = analysis.veto_players
    sinking = [m for m in vetoes if m in below]
    finding = (
        f"veto players under {rule}: "
        + (", ".join(ctx.name(m) for m in vetoes) if vetoes else "none")
        + (
            f"; below BATNA, so able to sink it alone: {', '.join(ctx.name(m) for m in sinking)}"
            if sinking
            else ""
        )
    )
    out.append(
        Part(
            "Veto players satisfied",
            VETO * (1 - share(len(sinking), len(vetoes))),
            VETO,
            finding,
            PON,
        )
    )
    pairs = [c for c in analysis.blocking_coalitions if len(c) == 2]
    if pairs:
        shown = "; ".join(" + ".join(ctx.name(m) for m in c) for c in pairs[:3])
        more = f" (and {len(pairs) - 3} more)" if len(pairs) > 3 else ""
        out.append(
            note(
                "Blocking pairs",
                f"{len(pairs)} pairs could block every package: {shown}{more}",
                PON,
            )
        )
    if analysis.maxmin_best is not None:
        out.append(
            note(
                "Most even package",
                f"the passing package that does best by its worst-off member gives "
                f"everyone at least {analysis.maxmin_best.min_gain:+d} over BATNA",
                NEGMAS,
            )
        )
    return out


def _nash(
    ctx: Context, best: Package | None, points: dict[str, int], batna: dict[str, int]
) -> Part:
    gains = [points[m] - batna[m] for m in ctx.table]
    if best is None or best.nash is None:
        return note(
            "Nash product",
            "no passing package leaves every member above its BATNA, so there is no Nash benchmark",
            NEGMAS,
        )
    if any(g <= 0 for g in gains):
        losers = sum(g <= 0 for g in gains)
        return Part(
            "Nash product",
            0.0,
            NASH,
            f"{losers} member(s) gain nothing over BATNA, while the Nash package gives "
            f"everyone a gain ({_options(best.options)})",
            NEGMAS,
        )
    mine = sum(math.log(g) for g in gains)
    # Geometric-mean gain relative to the Nash package's, so the size of the table drops out.
    ratio = min(1.0, math.exp((mine - best.nash) / len(gains)))
    return Part(
        "Nash product",
        NASH * ratio,
        NASH,
        f"members' gains over BATNA average {ratio:.0%} of the Nash package's (geometric mean)",
        NEGMAS,
    )


def _options(options: dict[str, str]) -> str:
    return ", ".join(options.values())
