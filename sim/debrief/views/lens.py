"""The seat lens: what one seat could see at a step, against the full picture.

Hidden information is half of every debrief: a Member votes on its own point sheet, the
convener funds on promises until it pays to measure. The lens reads the seat's `SeatView`
(`Session.view(seat)`) for what it saw, and the state itself for what only the debrief sees.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.debrief.names import (
    money,
    names,
    option_label,
    org_name,
    project_name,
    seat_name,
    tension_title,
)
from sim.engine.actions import CONVENER
from sim.engine.delivery import achieved, delivered_rate, effectiveness
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


def seat_lens(session: Session, seat: str) -> Lens:
    """What `seat` could see at this step (its SeatView), and what was hidden from it."""
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
    return Lens(seat, title, tuple(sees), tuple(hidden_lines(session, seat)))


def hidden_lines(session: Session, seat: str) -> list[Line]:
    """What the full picture shows that this seat could not see."""
    game, s = session.game, session.state
    out: list[Line] = []
    unmeasured = [b for b in s.batches if not b.measured]
    if unmeasured:
        e = effectiveness(game, s)
        truth = ", ".join(
            f"{project_name(game, b.project)} {delivered_rate(game, s, b, e):,.1f}"
            for b in unmeasured[:3]
        )
        out.append(("True result", f"{achieved(game, s):,.1f} a year; unmeasured: {truth}"))
    table = s.at_table()
    below = []
    for m in table:
        if m == seat:
            continue
        got = sum(game.points(m, i, o) for i, o in s.agreement.items())
        if got < game.orgs[m].batna:
            below.append(f"{org_name(game, m)} {got}/{game.orgs[m].batna}")
    others = len([m for m in table if m != seat])
    out.append(
        (
            "Below BATNA",
            ", ".join(below) if below else f"none of the {others} other members' sheets",
        )
    )
    if s.pending is not None:
        ballots = {c: [m for m, v in s.pending.votes.items() if v == c] for c in ("yes", "no")}
        out.append(
            (
                "Ballots",
                f"yes: {names(game, ballots['yes']) or 'none'}; "
                f"no: {names(game, ballots['no']) or 'none'}",
            )
        )
    latent = [
        t
        for t, st in s.tensions.items()
        if st.status == "latent"
        and any(s.members[p].status == "table" for p in game.tensions[t].parties)
    ]
    if latent:
        out.append(("Unraised", "; ".join(f"'{tension_title(game, t)}'" for t in latent[:3])))
    pair = _weakest_pair(session)
    if pair:
        out.append(("Weakest pair", pair))
    return out


def _weakest_pair(session: Session) -> str:
    game, s = session.game, session.state
    table = s.at_table()
    worst: tuple[float, str, str] | None = None
    for n, a in enumerate(table):
        for b in table[n + 1 :]:
            t = (s.trust[game.index[a]][game.index[b]] + s.trust[game.index[b]][game.index[a]]) / 2
            if worst is None or t < worst[0]:
                worst = (t, a, b)
    if worst is None:
        return ""
    return f"{org_name(game, worst[1])}–{org_name(game, worst[2])} {worst[0]:.2f}"
