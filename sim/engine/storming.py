"""Storming: Tensions surface, the convener handles each one, and deferred ones come back.

Everything a Tension does lives here: when it surfaces (entering storming, a newcomer
joining, breaking out unraised in performing), the five ways to handle it and what each
costs, how a deferred one heats up and returns, and its reopening on a regression.
"""

from __future__ import annotations

from collections.abc import Iterator

from sim.engine import actions as A
from sim.engine import notices as N
from sim.engine import scenario_events
from sim.engine.context import Context
from sim.engine.decide import override_tally
from sim.engine.trust import clamp, density, lower_pairs, lower_tau, raise_pairs, raise_tau
from sim.engine.voting import voters
from sim.scenario.models import HANDLE_TIME as DEFAULT_HANDLE_TIME
from sim.scenario.words import TENSION_STATUS, sentence

# The ways of handling a tension, in the order a seat is offered them; what each takes
# is the scenario's `dynamics.handle_time` (`time_to_handle`).
HANDLINGS = tuple(DEFAULT_HANDLE_TIME)
# With only one of its parties at the table a tension surfaces cooler, at this share.
ONE_SIDED_HEAT = 0.6
# Open dialogue: a failed one still builds half the trust of a settled one, and cools the
# tension to this share of its heat; every party's τ rises by half the pairwise rate.
FAILED_DIALOGUE_DIVISOR = 2
FAILED_DIALOGUE_COOLING = 0.6
DIALOGUE_TAU_DIVISOR = 2
# Mediation builds pairwise trust this many times a (Ansell & Gash 2008: facilitated
# dialogue works best).
MEDIATION_PAIR_GAIN = 1.5
# An override's winners lose a third of a in τ (a win by force spends goodwill); a side
# deal's outsiders lose half of a.
OVERRIDE_WINNERS_DIVISOR = 3
SIDE_DEAL_OUTSIDERS_DIVISOR = 2
# Each performing round, a conflict nobody surfaced breaks out with chance heat × this.
LATENT_BREAKOUT = 0.5
# A regression costs everyone at the table half of a in τ.
REGRESSION_TAU_DIVISOR = 2


# ---------------------------------------------------------------------- guards


def tensions_handled(ctx: Context) -> bool:
    return not any(t.status == "open" for t in ctx.state.tensions.values())


def storming_blocker(ctx: Context) -> str:
    left = [
        ctx.game.tensions[t].title for t, st in ctx.state.tensions.items() if st.status == "open"
    ]
    return f"handle every open tension first: {'; '.join(left)}"


# ---------------------------------------------------------------------- handling


def sides(ctx: Context, tension_id: str) -> list[list[str]]:
    """The tension's sides, as authored, or one side per party."""
    spec = ctx.game.tensions[tension_id]
    found: list[list[str]] = spec.sides or [[p] for p in spec.parties]
    return found


def time_to_handle(ctx: Context, how: str) -> int:
    """The convener time a way of handling takes: the scenario's `dynamics.handle_time`."""
    return ctx.game.scenario.dynamics.handle_time[how]  # type: ignore[index]


def handling_cost(ctx: Context, tension_id: str, how: str) -> float:
    """The convening money a way of handling costs: mediation and side deals pay mediators.

    A side deal is a smaller, private mediation: `dynamics.side_deal_share` of one.
    """
    mediation: float = ctx.game.tensions[tension_id].mediation_cost
    if how == "mediate":
        return mediation
    if how == "side_deal":
        return mediation * ctx.game.scenario.dynamics.side_deal_share
    return 0.0


def candidates(ctx: Context, seat: str) -> Iterator[A.Action]:
    if seat != A.CONVENER:
        if seat in ctx.game.orgs:
            for spec in ctx.game.scenario.tensions:
                if seat in spec.parties:
                    yield A.RaiseTension(seat=seat, tension=spec.id)
        return
    for tension_id, tension in ctx.state.tensions.items():
        if tension.status == "open":
            for how in HANDLINGS:
                count = len(sides(ctx, tension_id)) if how in ("override", "side_deal") else 1
                for favor in range(count):
                    yield A.HandleTension(tension=tension_id, how=how, favor=favor)  # type: ignore[arg-type]


