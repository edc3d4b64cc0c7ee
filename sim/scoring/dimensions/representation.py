"""Representation: the interests the problem needs, the right representatives in the right
places, and community voice with real leverage (Living Cities)."""

from __future__ import annotations

from sim.scenario.words import REPRESENTATIVE
from sim.scoring.context import Context
from sim.scoring.parts import Part, share
from sim.scoring.portfolios import can_lead
from sim.scoring.sources import LC_FRAME, LC_NEWARK, LC_REPS, LC_STRUCTURE

COVERAGE = 40.0
TYPES = 20.0
BOARD = 10.0
DOERS = 10.0
COMMUNITY = 20.0
KINDS = ("designee", "doer", "decision_maker")
BOARD_MIN = 3  # the engine seats a policy board only with at least three members on it


def parts(ctx: Context) -> list[Part]:
    return [coverage(ctx), types(ctx), board(ctx), doers(ctx), community(ctx)]


def coverage(ctx: Context) -> Part:
    interests = ctx.game.scenario.interests
    served = {i for m in ctx.table for i in ctx.game.orgs[m].interests}
    total = sum(i.weight for i in interests)
    got = sum(i.weight for i in interests if i.id in served)
    missing = [i.name for i in interests if i.id not in served]
    finding = f"{got:g} of {total:g} weighted interests covered by the {len(ctx.table)} members"
    finding += f"; missing: {', '.join(missing)}" if missing else "; every needed interest"
    return Part("Interest coverage", COVERAGE * share(got, total), COVERAGE, finding, LC_FRAME)


def _reps(ctx: Context) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {k: [] for k in KINDS}
    for m in ctx.table:
        rep = ctx.state.members[m].representative
        if rep in out:
            out[rep].append(m)
    return out


def types(ctx: Context) -> Part:
    reps = _reps(ctx)
    present = [k for k in KINDS if reps[k]]
    counts = ", ".join(f"{len(reps[k])} {REPRESENTATIVE[k]}(s)" for k in KINDS)
    lacking = [REPRESENTATIVE[k] for k in KINDS if not reps[k]]
    finding = f"the table sends {counts}" + (f"; no {' or '.join(lacking)}" if lacking else "")
    return Part("All three representative types", TYPES * len(present) / 3, TYPES, finding, LC_REPS)


def board(ctx: Context) -> Part:
    """Decision-makers where decisions are made: a policy board if one was adopted."""
    deciders = _reps(ctx)["decision_maker"]
    structure = ctx.adopted("structure")
    if structure is not None and "policy_board" in structure.structures:
        seated = len(deciders)
        finding = (
            f"the adopted structure has a policy board; {seated} decision-maker(s) sit on it"
            + ("" if seated >= BOARD_MIN else f" (it needs {BOARD_MIN} to decide)")
        )
        return Part(
            "Decision-makers on the board",
            BOARD * share(seated, BOARD_MIN),
            BOARD,
            finding,
            LC_STRUCTURE,
        )
    where = (
        "no policy board was adopted"
        if ctx.has_issue("structure")
        else "the table decides in plenary"
    )
    got = BOARD if deciders else 0.0
    finding = (
        f"{where}; {len(deciders)} decision-maker(s) at the table can commit their organizations"
    )
    return Part("Decision-makers at the table", got, BOARD, finding, LC_STRUCTURE)


def doers(ctx: Context) -> Part:
    """Doers leading projects: the funded money led by a doer, or doers able to lead."""
    state = ctx.state
    if state.batches:
        total = sum(b.cost for b in state.batches)
        led = sum(b.cost for b in state.batches if state.members[b.lead].representative == "doer")
        finding = f"{share(led, total):.0%} of the funded money is led by a member that sent a doer"
        return Part("Doers leading projects", DOERS * share(led, total), DOERS, finding, LC_REPS)
    doers_at = [m for m in ctx.table if state.members[m].representative == "doer"]
    projects = ctx.game.scenario.projects
    ready = [p for p in projects if any(can_lead(ctx.game.orgs[m], p, "doer") for m in doers_at)]
    finding = (
        f"nothing funded yet; doers at the table could lead {len(ready)} "
        f"of {len(projects)} projects"
    )
    return Part(
        "Doers leading projects", DOERS * share(len(ready), len(projects)), DOERS, finding, LC_REPS
    )


def community(ctx: Context) -> Part:
    """Community members at the table, and the leverage the agreement gives them."""
    voices = [m for m in ctx.table if ctx.game.orgs[m].sector == "community"]
    if not voices:
        return Part(
            "Community voice",
            0.0,
            COMMUNITY,
            "no community organization is at the table",
            LC_NEWARK,
        )
    names = ", ".join(ctx.name(m) for m in voices)
    components: list[float] = []
    said: list[str] = []
    if ctx.has_issue("accountability"):
        option = ctx.adopted("accountability")
        leverage = option.community_leverage if option is not None else 0.0
        components.append(leverage)
        said.append(
            f"accountability '{option.label}' gives community leverage {leverage:.2f}"
            if option is not None
            else "no accountability option adopted (leverage 0)"
        )
    if ctx.has_issue("structure"):
        option = ctx.adopted("structure")
        vote = option is not None and option.community_vote and "policy_board" in option.structures
        components.append(1.0 if vote else 0.0)
        said.append(
            "community members hold a real vote on the policy board"
            if vote
            else "no community vote on a policy board"
        )
    real = sum(components) / len(components) if components else 1.0
    finding = f"{names} at the table" + (f"; {'; '.join(said)}" if said else "")
    return Part(
        "Community voice with real leverage", COMMUNITY * real, COMMUNITY, finding, LC_NEWARK
    )
