"""Key moments of who came: a Member that sent someone who can neither decide nor implement."""

from __future__ import annotations

from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.names import names, org_name
from sim.engine.actions import Fund, Invite
from sim.engine.notices import MemberJoined
from sim.scenario.words import ASK, rank


def designees(facts: Facts) -> list[KeyMoment]:
    """Members who sent someone who can neither decide nor implement."""
    trace, game = facts.trace, facts.trace.game
    final = trace.final.state
    joins = [
        (k, e)
        for k, e in facts.events()
        if isinstance(e, MemberJoined)
        and e.representative == "designee"
        and final.members[e.organization].representative == "designee"
    ]
    if not joins:
        return []
    k, first = joins[0]
    org = first.organization
    entry = trace.entries[k - 1]
    ask = entry.action.ask if isinstance(entry.action, Invite) else "letter"
    sends = game.orgs[org].sends
    # The asks that may bring someone senior, in the order a convener would escalate.
    upgrades = {"convener_meeting": sends.convener_meeting, "champion": sends.champion}
    better = [a for a, sent in upgrades.items() if rank(sent) > rank("designee")]
    everyone = [e.organization for _, e in joins]
    funded = [x for x in trace.entries[k:] if isinstance(x.action, Fund)]
    when = (
        f"when the table funded projects in round {funded[0].round}"
        if funded
        else "when the agreement came to a vote"
    )
    more = (
        f" {len(everyone)} members ended with designees: {names(game, everyone)}."
        if len(everyone) > 1
        else ""
    )
    weighty = game.orgs[org].veto or game.orgs[org].assets.money > 0
    return [
        KeyMoment(
            kind="designee",
            step=k,
            round=entry.round,
            stage=entry.stage,
            title=f"{org_name(game, org)} joined with a designee (round {entry.round})",
            detail=(
                f"Asked by {ASK.get(ask, ask)}, {org_name(game, org)} sent a designee: someone "
                f"who represents it but can neither decide nor implement.{more}"
            ),
            lesson="representatives",
            questions=(
                f"{org_name(game, org)} sent a designee when asked by {ASK.get(ask, ask)} in round "
                f"{entry.round}. Whom would you have needed from it {when}?",
                f"What would it have cost the convener to ask {org_name(game, org)} by "
                f"{ASK[better[-1]] if better else 'a different ask'} instead, and what would "
                "the table have gained?",
            ),
            weight=2.0 + weighty,
            fork=k - 1 if better else None,
            what_if=(
                f"Branch at step {k - 1} and invite {org_name(game, org)} by {ASK[better[-1]]}."
                if better
                else ""
            ),
        )
    ]