def why_not_handle(ctx: Context, action: A.HandleTension) -> str | None:
    s = ctx.state
    tension = s.tensions.get(action.tension)
    if tension is None:
        return f"unknown tension '{action.tension}'"
    if tension.status != "open":
        title = ctx.game.tensions[action.tension].title
        return f"'{title}' is not open (it is {TENSION_STATUS[tension.status]})"
    if action.favor >= len(sides(ctx, action.tension)):
        return "there is no such side"
    if time_to_handle(ctx, action.how) > s.convener_time:
        return f"that takes {time_to_handle(ctx, action.how)} time; {s.convener_time} left"
    cost = handling_cost(ctx, action.tension, action.how)
    if cost > s.convener_budget + 1e-6:
        return f"that costs ${cost:,.0f}; the convening budget has ${s.convener_budget:,.0f}"
    return None


def handle(ctx: Context, action: A.HandleTension) -> None:
    s, game = ctx.state, ctx.game
    dyn = game.scenario.dynamics
    title = game.tensions[action.tension].title
    tension = s.tensions[action.tension]
    s.convener_time -= time_to_handle(ctx, action.how)
    s.convener_budget -= handling_cost(ctx, action.tension, action.how)
    present = [
        [m for m in side if s.members[m].status == "table"] for side in sides(ctx, action.tension)
    ]
    everyone = [m for side in present for m in side]
    resolved = True
    how = action.how
    if how == "open":
        chance = 1 - tension.heat * (1 - density(game, s, everyone or None))
        resolved = s.rng.random() < chance
        rate = dyn.trust_gain if resolved else dyn.trust_gain / FAILED_DIALOGUE_DIVISOR
        _cross(ctx, present, rate)
        raise_tau(s, everyone, rate / DIALOGUE_TAU_DIVISOR)
        if not resolved:
            tension.heat *= FAILED_DIALOGUE_COOLING
        text = f"Open dialogue on '{title}' " + (
            "settles it; the parties trust each other more."
            if resolved
            else "clears the air but settles nothing yet; it cools and stays open."
        )
        s.problem_solving["interpreting"] += 1
    elif how == "mediate":
        _cross(ctx, present, MEDIATION_PAIR_GAIN * dyn.trust_gain)
        raise_tau(s, everyone, dyn.trust_gain)
        text = f"A mediated session settles '{title}'; trust between the parties rises."
        s.problem_solving["interpreting"] += 1
    elif how == "defer":
        resolved = False
        tension.status = "deferred"
        text = (
            f"'{title}' is deferred: nothing is lost now, but it heats up each round "
            "and may come back."
        )
    elif how == "override":
        winners = present[action.favor] if action.favor < len(present) else []
        losers = [m for k, side in enumerate(present) if k != action.favor for m in side]
        yes, no, carried_it = override_ballot(ctx, losers)
        # Being put to a vote against costs the losing side trust whether or not it carries.
        lower_pairs(game, s, losers, winners, dyn.override_loss)
        lower_tau(s, losers, dyn.override_loss)
        names = ", ".join(game.short_name(m) for m in losers) or "nobody present"
        if carried_it:
            # Winning by force costs goodwill too, and the outvoted strain the table.
            lower_tau(s, winners, dyn.trust_gain / OVERRIDE_WINNERS_DIVISOR)
            s.strain += len(losers) / max(1, len(s.at_table()))
            text = (
                f"'{title}' is settled by a vote ({yes} for, {no} against); the outvoted "
                f"side ({names}) trusts the partnership less, and the winners' goodwill "
                "is spent."
            )
        else:
            resolved = False
            text = (
                f"A vote to override on '{title}' fails ({yes} for, {no} against"
                + (", a veto among them" if no and _veto(ctx, losers) else "")
                + f"); it stays open, and {names} trust the partnership less for the try."
            )
    else:  # side_deal
        insiders = present[action.favor] if action.favor < len(present) else []
        outsiders = [m for m in s.at_table() if m not in insiders]
        raise_tau(s, insiders, dyn.trust_gain)
        lower_tau(s, outsiders, dyn.trust_gain / SIDE_DEAL_OUTSIDERS_DIVISOR)
        names = ", ".join(game.short_name(m) for m in insiders) or "nobody"
        text = f"A side deal settles '{title}' for {names}; the rest of the table notices."
    if how != "defer":
        tension.status = "resolved" if resolved else "open"
    if resolved and how != "defer":
        tension.heat = 0.0
    tension.handled.append(how)
    ctx.emit(
        N.TensionHandled(
            round=s.round,
            tension=action.tension,
            how=how,
            resolved=resolved and how != "defer",
            text=text,
        )
    )


def _veto(ctx: Context, orgs: list[str]) -> bool:
    return any(ctx.game.orgs[m].veto for m in orgs)


def override_ballot(ctx: Context, losers: list[str]) -> tuple[int, int, bool]:
    """The override's votes for, against, and whether it carried."""
    game = ctx.game
    return override_tally(voters(game, ctx.state), losers, lambda m: game.orgs[m].veto)


