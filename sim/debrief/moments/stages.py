"""Key moments of the stages: the form-perform shortcut, and a fall back to storming."""

from __future__ import annotations

from sim.debrief.moments.moment import Facts, KeyMoment
from sim.debrief.names import names, org_name, plural, tension_title
from sim.engine.actions import Skip
from sim.engine.notices import ScenarioEventFired, StageChanged, TensionSurfaced


def skipped_stages(facts: Facts) -> list[KeyMoment]:
    """The form-perform shortcut, and what it cost by the end."""
    trace, game = facts.trace, facts.trace.game
    out: list[KeyMoment] = []
    for entry in trace.entries:
        if not isinstance(entry.action, Skip):
            continue
        k = entry.step
        before, end = trace.frames[k - 1], trace.frames[-1]
        broke_out = [
            (j, e.tension)
            for j, e in facts.events()
            if j > k and isinstance(e, TensionSurfaced) and not e.returned
        ]
        target = f" of {end.target:g}" if end.target else ""
        cost = (
            f"'{tension_title(game, broke_out[0][1])}' broke out anyway at step {broke_out[0][0]}"
            if broke_out
            else f"the table regressed {plural(end.regressions, 'time')}"
        )
        out.append(
            KeyMoment(
                kind="skip",
                step=k,
                round=entry.round,
                stage=entry.stage,
                title=f"Skipped from forming straight to performing in round {entry.round}",
                detail=(
                    f"With {before.members} members, {before.agreed} issues agreed and trust "
                    f"{before.density:.2f}, the table went straight to funding. At the end every "
                    f"dollar worked at {end.effectiveness:.0%} effectiveness and the result was "
                    f"{end.achieved:,.1f}{target} a year; {cost}."
                ),
                lesson="form-perform",
                questions=(
                    f"In round {entry.round} the table skipped storming and norming with "
                    f"{before.members} members at the table. What made skipping look worth it?",
                    f"By the end effectiveness was {end.effectiveness:.0%} and {cost}. Which "
                    "conversation that never happened cost the table most?",
                ),
                weight=6.0,
                fork=k - 1,
                what_if=f"Branch at step {k - 1} and advance to storming instead of skipping; "
                "compare the scorecards at the end.",
            )
        )
    return out


def regressions(facts: Facts) -> list[KeyMoment]:
    """A fall back to storming: what the table looked like, and who trusted it least."""
    trace, game = facts.trace, facts.trace.game
    out: list[KeyMoment] = []
    n_issues = len(game.scenario.issues)
    skipped = any(isinstance(x.action, Skip) for x in trace.entries)
    for k, e in facts.events():
        if not (isinstance(e, StageChanged) and e.regression):
            continue
        before = trace.frames[k - 1]
        causes = [x.title for x in trace.events_at(k) if isinstance(x, ScenarioEventFired)]
        cause = f"'{causes[0]}'" if causes else f"the end of round {e.round}"
        s = facts.state_at(k).state
        table = sorted(s.at_table(), key=lambda m: (s.members[m].tau, game.index[m]))[:2]
        lows = ", ".join(f"{org_name(game, m)} ({s.members[m].tau:.2f})" for m in table)
        missing = [i for i in game.scenario.issues if i.id not in s.agreement]
        rnd, stage = facts.where(k)
        questions = [
            f"In round {e.round} the table fell back to storming with trust at "
            f"{before.density:.2f} and {before.agreed} of {n_issues} issues agreed. What signs "
            "in the rounds before could have warned you?"
        ]
        if table:
            questions.append(
                f"{names(game, table, 2)} trusted the partnership least just then ({lows}). "
                "What had happened to them, and what could the convener have done earlier?"
            )
        fix = (
            f"agree {', '.join(i.name for i in missing[:2])}"
            if missing
            else "settle the open Tensions"
        )
        out.append(
            KeyMoment(
                kind="regression",
                step=k,
                round=rnd,
                stage=stage,
                title=f"Regression to storming in round {e.round}",
                detail=(
                    f"After {cause}, the table fell back to storming: trust between members "
                    f"{before.density:.2f}, norm clarity {before.norm_clarity:.2f}, "
                    f"{before.agreed} of {n_issues} issues agreed."
                    + (f" Lowest trust in the partnership: {lows}." if lows else "")
                ),
                lesson="form-perform" if skipped else "trust",
                questions=tuple(questions),
                weight=5.0,
                fork=k - 1,
                what_if=f"Branch at step {k - 1} and {fix} before the round ends.",
            )
        )
    return out
