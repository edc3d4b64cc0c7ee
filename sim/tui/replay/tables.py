"""Side-by-side tables for the viewer: the table's choices beside the optimum, and several
tables of one seminar beside each other."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from sim.debrief.debrief import Debrief
from sim.debrief.names import org_name, project_name
from sim.debrief.views.compare import (
    TableSummary,
    agreement_rows,
    portfolio_rows,
    score_rows,
    seminar_questions,
    stage_rows,
)


def grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> Table:
    table = Table(box=None, pad_edge=False, padding=(0, 1), header_style="bold")
    for name in header:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def optimum_view(debrief: Debrief) -> RenderableType:
    bench = debrief.benchmarks
    comp = bench.comparison
    game = debrief.game
    funded, best = comp.funded.units(), comp.optimal.units()
    projects = [p.id for p in game.scenario.projects if p.id in funded or p.id in best]
    share = f"{comp.share:.0%}" if comp.share is not None else "—"
    packages = [p for p in (bench.adopted, bench.welfare, bench.nash) if p is not None]
    rows = [
        (issue.name, *(p.options.get(issue.id, "—") for p in packages))
        for issue in game.scenario.issues
    ]
    rows.append(("total points", *(str(p.welfare) for p in packages)))
    rows.append(
        (
            "below BATNA",
            *(", ".join(org_name(game, m) for m in p.below_batna) or "none" for p in packages),
        )
    )
    names = ["adopted" if p is bench.adopted else p.name for p in packages]
    return Group(
        Text("At the end of the game", style="bold underline"),
        Text(
            f"Funded: {comp.funded.value:,.1f} {comp.unit} a year for ${comp.funded.cost:,.0f}. "
            f"The best the same money could buy: {comp.optimal.value:,.1f} for "
            f"${comp.optimal.cost:,.0f} ({share})."
        ),
        grid(
            ("project", "funded", "optimal"),
            [(project_name(game, p), str(funded.get(p, 0)), str(best.get(p, 0))) for p in projects],
        ),
        Text(),
        Text(f"The agreement beside those that pass {bench.rule}", style="bold underline"),
        grid(("issue", *names), rows),
        *(Text(note, style="dim") for note in bench.notes),
    )


def compare_view(first: Debrief, tables: list[TableSummary]) -> RenderableType:
    names = [t.name for t in tables]
    return Group(
        Text("Scorecards", style="bold underline"),
        grid(("dimension", *names), score_rows(tables)),
        Text(),
        Text("Stage timing", style="bold underline"),
        grid(("stage", *names), stage_rows(tables)),
        Text(),
        Text("Agreements", style="bold underline"),
        grid(("issue", *names), agreement_rows(first, tables)),
        Text(),
        Text("Portfolios (units)", style="bold underline"),
        grid(("project", *names), portfolio_rows(first, tables)),
        Text(),
        Text("Questions across tables", style="bold underline"),
        *(Text(f"• {q}") for q in seminar_questions(first, tables)),
    )
