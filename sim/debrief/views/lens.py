"""The seat lens: what one seat could see at a step, against the full picture.

Hidden information is half of every debrief: a Member votes on its own point sheet, the
convener funds on promises until it pays to measure. The lens reads the seat's `SeatView`
(`Session.view(seat)`) for what it saw, and the instructor's full-information `Truth`
(`views.instructor`) for what only the debrief sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.debrief.names import listing, money, option_label, org_name, seat_name
from sim.debrief.views.instructor import Truth, truth_at
from sim.engine.actions import CONVENER
from sim.engine.session import Session

Line = tuple[str, str]  # (what, the figure or fact)


@dataclass(frozen=True)
class Lens:
    seat: str
    title: str
    sees: tuple[Line, ...]
    hidden: tuple[Line, ...]


def seats_to_view(session: Session) -> list[str]:
    """The convener, then every Member that ever sat at the table, in scenario order."""
    s = session.state
    return [CONVENER, *(m for m, v in s.members.items() if v.status in ("table", "left"))]


def seat_lens(session: Session, seat: str, known: Truth | None = None) -> Lens:
    """What `seat` could see at this step (its SeatView), and what was hidden from it;
    `known` is the step's Truth when the caller has it already."""
    game = session.game
    view = session.view(seat)
    sees: list[Line] = [
        ("Stage", f"{view.stage}, round {view.round} (year {view.year})"),
        (
            "Trust",
            f"between members {view.density:.2f}, in the partnership {view.partnership_trust:.2f}",
        ),
    ]
    if view.result:
        measured = view.measured_rate
        sees.append(
            (
                "Result",
                f"target {view.result[1]:g}; funded projects promise "
                f"{view.nominal_rate:,.1f} a year"
                + (f"; measured ones deliver {measured:,.1f}" if measured is not None else ""),
            )
        )
    agreed = [option_label(game, i, o) for i, o in view.agreement.items()]
    sees.append(("Agreement", "; ".join(agreed) if agreed else "nothing agreed yet"))
    pledged = sum(line.pledged for line in view.ledger)
    delivered = sum(line.delivered or 0.0 for line in view.ledger)
    sees.append(("Pledges", f"{money(pledged)} pledged, {money(delivered)} delivered"))
    if view.convener is not None:
        own = view.convener
        sees.append(("Own", f"{own.time_left} time left, {money(own.budget)} budget"))
        title = "Convener"
    elif view.sheet is not None:
        sheet = view.sheet
        got = sum(sheet.points.get(i, {}).get(o, 0) for i, o in view.agreement.items())
        sees.append(("Own sheet", f"{got} points under the agreement, BATNA {sheet.batna}"))
        title = org_name(game, seat)
    else:
        title = seat_name(game, seat)
    hidden = hidden_lines(known if known is not None else truth_at(session), seat)
    return Lens(seat, title, tuple(sees), tuple(hidden))


def hidden_lines(truth: Truth, seat: str) -> list[Line]:
    """What the full picture shows that this seat could not see."""
    out: list[Line] = []
    if truth.unmeasured:
        rates = ", ".join(f"{name} {rate:,.1f}" for name, rate in truth.unmeasured[:3])
        out.append(("True result", f"{truth.achieved:,.1f} a year; unmeasured: {rates}"))
    others = [sheet for sheet in truth.sheets if sheet.organization != seat]
    below = [f"{x.name} {x.points}/{x.batna}" for x in others if x.below_batna]
    out.append(
        (
            "Below BATNA",
            ", ".join(below) if below else f"none of the {len(others)} other members' sheets",
        )
    )
    if truth.yes is not None and truth.no is not None:
        out.append(
            (
                "Ballots",
                f"yes: {listing(truth.yes) or 'none'}; no: {listing(truth.no) or 'none'}",
            )
        )
    if truth.unraised:
        out.append(("Unraised", "; ".join(f"'{title}'" for title in truth.unraised[:3])))
    if truth.weakest_pair is not None:
        a, b, trust = truth.weakest_pair
        out.append(("Weakest pair", f"{a}–{b} {trust:.2f}"))
    return out
