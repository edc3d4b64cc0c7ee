"""Plain-text summaries of a played game, for `sim autoplay` and logs."""

from __future__ import annotations

from typing import Any

from sim.engine.autoplay import Played
from sim.engine.session import Session


def seat_outcome(session: Session, seat: str) -> dict[str, Any]:
    """A seat's points under the adopted agreement against its BATNA, and its pledges."""
    game, s = session.game, session.state
    points = sum(game.points(seat, issue, option) for issue, option in s.agreement.items())
    pledges = [p for p in s.ledger if p.organization == seat]
    return {
        "seat": seat,
        "points": points,
        "batna": game.orgs[seat].batna,
        "above_batna": points >= game.orgs[seat].batna,
        "pledged": round(sum(p.pledged for p in pledges), 2),
        "delivered": round(sum(p.delivered or 0.0 for p in pledges), 2),
    }


def stage_summary(played: Played, seat: str = "convener") -> str:
    """A readable stage-by-stage account of an autoplayed game."""
    s = played.session
    data = played.as_json()
    lines = [
        f"{s.game.scenario.scenario.title} — seed {data['seed']}, policy {played.policy}",
        "",
    ]
    stage = "forming"
    lines.append("FORMING")
    for event in played.events:
        if event.kind == "stage_changed":
            stage = event.dest  # type: ignore[union-attr]
            lines.append("")
            lines.append(
                ("REGRESSION → " if event.regression else "")  # type: ignore[union-attr]
                + stage.upper()
            )
        if event.kind in ("round_ended", "pledged", "pledge_settled") and stage != "forming":
            continue
        if event.kind == "round_ended":
            continue
        lines.append(f"  r{event.round:>2}  {event.text}")
    result = data["result"]
    lines += [
        "",
        f"Stages: {' → '.join(data['stages_visited'])}",
        f"Actions: {data['actions']}   regressions: {data['regressions']}   "
        f"members: {data['members']}",
        f"Trust density {data['trust']['density']:.2f}, effectiveness {data['effectiveness']:.2f}",
        f"Result: {result['achieved']:,.1f} of {result['target']:,.1f} ({result['metric']})",
    ]
    if seat != "convener":
        out = seat_outcome(s, seat)
        lines.append(
            f"Seat {seat}: {out['points']} points vs BATNA {out['batna']}; pledged "
            f"${out['pledged']:,.0f}, delivered ${out['delivered']:,.0f}"
        )
    return "\n".join(lines)
