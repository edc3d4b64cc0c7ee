"""Trust & process: the trust the table ended with, and how its conflicts, regressions and
pledges went — all read from the state the rules produced."""

from __future__ import annotations

from sim.scoring.context import Context
from sim.scoring.parts import Part, not_scored, share
from sim.scoring.sources import ANSELL_GASH, LC_TRUST, TUCKMAN, VANGEN_HUXHAM

DENSITY = 30.0
PARTNERSHIP = 15.0
CONFLICTS = 25.0
REGRESSIONS = 10.0
PLEDGES = 20.0
DENSITY_FULL = 0.7  # pairwise trust at which the density part is full
TAU_FULL = 0.8


def parts(ctx: Context) -> list[Part]:
    out = [
        Part(
            "Trust density",
            DENSITY * share(ctx.density, DENSITY_FULL),
            DENSITY,
            f"mean pairwise trust among the {len(ctx.table)} members is {ctx.density:.2f} "
            f"(full marks at {DENSITY_FULL})",
            LC_TRUST,
        ),
        Part(
            "Trust in the partnership",
            PARTNERSHIP * share(ctx.partnership, TAU_FULL),
            PARTNERSHIP,
            f"members' mean trust toward the partnership is {ctx.partnership:.2f}",
            VANGEN_HUXHAM,
        ),
        conflicts(ctx),
        regressions(ctx),
    ]
    out.append(pledges(ctx))
    return out


def conflicts(ctx: Context) -> Part:
    """Each tension involving the table: resolved (less for every return), deferred, open."""
    state, game = ctx.state, ctx.game
    table = set(ctx.table)
    values: list[float] = []
    resolved = came_back = deferred = still_open = unraised = 0
    for spec in game.scenario.tensions:
        tension = state.tensions[spec.id]
        involved = any(p in table for p in spec.parties)
        if tension.status == "latent" and not involved:
            continue  # a conflict between organizations that never met the table
        if tension.status == "resolved":
            resolved += 1
            came_back += tension.returns > 0
            values.append(max(0.5, 1.0 - 0.25 * tension.returns))
        elif tension.status == "deferred":
            deferred += 1
            values.append(0.25)
        elif tension.status == "open":
            still_open += 1
            values.append(0.0)
        else:
            unraised += 1
            values.append(0.0)
    if not values:
        return Part(
            "Conflicts addressed", CONFLICTS, CONFLICTS, "no tension involves this table", TUCKMAN
        )
    got = CONFLICTS * sum(values) / len(values)
    finding = (
        f"of {len(values)} tensions touching the table, {resolved} resolved"
        + (f" ({came_back} only after coming back)" if came_back else "")
        + f", {deferred} deferred, {still_open} still open"
        + (f", {unraised} never raised though its parties sit at the table" if unraised else "")
    )
    return Part(
        "Conflicts addressed", got, CONFLICTS, finding, f"{TUCKMAN} (storming); {ANSELL_GASH}"
    )


def regressions(ctx: Context) -> Part:
    """Regressions the table came back from: performing again after falling back."""
    state = ctx.state
    if "performing" not in state.stages_visited:
        return not_scored(
            "Regressions recovered", REGRESSIONS, "the table never reached performing"
        )
    if state.regressions == 0:
        return Part(
            "Regressions recovered",
            REGRESSIONS,
            REGRESSIONS,
            "the table performed without falling back to storming",
            TUCKMAN,
        )
    stages = state.stages_visited
    falls = [
        k
        for k in range(1, len(stages))
        if stages[k] == "storming" and stages[k - 1] == "performing"
    ]
    recovered = sum("performing" in stages[k + 1 :] for k in falls)
    total = max(state.regressions, len(falls))
    return Part(
        "Regressions recovered",
        REGRESSIONS * share(recovered, total),
        REGRESSIONS,
        f"{total} regression(s) to storming; performing again after {recovered}",
        TUCKMAN,
    )


def pledges(ctx: Context) -> Part:
    settled = [p for p in ctx.state.ledger if p.delivered is not None]
    if not settled:
        return not_scored("Pledges kept", PLEDGES, "no pledge came due")
    promised = sum(p.pledged for p in settled)
    kept = sum(p.delivered or 0.0 for p in settled)
    broken = sorted({p.organization for p in settled if (p.delivered or 0.0) < p.pledged - 0.01})
    finding = f"${kept:,.0f} delivered of ${promised:,.0f} pledged ({share(kept, promised):.0%})"
    if broken:
        finding += f"; short: {', '.join(ctx.name(m) for m in broken)}"
    return Part("Pledges kept", PLEDGES * share(kept, promised), PLEDGES, finding, VANGEN_HUXHAM)
