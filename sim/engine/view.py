"""What one seat may see: the public state plus its own confidential sheet, nothing more.

Other organizations' points, BATNAs, briefs and personalities never appear here;
the truth about unmeasured projects never appears either.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.engine.actions import CONVENER
from sim.engine.delivery import delivered_rate, effectiveness, nominal_rate, norm_clarity
from sim.engine.facts import Facts
from sim.engine.notices import Notice
from sim.engine.state import SessionState
from sim.engine.trust import density, partnership_trust
from sim.engine.voting import rule_in_force, voters


def view(game: Facts, s: SessionState, seat: str, feed: Sequence[Notice]) -> dict[str, Any]:
    """Everything `seat` may see now, as plain data (JSON-ready)."""
    scenario = game.scenario
    public: dict[str, Any] = {
        "seat": seat,
        "scenario": scenario.scenario.id,
        "title": scenario.scenario.title,
        "briefing": scenario.scenario.briefing,
        "stage": s.stage,
        "round": s.round,
        "year": s.year,
        "round_in_year": s.round_in_year,
        "total_rounds": s.total_rounds,
        "result": {"metric": s.result[0], "target": s.result[1]} if s.result else None,
        "achieved_nominal": round(sum(nominal_rate(game, s, b) for b in s.batches), 3),
        "measured_rate": _measured_rate(game, s),
        "trust": {
            "density": round(density(game, s), 4),
            "partnership": round(partnership_trust(s), 4),
        },
        "norm_clarity": round(norm_clarity(game, s), 4),
        "rule_in_force": rule_in_force(game, s).rule,
        "voters": voters(game, s),
        "members": [
            {
                "organization": org,
                "name": game.orgs[org].name,
                "sector": game.orgs[org].sector,
                "status": m.status,
                "representative": m.representative,
                "trust": round(m.tau, 3),
            }
            for org, m in s.members.items()
        ],
        "tensions": [
            {
                "tension": t,
                "title": game.tensions[t].title,
                "status": st.status,
                "heat": round(st.heat, 3),
            }
            for t, st in s.tensions.items()
            if st.status != "latent"
        ],
        "agreement": dict(s.agreement),
        "pending": None
        if s.pending is None
        else {
            "issue": s.pending.issue,
            "option": s.pending.option,
            "voted": sorted(s.pending.votes),
            "voters": list(s.pending.voters),
        },
        "streams": {k: round(v.balance, 2) for k, v in s.streams.items()},
        "ledger": [
            {
                "organization": p.organization,
                "stream": p.stream,
                "year": p.year,
                "pledged": p.pledged,
                "delivered": p.delivered,
            }
            for p in s.ledger
        ],
        "funded": [
            {
                "project": b.project,
                "units": b.units,
                "cost": b.cost,
                "lead": b.lead,
                "round": b.round_funded,
                "measured": b.measured,
            }
            for b in s.batches
        ],
        "feed": [e.text for e in feed[-50:]],
    }
    if seat == CONVENER:
        public["confidential"] = {
            "brief": scenario.convener.brief,
            "goals": list(scenario.convener.goals),
            "time_left": s.convener_time,
            "budget": round(s.convener_budget, 2),
        }
    elif seat in game.orgs:
        org = game.orgs[seat]
        public["confidential"] = {
            "brief": org.brief,
            "goals": list(org.goals),
            "points": {k: dict(v) for k, v in org.points.items()},
            "batna": org.batna,
        }
    return public


def _measured_rate(game: Facts, s: SessionState) -> float | None:
    """The delivered rate of measured projects, or None when nothing was measured."""
    if not any(b.measured for b in s.batches):
        return None
    e = effectiveness(game, s)
    return round(sum(delivered_rate(game, s, b, e) for b in s.batches if b.measured), 3)
