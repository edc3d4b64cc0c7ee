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
from sim.engine.view import SeatView
from sim.play.driver import pledge_due, vote_due

NEXT = {"forming": "storming", "storming": "norming", "norming": "performing"}


@dataclass(frozen=True)
class Decision:
    """One line: the screen action it runs, its key, its words, and whether it works now."""

    action: str
    key: str
    label: str
    ok: bool


def decisions(view: SeatView) -> list[Decision]:
    """The lines for this seat at this moment, from the moves its view says are on."""
    if view.over:
        return [Decision("scorecard", "enter", "See the scorecard", True)]
    if not view.is_convener:
        return _member_decisions(view)
    kinds = view.kinds
    stage = view.stage
    open_tensions = sum(t.status == "open" for t in view.tensions)
    lines = [Decision("invite", "i", "Invite a member", "invite" in kinds)]
    news = len(view.awaiting)
    if news:
        lines.insert(0, Decision("respond", "n", f"Respond to news ({news})", "respond" in kinds))
    if stage == "forming":
        named = view.result is not None
        lines.append(
            Decision("result", "r", "Result (named)" if named else "Name the result", True)
        )
    if stage == "forming" and "name_steering" in {m.action.kind for m in view.moves}:
        named = bool(view.governance.steering)
        label = "Steering (named)" if named else "Steering committee"
        lines.append(Decision("steering", "y", label, "name_steering" in kinds))
    lines.append(
        Decision("tension", "h", f"Tensions ({open_tensions} open)", "handle_tension" in kinds)
    )
    lines.append(Decision("sound_out", "u", "Sound out a member", "sound_out" in kinds))
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


def _member_decisions(view: SeatView) -> list[Decision]:
    """An organization seat's lines: what it owes first, then everything it may do."""
    kinds = view.kinds
    member = view.member[view.seat]
    lines = []
    if member.invited is not None:
        lines.append(Decision("join", "j", "Answer the invitation", "join" in kinds))
    elif member.status != "table":
        lines.append(Decision("ask_to_join", "k", "Ask to join", "ask_to_join" in kinds))
    if vote_due(view):
        lines.append(Decision("vote", "v", "Vote now", True))
    if pledge_due(view):
        lines.append(Decision("pledge", "p", f"Pledge for year {view.year}", True))
    if "deliver" in kinds:
        lines.append(Decision("deliver", "d", "Deliver your pledge", True))
    answer = sum(d.partner == view.seat and d.status == "offered" for d in view.deals)
    deals = f"Side deals ({answer} to answer)" if answer else "Side deals"
    lines += [
        Decision("deals", "x", deals, bool(kinds & {"offer_deal", "answer_deal"})),
        Decision("tension", "h", "Raise a tension", "raise_tension" in kinds),
        Decision("agreement", "g", "Agreement", True),
        Decision("allocation", "f", "Allocation, ledger", view.stage == "performing"),
        Decision("briefing", "b", "Your brief", True),
        Decision("walk_out", "w", "Walk out", "walk_out" in kinds),
        Decision(
            "end_round",
            "e",
            "End the round",
            view.why_not(A.EndRound(seat=view.seat)) is None,
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
