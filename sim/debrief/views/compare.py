"""Tables of one seminar side by side: several saves of the same scenario, compared.

Scorecards per dimension, when each stage began, the agreements and portfolios reached,
and a few questions that only a comparison can ask ("table A mediated what B deferred").
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.debrief.debrief import Debrief
from sim.debrief.names import option_label, project_name, tension_title
from sim.engine.actions import Skip
from sim.engine.notices import StageChanged
from sim.record.errors import SaveError
from sim.scenario.words import HANDLING_NAME, STAGES
from sim.scoring.model import DIMENSIONS, LABELS


@dataclass(frozen=True)
class StageStart:
    round: int
    step: int  # the step that moved the table into the stage (0: it started there)


@dataclass(frozen=True)
class TableSummary:
    name: str
    total: float
    dimensions: dict[str, float]
    stages: dict[str, StageStart]  # first arrival in each stage
    regressions: int
    skipped: bool
    agreement: dict[str, str]  # issue id -> option id
    portfolio: dict[str, int]  # project id -> units
    share: float | None  # of the optimal portfolio
    achieved: float
    target: float | None
    handled: dict[str, list[str]]  # tension id -> how it was handled, in order


def summarize(debrief: Debrief) -> TableSummary:
    trace, card = debrief.trace, debrief.final_card
    s = debrief.final.state
    stages = {"forming": StageStart(1, 0)}
    for k in range(1, trace.steps + 1):
        for e in trace.events_at(k):
            if isinstance(e, StageChanged) and e.dest not in stages:
                stages[e.dest] = StageStart(e.round, k)
    comp = debrief.benchmarks.comparison
    last = trace.frames[-1]
    return TableSummary(
        name=debrief.name,
        total=card.total,
        dimensions={d: card.dimensions[d].score for d in DIMENSIONS},
        stages=stages,
        regressions=s.regressions,
        skipped=any(isinstance(e.action, Skip) for e in trace.entries),
        agreement=dict(s.agreement),
        portfolio=comp.funded.units(),
        share=comp.share,
        achieved=last.achieved,
        target=last.target,
        handled={t: list(st.handled) for t, st in s.tensions.items() if st.handled},
    )


def check_same_scenario(debriefs: list[Debrief]) -> None:
    """Comparing tables only means something when they played the same scenario."""
    first = debriefs[0].save.header.scenario
    for other in debriefs[1:]:
        theirs = other.save.header.scenario
        if theirs.id != first.id:
            raise SaveError(
                "scenario",
                f"{other.name} played '{theirs.id}', not '{first.id}': compare tables of one "
                "scenario",
            )


def score_rows(tables: list[TableSummary]) -> list[tuple[str, ...]]:
    rows = [(LABELS[d], *(f"{t.dimensions[d]:.0f}" for t in tables)) for d in DIMENSIONS]
    rows.append(("total", *(f"{t.total:.1f}" for t in tables)))
    return rows


def stage_rows(tables: list[TableSummary]) -> list[tuple[str, ...]]:
    rows = []
    for stage in STAGES:
        cells = []
        for t in tables:
            start = t.stages.get(stage)
            cells.append("—" if start is None else f"round {start.round} (step {start.step})")
        rows.append((stage, *cells))
    rows.append(("regressions", *(str(t.regressions) for t in tables)))
    rows.append(("skipped to performing", *("yes" if t.skipped else "no" for t in tables)))
    return rows


def agreement_rows(debrief: Debrief, tables: list[TableSummary]) -> list[tuple[str, ...]]:
    game = debrief.game
    return [
        (
            issue.name,
            *(
                option_label(game, issue.id, t.agreement[issue.id])
                if issue.id in t.agreement
                else "—"
                for t in tables
            ),
        )
        for issue in game.scenario.issues
    ]


def portfolio_rows(debrief: Debrief, tables: list[TableSummary]) -> list[tuple[str, ...]]:
    game = debrief.game
    funded = {p for t in tables for p in t.portfolio}
    rows = [
        (project_name(game, p.id), *(str(t.portfolio.get(p.id, 0)) for t in tables))
        for p in game.scenario.projects
        if p.id in funded
    ]
    rows.append(
        ("share of its optimum", *("—" if t.share is None else f"{t.share:.0%}" for t in tables))
    )
    rows.append(
        (
            "result a year (true)",
            *(
                f"{t.achieved:,.1f}" + (f" of {t.target:g}" if t.target is not None else "")
                for t in tables
            ),
        )
    )
    return rows


def seminar_questions(debrief: Debrief, tables: list[TableSummary]) -> list[str]:
    """Questions that set tables against each other, from what each one did."""
    game = debrief.game
    out: list[str] = []
    best = max(tables, key=lambda t: t.total)
    worst = min(tables, key=lambda t: t.total)
    if best is not worst:
        gap = max(DIMENSIONS, key=lambda d: best.dimensions[d] - worst.dimensions[d])
        out.append(
            f"{best.name} scored {best.total:.1f} and {worst.name} {worst.total:.1f}; the widest "
            f"gap was {LABELS[gap]} ({best.dimensions[gap]:.0f} against "
            f"{worst.dimensions[gap]:.0f}). What did {best.name} do there that {worst.name} "
            "did not?"
        )
    skippers = [t for t in tables if t.skipped]
    patient = [t for t in tables if not t.skipped]
    if skippers and patient:
        a, b = skippers[0], patient[0]
        out.append(
            f"{a.name} skipped to performing; {b.name} went through storming and norming and "
            f"reached performing in round {b.stages['performing'].round if 'performing' in b.stages else '—'}. "
            f"Their results: {a.achieved:,.1f} against {b.achieved:,.1f} a year. Which paid off?"
        )
    for tension in game.tensions:
        ways = {t.name: t.handled[tension] for t in tables if tension in t.handled}
        if len({tuple(w) for w in ways.values()}) > 1:
            told = "; ".join(
                f"{n}: {', '.join(HANDLING_NAME.get(h, h) for h in w)}" for n, w in ways.items()
            )
            title = tension_title(game, tension)
            out.append(
                f"The tables handled '{title}' differently ({told}). What did each way cost, "
                "and what did it buy?"
            )
            break
    for issue in game.scenario.issues:
        chosen = {t.agreement.get(issue.id) for t in tables} - {None}
        if len(chosen) > 1:
            told = "; ".join(
                f"{t.name}: {option_label(game, issue.id, t.agreement[issue.id])}"
                for t in tables
                if issue.id in t.agreement
            )
            out.append(
                f"On {issue.name} the tables chose differently ({told}). Which fit its table, "
                "and why?"
            )
            break
    return out
