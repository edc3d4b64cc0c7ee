"""What a careful convener plans from public knowledge: whom to invite, how to ask, which
governance form to work for, and who sits on a steering committee.
"""

from __future__ import annotations

from sim.engine.facts import Facts
from sim.engine.public import PublicScenario
from sim.engine.seatview import SeatView
from sim.scenario.models import Representatives

# Strongest ask first; the bot tries the cheapest that typically brings whom it wants.
ASK_ORDER = ("champion", "convener_meeting", "staff_call", "letter")
# Whom each kind of ask typically brings, as the format's defaults say: what anyone who
# has convened a table knows, before learning how a given organization answers.
TYPICAL_SENDS: dict[str, str] = {
    ask: str(Representatives.model_fields[ask].default) for ask in ASK_ORDER
}
# The careful convener invites this many, asking the first few for decision-makers.
TABLE_SIZE = 14
KEY_SEATS = 4
# How it ranks whom to invite next: each uncovered interest's weight, a share of all the
# money, a veto (which can sink the agreement from outside), and staff to lead projects.
INTEREST_WEIGHT = 2
MONEY_WEIGHT = 4
VETO_WEIGHT = 3
STAFF_WEIGHT = 0.2
# A table this small can run itself; a larger one needs a lead or a backbone
# (Provan & Kenis 2008: shared governance suits few members).
SMALL_TABLE = 8
STEERING_SIZE = 9


def plan_table(public: PublicScenario | Facts, size: int | None = None) -> list[str]:
    """Whom a careful convener invites: cover every needed interest, then money and vetoes."""
    if isinstance(public, Facts):
        public = public.public
    size = TABLE_SIZE if size is None else size
    weights = {i.id: i.weight for i in public.interests}
    total_money = sum(o.assets.money for o in public.organizations) or 1.0
    chosen: list[str] = []
    covered: set[str] = set()

    def score(org_id: str) -> float:
        org = public.orgs[org_id]
        new = sum(weights.get(i, 0) for i in org.interests if i not in covered)
        return (
            INTEREST_WEIGHT * new
            + MONEY_WEIGHT * org.assets.money / total_money
            + VETO_WEIGHT * org.veto
            + STAFF_WEIGHT * org.assets.staff
        )

    candidates = list(public.orgs)
    while candidates and len(chosen) < size:
        best = max(candidates, key=lambda o: (score(o), -public.index[o]))
        chosen.append(best)
        covered.update(public.orgs[best].interests)
        candidates.remove(best)
    return chosen


def preferred_forms(view: SeatView, govern: str | None) -> list[str]:
    """The governance forms the convener works for, in order."""
    forms = ["shared", "lead_organization", "network_administrative_organization"]
    if govern is not None:
        return [govern, *(f for f in forms if f != govern)]
    if len(view.at_table) <= SMALL_TABLE:
        return forms
    return list(reversed(forms))


def steering_members(view: SeatView) -> list[str]:
    """Decision-makers and veto holders first, then the most influential members."""
    orgs = view.scenario.orgs
    table = list(view.at_table)
    table.sort(
        key=lambda m: (
            view.member[m].representative != "decision_maker",
            not orgs[m].veto,
            -orgs[m].assets.influence,
            view.scenario.index[m],
        )
    )
    return table[: min(STEERING_SIZE, len(table) - 1)]