def _cross(ctx: Context, present: list[list[str]], rate: float) -> None:
    """Raise trust across every pair of opposing sides."""
    for k, left in enumerate(present):
        for right in present[k + 1 :]:
            raise_pairs(ctx.game, ctx.state, left, right, rate)


# ---------------------------------------------------------------------- raised by a party


def why_not_raise(ctx: Context, action: A.RaiseTension) -> str | None:
    s, game = ctx.state, ctx.game
    spec = game.tensions.get(action.tension)
    if spec is None:
        return f"unknown tension '{action.tension}'"
    if action.seat not in spec.parties:
        return f"you are not a party to '{spec.title}'"
    if s.members[action.seat].status != "table":
        return "you are not at the table"
    if s.stage == "forming":
        return "tensions come into the open in storming; raise it then"
    status = s.tensions[action.tension].status
    if status in ("open", "resolved"):
        return f"'{spec.title}' is {TENSION_STATUS[status]} already"
    return None


def raise_tension(ctx: Context, action: A.RaiseTension) -> None:
    """A party puts its conflict on the table: open at its heat (or hotter, if it was
    deferred), without the trust shock of one that breaks out unraised."""
    s, game = ctx.state, ctx.game
    spec = game.tensions[action.tension]
    tension = s.tensions[action.tension]
    if tension.status == "latent":
        tension.heat = spec.heat
    tension.status = "open"
    ctx.emit(
        N.TensionSurfaced(
            round=s.round,
            tension=spec.id,
            text=sentence(f"{game.short_name(action.seat)} raises a tension: {spec.title}"),
        )
    )


# ---------------------------------------------------------------------- surfacing


def surface(ctx: Context, only: str | None = None) -> None:
    """Latent tensions with a party at the table come into the open (entering storming,
    or when a newcomer that is party to one joins later)."""
    s, game = ctx.state, ctx.game
    for spec in game.scenario.tensions:
        tension = s.tensions[spec.id]
        if tension.status != "latent":
            continue
        if only is not None and only not in spec.parties:
            continue
        present = [p for p in spec.parties if s.members[p].status == "table"]
        if not present:
            continue
        tension.status = "open"
        tension.heat = spec.heat if len(present) >= 2 else spec.heat * ONE_SIDED_HEAT
        ctx.emit(
            N.TensionSurfaced(
                round=s.round, tension=spec.id, text=sentence(f"Tension surfaces: {spec.title}")
            )
        )


def break_out_latent(ctx: Context) -> None:
    """Conflicts nobody surfaced still exist: each round one may break out, with a shock."""
    s, game = ctx.state, ctx.game
    for spec in game.scenario.tensions:
        tension = s.tensions[spec.id]
        present = [p for p in spec.parties if s.members[p].status == "table"]
        if tension.status != "latent" or not present:
            continue
        if s.rng.random() < spec.heat * LATENT_BREAKOUT:
            tension.status = "open"
            tension.heat = spec.heat
            lower_tau(s, present, game.scenario.dynamics.trust_gain * spec.heat)
            ctx.emit(
                N.TensionSurfaced(
                    round=s.round,
                    tension=spec.id,
                    text=sentence(f"A conflict nobody raised breaks out: {spec.title}"),
                )
            )


def heat_deferred(ctx: Context) -> None:
    """Each round a deferred tension heats up, and returns with probability = its heat,
    costing its parties trust and firing any scenario event that waits for its return."""
    s, game = ctx.state, ctx.game
    dyn = game.scenario.dynamics
    for spec in game.scenario.tensions:
        tension = s.tensions[spec.id]
        if tension.status != "deferred":
            continue
        tension.heat = clamp(tension.heat + dyn.heat_growth)
        if s.rng.random() < tension.heat:
            tension.status = "open"
            tension.returns += 1
            present = [p for p in spec.parties if s.members[p].status == "table"]
            lower_tau(s, present, dyn.trust_gain * tension.heat)
            ctx.emit(
                N.TensionSurfaced(
                    round=s.round,
                    tension=spec.id,
                    returned=True,
                    text=sentence(f"A deferred tension comes back, hotter: {spec.title}"),
                )
            )
            scenario_events.fire(ctx, scenario_events.due(ctx, returned=spec.id))


def on_regression(ctx: Context) -> None:
    """Back to storming: trust dips and every deferred tension is open again."""
    s = ctx.state
    lower_tau(s, s.at_table(), ctx.game.scenario.dynamics.trust_gain / REGRESSION_TAU_DIVISOR)
    for tension in s.tensions.values():
        if tension.status == "deferred":
            tension.status = "open"
