"""Key moments, found automatically: the steps a debrief should stop at, with questions.

Score swings are found last and, where another moment sits on the same step, told as part
of it, so one step never shows up twice.
"""

from __future__ import annotations

from dataclasses import replace

from sim.debrief.moments.agreement import close_votes, governance_choice, unagreed_issues
from sim.debrief.moments.members import designees
from sim.debrief.moments.moment import Detector, Facts, KeyMoment
from sim.debrief.moments.money import measurements, reneged_pledges
from sim.debrief.moments.stages import regressions, skipped_stages
from sim.debrief.moments.swings import score_swings
from sim.debrief.moments.tensions import deferred_tensions

# The report keeps this many moments (the most telling, then in step order); the viewer
# lists them all.
REPORT_LIMIT = 12
DETECTORS: tuple[Detector, ...] = (
    skipped_stages,
    designees,
    deferred_tensions,
    close_votes,
    governance_choice,
    regressions,
    reneged_pledges,
    measurements,
    unagreed_issues,
)


def find_moments(facts: Facts) -> list[KeyMoment]:
    """Every key moment, in step order."""
    found: list[KeyMoment] = []
    for detect in DETECTORS:
        found.extend(detect(facts))
    for swing in score_swings(facts):
        at = [n for n, m in enumerate(found) if m.step == swing.step]
        if at:
            host = found[at[0]]
            found[at[0]] = replace(
                host, detail=f"{host.detail} {swing.detail}", weight=host.weight + swing.weight
            )
        else:
            found.append(swing)
    return sorted(found, key=lambda m: (m.step, -m.weight))


def for_report(moments: list[KeyMoment], limit: int = REPORT_LIMIT) -> list[KeyMoment]:
    """The most telling moments, back in step order."""
    kept = sorted(moments, key=lambda m: (-m.weight, m.step))[:limit]
    return sorted(kept, key=lambda m: (m.step, -m.weight))
