"""Key moments of money and results: Pledges broken, and measurements that surprised."""

from __future__ import annotations

from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.names import money, names, org_name, project_name
from sim.engine.actions import Fund
from sim.engine.notices import Measured, PledgeSettled

SURPRISE = (0.8, 1.25)  # measured / promised outside this band is worth a question


def reneged_pledges(facts: Facts) -> list[KeyMoment]:
    """A step where Pledges came in short: the biggest shortfall named, the others listed."""
    trace, game = facts.trace, facts.trace.game
    out: list[KeyMoment] = []
    biggest_pledge = max((line.pledged for line in trace.final.state.ledger), default=1.0) or 1.0
    for k in range(1, trace.steps + 1):
        short = [
            e
            for e in trace.events_at(k)
            if isinstance(e, PledgeSettled) and e.delivered < e.pledged - 0.01
        ]
        if not short:
            continue
        worst = max(short, key=lambda e: e.pledged - e.delivered)
        org = worst.organization
        year = (worst.round - 1) // trace.final.state.rounds_per_year + 1
        tau = facts.state_at(k - 1).state.members[org].tau
        before, after = trace.frames[k - 1].partnership, trace.frames[k].partnership
        others = [e.organization for e in short if e is not worst]
        more = f" {names(game, others)} also fell short." if others else ""
        entry = trace.entries[k - 1]
        gap = worst.pledged - worst.delivered
        out.append(
            KeyMoment(
                kind="reneged",
                step=k,
                round=entry.round,
                stage=entry.stage,
                title=f"{org_name(game, org)} delivered {money(worst.delivered)} of the "
                f"{money(worst.pledged)} it pledged (year {year})",
                detail=(
                    f"The commitment ledger shows {org_name(game, org)} {money(gap)} short of its "
                    "Pledge"
                    + (
                        f"; trust in the partnership fell from {before:.2f} to {after:.2f}."
                        if after < before - 0.005
                        else "."
                    )
                    + more
                ),
                lesson="trust",
                questions=(
                    f"{org_name(game, org)} pledged {money(worst.pledged)} in year {year} and "
                    f"delivered {money(worst.delivered)}, its trust in the partnership at "
                    f"{tau:.2f}. What did it see at the table that made its Pledge slip?",
                    f"How could the table have known sooner, and what should the agreement say "
                    f"to {org_name(game, org)} about a broken Pledge?",
                ),
                weight=2.0 + min(3.0, 3.0 * gap / biggest_pledge),
                fork=k - 1,
                what_if=f"Branch at step {k - 1} and build {org_name(game, org)}'s trust first "
                "(settle a Tension it is party to, adopt the agreement it wants) before the "
                "year's Pledges.",
            )
        )
    return out


def measurements(facts: Facts) -> list[KeyMoment]:
    """The round's most surprising measurement (far from its promise), and what came next."""
    trace, game = facts.trace, facts.trace.game
    by_round: dict[int, list[tuple[int, Measured]]] = {}
    for k in range(1, trace.steps + 1):
        for e in trace.events_at(k):
            if (
                isinstance(e, Measured)
                and e.nominal > 0
                and not SURPRISE[0] <= e.delivered / e.nominal <= SURPRISE[1]
            ):
                by_round.setdefault(trace.entries[k - 1].round, []).append((k, e))
    out: list[KeyMoment] = []
    for rnd, found in by_round.items():
        k, e = max(found, key=lambda item: abs(item[1].delivered / item[1].nominal - 1))
        name = project_name(game, e.project)
        entry = trace.entries[k - 1]
        last = max(step for step, _ in found)
        later = [(x.round, x.action) for x in trace.entries[last:] if isinstance(x.action, Fund)]
        same = [(r, fund) for r, fund in later if fund.project == e.project]
        under = e.delivered < e.nominal
        if under and same:
            when, again = same[0]
            follow = (
                f"It then funded {again.units} more × {name} in round {when}. Why, after what "
                "the measurement showed?"
            )
        elif later:
            when, moved = later[0]
            follow = (
                f"Next it funded {project_name(game, moved.project)} in round {when}. Was that "
                "the measurement's lesson, or habit?"
            )
        else:
            follow = (
                "No money moved after the measurement. What would the table have needed to "
                "reallocate: time, money left, or an agreement on shared measurement?"
            )
        others = [
            f"{project_name(game, m.project)} {m.delivered:,.1f} of {m.nominal:,.1f}"
            for _, m in found
            if m is not e
        ]
        also = f" Also measured that round: {'; '.join(others)}." if others else ""
        out.append(
            KeyMoment(
                kind="measured",
                step=k,
                round=rnd,
                stage=entry.stage,
                title=f"Measurement: {name} delivers {e.delivered:,.1f} of {e.nominal:,.1f} "
                f"promised (round {rnd})",
                detail=(
                    f"Paying to measure showed {name} {'under' if under else 'over'}-delivering: "
                    f"{e.delivered:,.1f} a year against {e.nominal:,.1f} promised.{also} "
                    "Unmeasured projects only ever show their promise."
                ),
                lesson="reflecting",
                questions=(
                    f"Measurement in round {rnd} showed {name} delivering {e.delivered:,.1f} a "
                    f"year against {e.nominal:,.1f} promised. What did the table do with that?",
                    follow,
                ),
                weight=2.0 + (1.0 if abs(e.delivered / e.nominal - 1) > 0.4 else 0.0),
                fork=last,
                what_if=f"Branch at step {last} and move the money left toward what measures well.",
            )
        )
    return out
