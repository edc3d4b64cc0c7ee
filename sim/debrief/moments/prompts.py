"""The first and last of Thiagarajan's phases — how do you feel, what next — written from
the table's own game: its lowest and highest moments, its weakest scorecard dimensions.
"""

from __future__ import annotations

from sim.debrief.debrief import Debrief
from sim.debrief.moments.moment import KeyMoment
from sim.debrief.names import names, org_name, short_why
from sim.engine.actions import CONVENER
from sim.engine.voting import rule_in_force
from sim.scenario.words import RULE_UNDER, sentence
from sim.scoring.model import DIMENSIONS


def feel_prompts(debrief: Debrief, moments: list[KeyMoment]) -> list[str]:
    frames = debrief.trace.frames
    last = frames[-1]
    first = next((f for f in frames if f.members >= 2), frames[0])
    seat = debrief.save.header.main_seat()
    seat_words = (
        "the convener's seat" if seat == CONVENER else f"{org_name(debrief.game, seat)}'s seat"
    )
    out = [
        f"In one word, how did it feel to sit in {seat_words} at the end of round {last.round}?",
    ]
    hard = [m for m in moments if m.kind in ("regression", "deferred", "reneged", "close-vote")]
    if hard:
        m = max(hard, key=lambda x: x.weight)
        out.append(
            f"Round {m.round}: {sentence(m.title)} What was the mood at the table just then?"
        )
    proud = [m for m in moments if m.kind in ("swing", "governance") and "rose" in m.detail]
    if proud:
        m = max(proud, key=lambda x: x.weight)
        out.append(f"Step {m.step} lifted the score most. Did it feel like a win when it happened?")
    out.append(
        f"Trust between members went from {first.density:.2f} to {last.density:.2f}. Does that "
        "match how the table felt to you?"
    )
    return out


def next_prompts(debrief: Debrief, moments: list[KeyMoment]) -> list[str]:
    card = debrief.final_card
    weakest = sorted(DIMENSIONS, key=lambda d: card.dimensions[d].score)[:2]
    out = []
    for dim in weakest:
        d = card.dimensions[dim]
        why = short_why(d.why[0]) if d.why else ""
        out.append(
            f"{d.label.capitalize()} scored {d.score:.0f}: {why}. What will you do differently "
            "next time, and in which stage?"
        )
    s = debrief.final.state
    open_tensions = [t for t, st in s.tensions.items() if st.status in ("open", "deferred")]
    if open_tensions:
        out.append(
            f"{len(open_tensions)} Tension(s) were still open at the end. Which one would you "
            "raise first at the table's next meeting?"
        )
    rule = rule_in_force(debrief.game, s)
    out.append(
        f"The table ended under {RULE_UNDER.get(rule.rule, rule.rule)} with "
        f"{names(debrief.game, s.at_table(), 3) or 'nobody'} at the table. Name one commitment "
        "you will carry into a real partnership you work with."
    )
    forks = [m for m in moments if m.fork is not None and m.what_if]
    if forks:
        m = max(forks, key=lambda x: x.weight)
        out.append(f"Play the what-if: {m.what_if}")
    return out
