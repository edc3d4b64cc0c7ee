"""Governance fit, judged by what the form and the DecisionRule did in this game: the time
coordination cost, the proposals the table handled, the projects run within what the form
could manage, and how trust moved under it (Provan & Kenis 2008; Wheelan 2009).

There is no table of ideal forms: a form that fits its table shows it in these outcomes.
"""

from __future__ import annotations

from sim.engine.notices import ProposalVoted
from sim.scenario.words import GOVERNANCE_FORM
from sim.scenario.words import RULE as RULE_NAME
from sim.scoring.context import Context
from sim.scoring.parts import Part, not_scored, share
from sim.scoring.sources import PROVAN_KENIS, WHEELAN

TIME = 25.0
DECIDING = 25.0
MANAGED = 25.0
DRIFT = 25.0
# Trust in the partnership falling this far under the form costs the whole part.
FULL_DRIFT = 0.2


def parts(ctx: Context) -> list[Part]:
    return [time(ctx), deciding(ctx), managed(ctx), drift(ctx)]


def _form(ctx: Context) -> str:
    option = ctx.adopted("governance")
    if option is None:
        return "the convener alone (no governance form adopted)"
    return f"{GOVERNANCE_FORM[option.form]} ('{option.label}')"


def time(ctx: Context) -> Part:
    """Convener time the form spent coordinating everyone, of all the time there was."""
    state = ctx.state
    per_round = ctx.game.scenario.convener.time_per_round
    total = per_round * min(state.round, state.total_rounds)
    lost = state.coordination_lost
    if ctx.adopted("governance") is None:
        return not_scored("Time to coordinate", TIME, "no governance form was adopted")
    return Part(
        "Time to coordinate",
        TIME * (1 - share(lost, total)),
        TIME,
        f"under {_form(ctx)}, coordinating {len(ctx.table)} members took {lost} of the "
        f"convener's {total} units of time",
        PROVAN_KENIS,
    )


def deciding(ctx: Context) -> Part:
    """How many of the table's votes adopted what was proposed, under the rules in force."""
    votes = [n for n in ctx.session.feed if isinstance(n, ProposalVoted)]
    if not votes:
        return not_scored("Decisions", DECIDING, "nothing was put to a vote")
    adopted = sum(v.adopted for v in votes)
    rule = RULE_NAME[ctx.rule.rule]
    return Part(
        "Decisions",
        DECIDING * share(adopted, len(votes)),
        DECIDING,
        f"{adopted} of {len(votes)} proposals adopted; {len(ctx.voters)} voters decide under "
        f"{rule} now",
        WHEELAN,
    )


def managed(ctx: Context) -> Part:
    """Rounds the funded projects ran within what the form could manage."""
    state = ctx.state
    rounds = state.managed_rounds + state.overloaded_rounds
    if rounds == 0:
        return not_scored("Projects well run", MANAGED, "no project ran")
    return Part(
        "Projects well run",
        MANAGED * share(state.managed_rounds, rounds),
        MANAGED,
        f"in {state.managed_rounds} of {rounds} rounds with projects running, {_form(ctx)} "
        "could manage all of them (overloaded, every project delivers less)",
        PROVAN_KENIS,
    )


def drift(ctx: Context) -> Part:
    """How members' trust in the partnership moved after the form was adopted."""
    state = ctx.state
    start = state.tau_at_governance
    if start is None:
        return not_scored("Trust under the form", DRIFT, "no governance form was adopted")
    change = ctx.partnership - start
    got = DRIFT * (1.0 if change >= 0 else 1 - share(-change, FULL_DRIFT))
    return Part(
        "Trust under the form",
        got,
        DRIFT,
        f"members' trust in the partnership went from {start:.2f} when the form was adopted "
        f"to {ctx.partnership:.2f}",
        PROVAN_KENIS,
    )
