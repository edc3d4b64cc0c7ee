"""The current decision: what the seat can do now, one line per kind of action, with its key.

Lines the seat cannot use now stay in the list, marked ✗ in words, so the list does not
jump about; the stage bar and the dialogs say why.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sim.engine import actions as A
from sim.play.driver import Driver

NEXT = {"forming": "storming", "storming": "norming", "norming": "performing"}


@dataclass(frozen=True)
class Decision:
    """One line: the screen action it runs, its key, its words, and whether it works now."""

    action: str
    key: str
    label: str
    ok: bool


def decisions(driver: Driver) -> list[Decision]:
    """The lines for this seat at this moment, from the engine's legal actions."""
    session = driver.session
    if session.is_over:
        return [Decision("scorecard", "enter", "See the scorecard", True)]
    if not driver.is_convener:
        return _member_decisions(driver)
    legal = session.legal_actions(A.CONVENER)
    kinds = {a.kind for a in legal}
    stage = session.stage
    open_tensions = sum(t.status == "open" for t in session.state.tensions.values())
    lines = [
        Decision("invite", "i", "Invite a member", "invite" in kinds),
    ]
    news = len(session.state.awaiting)
    if news:
        lines.insert(0, Decision("respond", "n", f"Respond to news ({news})", "respond" in kinds))
    if stage == "forming":
        named = session.state.result is not None
        lines.append(
            Decision("result", "r", "Result (named)" if named else "Name the result", True)
        )
    lines.append(
        Decision(
            "tension",
            "h",
            f"Tensions ({open_tensions} open)",
            "handle_tension" in kinds,
        )
    )
    lines.append(Decision("agreement", "g", "Agreement", "propose" in kinds))
    if stage == "performing":
        lines.append(Decision("allocation", "f", "Allocation", bool(kinds & {"fund", "measure"})))
    lines.append(Decision("reflect", "c", "Reflect", "reflect" in kinds))
    if stage in NEXT:
        lines.append(Decision("advance", "a", f"Advance: {NEXT[stage]}", "advance" in kinds))
    if stage == "forming":
        lines.append(Decision("skip", "s", "Skip: performing", "skip" in kinds))
    lines.append(Decision("end_round", "e", "End the round", "end_round" in kinds))
    return lines


def _member_decisions(driver: Driver) -> list[Decision]:
    session = driver.session
    year = session.state.year
    lines = []
    if driver.vote_due():
        lines.append(Decision("vote", "v", "Vote now", True))
    if driver.pledge_due():
        lines.append(Decision("pledge", "p", f"Pledge for year {year}", True))
    lines += [
        Decision("agreement", "g", "Agreement", True),
        Decision("allocation", "f", "Allocation, ledger", session.stage == "performing"),
        Decision("briefing", "b", "Your brief", True),
        Decision(
            "end_round",
            "e",
            "End the round",
            session.why_illegal(A.EndRound(seat=driver.seat)) is None,
        ),
    ]
    return lines


def decision_prompt(decision: Decision) -> Content:
    if decision.ok:
        return Content.from_markup("[b]$key[/b]  $label", key=decision.key, label=decision.label)
    return Content.from_markup("[dim]$key  $label ✗[/dim]", key=decision.key, label=decision.label)


class DecisionList(OptionList):
    """Arrows and enter run a line; each line's key does the same from anywhere on the table."""

    BORDER_TITLE = "Your move"

    shown: tuple[Decision, ...] = ()

    def show(self, lines: list[Decision]) -> None:
        if tuple(lines) == self.shown:
            return
        self.shown = tuple(lines)
        keep = self.highlighted
        self.set_options(Option(decision_prompt(d), id=d.action, disabled=not d.ok) for d in lines)
        if keep is not None and keep < len(lines) and lines[keep].ok:
            self.highlighted = keep
        else:
            self.highlighted = next((n for n, d in enumerate(lines) if d.ok), None)
