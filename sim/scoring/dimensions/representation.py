"""Representation: who came, whom they sent, and what that opened — the interests the problem
needs, the work and money that needed them, all three kinds of representative, and
projects led at full strength (Living Cities' interest-based frame)."""

from __future__ import annotations

from sim.engine.delivery import nominal_rate, staffed
from sim.engine.needs import project_factor, stream_closed
from sim.scenario.words import REPRESENTATIVE
from sim.scoring.context import Context
from sim.scoring.parts import Part, not_scored, share
from sim.scoring.sources import LC_FRAME, LC_NEWARK, LC_REPS, LC_STRUCTURE

COVERAGE = 30.0
OPENED = 30.0
TYPES = 20.0
LED = 20.0
KINDS = ("designee", "doer", "decision_maker")


def parts(ctx: Context) -> list[Part]:
    return [coverage(ctx), opened(ctx), types(ctx), led(ctx)]


def coverage(ctx: Context) -> Part:
    interests = ctx.game.scenario.interests
    served = {i for m in ctx.table for i in ctx.game.orgs[m].interests}
    total = sum(i.weight for i in interests)
    got = sum(i.weight for i in interests if i.id in served)
    missing = [i.name for i in interests if i.id not in served]
    finding = f"{got:g} of {total:g} weighted interests covered by the {len(ctx.table)} members"
    finding += f"; missing: {', '.join(missing)}" if missing else "; every needed interest"
    return Part("Interest coverage", COVERAGE * share(got, total), COVERAGE, finding, LC_FRAME)


def opened(ctx: Context) -> Part:
    """The funded work delivering in full for the interests it needs, and the money that
    needed an interest or community leverage being open to spend."""
    game, state = ctx.game, ctx.state
    gated_streams = [
        s for s in game.scenario.streams if s.needs or s.min_leverage > 0 or s.needs_adopted
    ]
    needy = [b for b in state.batches if game.projects[b.project].needs and not b.stopped]
    if not gated_streams and not needy:
        return not_scored(
            "Work the table opened", OPENED, "no funded work or money here needs an interest"
        )
    scores: list[float] = []
    said: list[str] = []
    if needy:
        value = sum(nominal_rate(game, state, b) for b in needy)
        full = sum(
            nominal_rate(game, state, b) * project_factor(game, state, game.projects[b.project])
            for b in needy
        )
        scores.append(share(full, value))
        said.append(f"funded work that needs an interest delivers {share(full, value):.0%}")
    if gated_streams:
        open_now = [s for s in gated_streams if stream_closed(game, state, s) is None]
        scores.append(share(len(open_now), len(gated_streams)))
        closed = [s.name for s in gated_streams if s not in open_now]
        said.append(
            f"{len(open_now)} of {len(gated_streams)} streams with conditions open"
            + (f" (closed: {', '.join(closed)})" if closed else "")
        )
    return Part(
        "Work the table opened",
        OPENED * sum(scores) / len(scores),
        OPENED,
        "; ".join(said),
        f"{LC_FRAME}; {LC_NEWARK}",
    )


def types(ctx: Context) -> Part:
    reps: dict[str, list[str]] = {k: [] for k in KINDS}
    for m in ctx.table:
        rep = ctx.state.members[m].representative
        if rep in reps:
            reps[rep].append(m)
    present = [k for k in KINDS if reps[k]]
    counts = ", ".join(f"{len(reps[k])} {REPRESENTATIVE[k]}(s)" for k in KINDS)
    lacking = [REPRESENTATIVE[k] for k in KINDS if not reps[k]]
    finding = f"the table sends {counts}" + (f"; no {' or '.join(lacking)}" if lacking else "")
    return Part("All three representative types", TYPES * len(present) / 3, TYPES, finding, LC_REPS)


def led(ctx: Context) -> Part:
    """The funded money whose project runs at full strength: a doer leads it and a
    decision-maker at the table can commit the partnership."""
    state = ctx.state
    batches = [b for b in state.batches if not b.stopped]
    if not batches:
        return not_scored("Projects led at full strength", LED, "nothing was funded")
    total = sum(b.cost for b in batches)
    full = sum(b.cost for b in batches if staffed(state, b))
    return Part(
        "Projects led at full strength",
        LED * share(full, total),
        LED,
        f"{share(full, total):.0%} of the funded money runs with a doer leading and a "
        "decision-maker at the table",
        f"{LC_REPS}; {LC_STRUCTURE}",
    )
