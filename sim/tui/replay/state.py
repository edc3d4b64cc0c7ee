"""The state at the selected step: roster, trust, Tensions, the agreement so far, the
portfolio, the commitment ledger, money, and the live scorecard.

Everything is read from the instructor's full-information view of that step
(`sim.debrief.views.instructor`), so what shows is what the game held then, not what the
final screen says, and the pane never reads the engine itself.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from sim.debrief.names import money
from sim.debrief.views.instructor import InstructorView
from sim.scoring.model import DIMENSIONS

BAR = 10
LEDGER_LINES = 12  # a long game's ledger is summed in the charts; the pane shows the latest


def bar(score: float, width: int = BAR) -> str:
    full = round(max(0.0, min(100.0, score)) / 100 * width)
    return "█" * full + "░" * (width - full)


def heading(text: str) -> Text:
    return Text(text, style="bold underline")


def columns(rows: list[tuple[str, ...]], header: tuple[str, ...] | None = None) -> Text:
    """Rows as plain aligned text: far cheaper to lay out than a table at every step."""
    table = [header, *rows] if header else rows
    widths = [max(len(r[n]) for r in table) for n in range(len(table[0]))] if table else []
    out = Text()
    for n, row in enumerate(table):
        line = "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        out.append(line + "\n", style="bold" if header and n == 0 else "")
    return out


def state_view(view: InstructorView) -> RenderableType:
    """Everything the game held at the step, with the scorecard as it stood then."""
    card, trust = view.card, view.trust
    parts: list[RenderableType] = [heading(f"Live scorecard: {card.total:.1f}")]
    parts.append(
        columns(
            [
                (
                    card.dimensions[d].label,
                    f"{card.dimensions[d].score:>3.0f}",
                    bar(card.dimensions[d].score),
                )
                for d in DIMENSIONS
            ]
        )
    )
    parts.append(heading("Trust"))
    parts.append(
        Text(
            f"between members {trust.density:.2f} · in the partnership "
            f"{trust.partnership:.2f} · norm clarity {trust.norm_clarity:.2f} · "
            f"effectiveness {trust.effectiveness:.2f}\n"
        )
    )
    roster = [
        (m.name + (" (left)" if m.left else ""), m.sends or "—", f"{m.trust:.2f}")
        for m in view.roster
    ]
    parts.append(heading(f"Roster: {view.at_table} at the table, {view.outside} outside"))
    parts.append(columns(roster, ("Member", "sends", "τ")) if roster else Text("nobody yet\n"))

    surfaced = [
        (t.title, t.status + (f" (heat {t.heat:.2f})" if t.heat else "")) for t in view.tensions
    ]
    if surfaced:
        parts += [heading("Tensions"), columns(surfaced)]

    agreement = [(line.issue, line.option or "—") for line in view.agreement]
    parts += [heading(f"Agreement so far: {view.agreed} of {len(view.agreement)}")]
    parts.append(columns(agreement))

    parts.append(heading("Portfolio"))
    if view.portfolio:
        rows = [
            (p.project, str(p.units), money(p.cost), "measured" if p.measured else "not measured")
            for p in view.portfolio
        ]
        parts.append(columns(rows, ("project", "units", "cost", "")))
    else:
        parts.append(Text("nothing funded yet\n"))

    if view.ledger:
        shown = view.ledger[-LEDGER_LINES:]
        rows = [
            (
                line.member,
                str(line.year),
                money(line.pledged),
                ("pending" if line.delivered is None else money(line.delivered))
                + (" ✗" if line.short else ""),
            )
            for line in shown
        ]
        earlier = len(view.ledger) - len(shown)
        title = "Commitment ledger" + (
            f" (last {len(shown)}; {earlier} earlier)" if earlier else ""
        )
        parts += [heading(title), columns(rows, ("Member", "year", "pledged", "delivered"))]

    streams = [(st.name, money(st.balance), money(st.spent)) for st in view.streams]
    parts += [heading("Money by stream"), columns(streams, ("stream", "in hand", "spent"))]
    return Group(*parts)
