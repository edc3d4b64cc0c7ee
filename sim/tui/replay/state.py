"""The state at the selected step: roster, trust, Tensions, the agreement so far, the
portfolio, the commitment ledger, money, and the live scorecard.

Everything is read from a Session the replay rebuilt at that step, so what shows is what
the game held then, not what the final screen says.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from sim.debrief.names import money, option_label, org_name, project_name
from sim.engine.delivery import effectiveness, norm_clarity
from sim.engine.session import Session
from sim.engine.trust import density, partnership_trust
from sim.scenario.words import REPRESENTATIVE
from sim.scoring.model import DIMENSIONS, Scorecard

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


def state_view(session: Session, card: Scorecard) -> RenderableType:
    """Everything the game held at the step, with the scorecard as it stood then."""
    game, s = session.game, session.state
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
            f"between members {density(game, s):.2f} · in the partnership "
            f"{partnership_trust(s):.2f} · norm clarity {norm_clarity(game, s):.2f} · "
            f"effectiveness {effectiveness(game, s):.2f}\n"
        )
    )
    seated = [m for m, v in s.members.items() if v.status in ("table", "left")]
    roster = [
        (
            org_name(game, m) + (" (left)" if s.members[m].status == "left" else ""),
            REPRESENTATIVE.get(s.members[m].representative or "", "—"),
            f"{s.members[m].tau:.2f}",
        )
        for m in seated
    ]
    others = len(s.members) - len(seated)
    parts.append(heading(f"Roster: {len(s.at_table())} at the table, {others} outside"))
    parts.append(columns(roster, ("Member", "sends", "τ")) if roster else Text("nobody yet\n"))

    surfaced = [
        (
            str(getattr(game.tensions[t], "title", t)),
            st.status + (f" (heat {st.heat:.2f})" if st.heat else ""),
        )
        for t, st in s.tensions.items()
        if st.status != "latent"
    ]
    if surfaced:
        parts += [heading("Tensions"), columns(surfaced)]

    agreement = [
        (
            issue.name,
            option_label(game, issue.id, s.agreement[issue.id]) if issue.id in s.agreement else "—",
        )
        for issue in game.scenario.issues
    ]
    parts += [heading(f"Agreement so far: {len(s.agreement)} of {len(game.scenario.issues)}")]
    parts.append(columns(agreement))

    parts.append(heading("Portfolio"))
    if s.batches:
        by_project: dict[str, tuple[int, float, bool]] = {}
        for b in s.batches:
            units, cost, measured = by_project.get(b.project, (0, 0.0, True))
            by_project[b.project] = (units + b.units, cost + b.cost, measured and b.measured)
        rows = [
            (project_name(game, p), str(u), money(c), "measured" if m else "not measured")
            for p, (u, c, m) in by_project.items()
        ]
        parts.append(columns(rows, ("project", "units", "cost", "")))
    else:
        parts.append(Text("nothing funded yet\n"))

    if s.ledger:
        shown = s.ledger[-LEDGER_LINES:]
        rows = []
        for line in shown:
            short = line.delivered is not None and line.delivered < line.pledged - 0.01
            delivered = "pending" if line.delivered is None else money(line.delivered)
            rows.append(
                (
                    org_name(game, line.organization),
                    str(line.year),
                    money(line.pledged),
                    delivered + (" ✗" if short else ""),
                )
            )
        earlier = len(s.ledger) - len(shown)
        title = "Commitment ledger" + (
            f" (last {len(shown)}; {earlier} earlier)" if earlier else ""
        )
        parts += [heading(title), columns(rows, ("Member", "year", "pledged", "delivered"))]

    streams = [
        (str(getattr(game.streams[sid], "name", sid)), money(st.balance), money(st.spent))
        for sid, st in s.streams.items()
    ]
    parts += [heading("Money by stream"), columns(streams, ("stream", "in hand", "spent"))]
    return Group(*parts)
